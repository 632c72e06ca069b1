import Config

config :notes, NotesWeb.Endpoint,
  server: true,
  secret_key_base: System.fetch_env!("SECRET_KEY_BASE")

config :notes, Notes.Repo, url: System.fetch_env!("DATABASE_URL")
