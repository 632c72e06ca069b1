import Config

config :notes, NotesWeb.Endpoint, url: [host: "localhost"]

import_config "#{config_env()}.exs"
