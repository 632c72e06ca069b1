set PHX_SERVER=true
call "%~dp0\bookshelf" start
