call "%~dp0\ledger" eval Ledger.Release.migrate
