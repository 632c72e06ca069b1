import Config

config :kiosk, KioskWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
