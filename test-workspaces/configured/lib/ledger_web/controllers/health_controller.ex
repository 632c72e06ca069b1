defmodule LedgerWeb.HealthController do
  use LedgerWeb, :controller

  def index(conn, _params) do
    text(conn, "ok")
  end
end
