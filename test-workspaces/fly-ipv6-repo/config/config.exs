import Config

config :ledger, ecto_repos: [Ledger.Repo]

config :ledger, LedgerWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
