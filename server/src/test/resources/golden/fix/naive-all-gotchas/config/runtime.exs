import Config

if System.get_env("PHX_SERVER") do
  config :market, MarketWeb.Endpoint, server: true
end

if config_env() == :prod do
  host = System.get_env("PHX_HOST") || "example.com"
  port = String.to_integer(System.get_env("PORT") || "4000")

  config :market, MarketWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port]

  # Read the database at build time (the way this app was set up before runtime.exs existed).
  config :market, Market.Repo,
    url: System.get_env("DATABASE_URL"),
    pool_size: 10
end
