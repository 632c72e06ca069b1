import Config

config :kiosk, KioskWeb.Endpoint, code_reloader: true, debug_errors: true
