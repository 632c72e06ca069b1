defmodule MarketWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :market

  @session_options [
    store: :cookie,
    key: "_market_key",
    signing_salt: "k2Jd8sPq",
    same_site: "Lax"
  ]

  plug Plug.Static,
    at: "/",
    from: :market,
    gzip: false,
    only: MarketWeb.static_paths()

  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug Plug.MethodOverride
  plug Plug.Head
  plug Plug.Session, @session_options
  plug MarketWeb.Router
end
