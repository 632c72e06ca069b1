import Config

config :relay, RelayWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Relay.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
