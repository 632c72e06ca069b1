call "%~dp0\shop" eval Shop.Release.migrate
