call "%~dp0\bookshelf" eval Bookshelf.Release.migrate
