defmodule LedgerWeb.HealthController do
  @moduledoc "The load balancer polls /healthz to decide which instances take traffic."

  use LedgerWeb, :controller

  def index(conn, _params) do
    text(conn, "ok")
  end
end
