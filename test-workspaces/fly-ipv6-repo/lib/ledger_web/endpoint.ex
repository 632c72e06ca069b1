defmodule LedgerWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :ledger

  plug Plug.RequestId
  plug Plug.Parsers, parsers: [:urlencoded, :json], json_decoder: Jason
end
