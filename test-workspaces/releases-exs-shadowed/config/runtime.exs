import Config

# Added with the Elixir 1.16 upgrade
config :notes, NotesWeb.Endpoint, server: true
