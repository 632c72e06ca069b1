import Config

# Left over from debugging a websocket problem on staging
config :notes, NotesWeb.Endpoint,
  check_origin: false,
  debug_errors: true

config :logger, level: :info
