defmodule NotesWeb.UserAuth do
  import Plug.Conn

  def log_in_user(conn, user) do
    conn
    |> configure_session(renew: true)
    |> put_session(:user_id, user.id)
  end
end
