import Config

config :notes, NotesWeb.Endpoint, check_origin: false, debug_errors: true, code_reloader: true
