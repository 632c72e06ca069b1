import Config

# Do not print debug messages in production
config :logger, level: :info

# Configure your database
config :pantry, Pantry.Repo,
  url: System.get_env("DATABASE_URL"),
  pool_size: 10

# The secret key base is used to sign/encrypt cookies and other secrets.
config :pantry, PantryWeb.Endpoint,
  secret_key_base: System.fetch_env!("SECRET_KEY_BASE")

# Runtime production configuration, including reading
# of environment variables, is done on config/runtime.exs.
