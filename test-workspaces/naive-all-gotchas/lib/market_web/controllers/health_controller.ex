defmodule MarketWeb.HealthController do
  @moduledoc "The load balancer polls /health to decide which instances take traffic."

  use MarketWeb, :controller

  def index(conn, _params) do
    send_resp(conn, 200, "ok")
  end
end
