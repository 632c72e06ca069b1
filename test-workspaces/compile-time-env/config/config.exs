# This file is responsible for configuring your application
# and its dependencies with the aid of the Config module.
#
# This configuration file is loaded before any dependency and
# is restricted to this project.

# General application configuration
import Config

config :pantry,
  ecto_repos: [Pantry.Repo],
  generators: [timestamp_type: :utc_datetime]

# Configures the endpoint
config :pantry, PantryWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  render_errors: [
    formats: [json: PantryWeb.ErrorJSON],
    layout: false
  ],
  pubsub_server: Pantry.PubSub

# Configures Elixir's Logger
config :logger, :console,
  format: "$time $metadata[$level] $message\n",
  metadata: [:request_id]

# Use Jason for JSON parsing in Phoenix
config :phoenix, :json_library, Jason

# In development, talk to a local mock of the supplier API unless told otherwise.
if config_env() == :dev do
  config :pantry, :supplier_api, url: System.get_env("SUPPLIER_API_URL", "http://localhost:4010")
end

# Import environment specific config. This must remain at the bottom
# of this file so it overrides the configuration defined above.
import_config "#{config_env()}.exs"
