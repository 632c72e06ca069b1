ExUnit.start()
Ecto.Adapters.SQL.Sandbox.mode(Notes.Repo, :manual)
