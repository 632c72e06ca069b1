# This file is responsible for configuring your application
# and its dependencies with the aid of the Config module.
#
# This configuration file is loaded before any dependency and
# is restricted to this project.

# General application configuration
import Config

config :notes,
  generators: [timestamp_type: :utc_datetime]

# Configure the endpoint
config :notes, NotesWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  render_errors: [
    formats: [json: NotesWeb.ErrorJSON],
    layout: false
  ],
  pubsub_server: Notes.PubSub,
  live_view: [signing_salt: "GPdFcAH8"]

# Configure Elixir's Logger
config :logger, :default_formatter,
  format: "$time $metadata[$level] $message\n",
  metadata: [:request_id]

# Verbose logging only on developer machines. prod.exs and test.exs
# set their own levels.
if config_env() == :dev do
  config :logger, level: :debug
end

# Use Jason for JSON parsing in Phoenix
config :phoenix, :json_library, Jason

# Import environment specific config. This must remain at the bottom
# of this file so it overrides the configuration defined above.
import_config "#{config_env()}.exs"
