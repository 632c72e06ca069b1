defmodule KioskWeb.Router do
  use Phoenix.Router

  get "/health", KioskWeb.HealthController, :index
end
