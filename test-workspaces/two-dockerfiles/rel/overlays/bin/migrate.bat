call "%~dp0\forum" eval Forum.Release.migrate
