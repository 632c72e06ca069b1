import Config

config :logger, level: :debug
