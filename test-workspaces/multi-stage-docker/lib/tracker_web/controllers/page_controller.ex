defmodule TrackerWeb.PageController do
  use TrackerWeb, :controller

  def home(conn, _params) do
    render(conn, :home)
  end
end
