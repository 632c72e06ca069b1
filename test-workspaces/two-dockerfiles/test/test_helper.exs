ExUnit.start()
Ecto.Adapters.SQL.Sandbox.mode(Forum.Repo, :manual)
