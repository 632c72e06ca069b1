import Config

# We don't run a server during test. If one is required,
# you can enable the server option below.
config :myapp, MyappWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4002],
  secret_key_base: "b7Xc2Lm9Qp4Rt8Vw1Zy6Ad3Fg5Hj0Kn2Ms7Pu4Sx9Tb1Wc6Ye3Ze8Gh5Jk0Ln",
  server: false

# Print only warnings and errors during test
config :logger, level: :warning

# Initialize plugs at runtime for faster test compilation
config :phoenix, :plug_init_mode, :runtime
