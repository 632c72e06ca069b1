defmodule MarketWeb.PageController do
  use MarketWeb, :controller

  def home(conn, _params) do
    render(conn, :home)
  end
end
