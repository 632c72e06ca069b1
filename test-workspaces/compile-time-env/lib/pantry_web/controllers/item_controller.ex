defmodule PantryWeb.ItemController do
  use Phoenix.Controller, formats: [:json]

  def index(conn, _params) do
    json(conn, %{items: []})
  end

  def show(conn, %{"id" => id}) do
    json(conn, %{id: id})
  end
end
