import Config

# Always HTTPS in production.
config :kiosk, KioskWeb.Endpoint, force_ssl: [hsts: true]

config :logger, level: :info
