set PHX_SERVER=true
call "%~dp0\notes" start
