import Config

# Added with the Elixir 1.16 upgrade
config :notes, NotesWeb.Endpoint, server: true, http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: String.to_integer(System.get_env("PORT") || "4000")]
