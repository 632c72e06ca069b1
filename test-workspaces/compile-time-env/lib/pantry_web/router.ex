defmodule PantryWeb.Router do
  use Phoenix.Router

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", PantryWeb do
    pipe_through :api

    resources "/items", ItemController, only: [:index, :show]
  end
end
