ExUnit.start()
Ecto.Adapters.SQL.Sandbox.mode(Ledger.Repo, :manual)
