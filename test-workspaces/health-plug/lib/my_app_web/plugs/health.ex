defmodule MyAppWeb.Plugs.Health do
  @moduledoc """
  Answers the load balancer's health check at `/health` before the request
  reaches logging, sessions and the router.
  """
  @behaviour Plug

  import Plug.Conn

  @impl true
  def init(opts), do: opts

  @impl true
  def call(%Plug.Conn{request_path: "/health"} = conn, _opts) do
    conn
    |> put_resp_content_type("text/plain")
    |> send_resp(200, "ok")
    |> halt()
  end

  def call(conn, _opts), do: conn
end
