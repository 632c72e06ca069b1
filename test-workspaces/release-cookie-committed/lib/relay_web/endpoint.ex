defmodule RelayWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :relay

  plug Plug.RequestId
end
