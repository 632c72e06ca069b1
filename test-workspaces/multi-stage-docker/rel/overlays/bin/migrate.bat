call "%~dp0\tracker" eval Tracker.Release.migrate
