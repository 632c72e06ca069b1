defmodule MyappWeb.OrderController do
  use Phoenix.Controller, formats: [:json]

  def show(conn, %{"id" => id}) do
    json(conn, %{id: id, status: "pending", url: MyappWeb.Endpoint.url() <> "/api/orders/" <> id})
  end
end
