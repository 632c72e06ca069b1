defmodule NotesWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :notes

  socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]

  plug Plug.Session, store: :cookie, key: "_notes_key", signing_salt: "n0tesS4lt"
  plug NotesWeb.Router
end
