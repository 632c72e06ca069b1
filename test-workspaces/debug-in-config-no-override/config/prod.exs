import Config

# Configures Swoosh API Client
config :swoosh, api_client: Swoosh.ApiClient.Finch, finch_name: Ledger.Finch

# Disable Swoosh Local Memory Storage
config :swoosh, local: false

# Keep the request and posting ids on every production log line
# so support can follow a single transfer through the logs.
config :logger, :console, metadata: [:request_id, :account_id, :posting_id]

# Runtime production configuration, including reading
# of environment variables, is done on config/runtime.exs.
