import Config

config :market,
  ecto_repos: [Market.Repo],
  generators: [timestamp_type: :utc_datetime]

config :market, MarketWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  render_errors: [
    formats: [html: MarketWeb.ErrorHTML, json: MarketWeb.ErrorJSON],
    layout: false
  ],
  pubsub_server: Market.PubSub,
  live_view: [signing_salt: "q9Xw3bQe"]

config :esbuild,
  version: "0.17.11",
  market: [
    args:
      ~w(js/app.js --bundle --target=es2017 --outdir=../priv/static/assets --external:/fonts/* --external:/images/*),
    cd: Path.expand("../assets", __DIR__),
    env: %{"NODE_PATH" => Path.expand("../deps", __DIR__)}
  ]

config :logger, :console,
  format: "$time $metadata[$level] $message\n",
  metadata: [:request_id]

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
