defmodule KioskWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :kiosk

  plug Plug.RequestId
  plug KioskWeb.Router
end
