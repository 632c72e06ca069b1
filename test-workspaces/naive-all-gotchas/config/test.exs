import Config

config :market, Market.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "market_test#{System.get_env("MIX_TEST_PARTITION")}",
  pool: Ecto.Adapters.SQL.Sandbox,
  pool_size: System.schedulers_online() * 2

config :market, MarketWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4002],
  secret_key_base: "tEsT1mV0dY8n2rQ4sT6uW8yA0cE2gI4kM6oQ8sU0wY2aC4eG6iK8mO0qS2uW4yA6c",
  server: false

config :logger, level: :warning

config :phoenix, :plug_init_mode, :runtime
