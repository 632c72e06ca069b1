import Config

config :market, MarketWeb.Endpoint,
  cache_static_manifest: "priv/static/cache_manifest.json",
  secret_key_base: "pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yT"

# Turned up while chasing a checkout bug in production.
config :logger, level: :info
