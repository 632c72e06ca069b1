import Config

# The API sits behind the load balancer, which terminates TLS.
config :myapp, MyappWeb.Endpoint, url: [host: "localhost", port: 443, scheme: "https"]

# Do not print debug messages in production
config :logger, level: :info

# Runtime production configuration, including reading
# of environment variables, is done on config/runtime.exs.
