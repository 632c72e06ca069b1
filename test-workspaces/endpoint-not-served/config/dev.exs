import Config

# For development, we disable any cache and enable
# debugging and code reloading.
config :myapp, MyappWeb.Endpoint,
  # Binding to loopback ipv4 address prevents access from other machines.
  # Change to `ip: {0, 0, 0, 0}` to allow access from other machines.
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: "hV0mX2Qy7Lr4N9pTzKc1WfBd8Ge3Ja6Su5Yo0Ri2Ex7Nm4Pv9Tq1Zb3Hc8Kd6Lf",
  watchers: []

# Enable dev routes for dashboard and mailbox
config :myapp, dev_routes: true

# Do not include metadata nor timestamps in development logs
config :logger, :console, format: "[$level] $message\n"

# Set a higher stacktrace during development. Avoid configuring such
# in production as building large stacktraces may be expensive.
config :phoenix, :stacktrace_depth, 20

# Initialize plugs at runtime for faster development compilation
config :phoenix, :plug_init_mode, :runtime
