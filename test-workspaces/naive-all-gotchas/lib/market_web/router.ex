defmodule MarketWeb.Router do
  use MarketWeb, :router

  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :protect_from_forgery
    plug :put_secure_browser_headers
  end

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/", MarketWeb do
    pipe_through :browser

    get "/", PageController, :home
  end

  # The load balancer's health check.
  scope "/", MarketWeb do
    pipe_through :api

    get "/health", HealthController, :index
  end
end
