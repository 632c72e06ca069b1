defmodule NotesWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :notes

  socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]

  plug NotesWeb.Router
end
