defmodule NotesWeb.Router do
  use Phoenix.Router
  import Phoenix.LiveView.Router

  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :fetch_live_flash
    plug :protect_from_forgery
  end

  scope "/", NotesWeb do
    pipe_through :browser

    live "/", NoteLive.Index, :index
  end
end
