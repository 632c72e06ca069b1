defmodule PaymentsWeb.UserAuth do
  @moduledoc "Signs users in and out: the session cookie says who they are."
  import Plug.Conn

  def log_in_user(conn, user) do
    conn
    |> configure_session(renew: true)
    |> put_session(:user_id, user.id)
  end

  def log_out_user(conn) do
    configure_session(conn, drop: true)
  end
end
