import Config

config :ledger, Ledger.Repo, username: "postgres", password: "postgres", database: "ledger_dev"
