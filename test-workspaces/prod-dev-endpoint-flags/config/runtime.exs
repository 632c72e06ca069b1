import Config

if config_env() == :prod do
  config :notes, NotesWeb.Endpoint,
    server: true,
    url: [host: System.get_env("PHX_HOST"), port: 443, scheme: "https"],
    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
end
