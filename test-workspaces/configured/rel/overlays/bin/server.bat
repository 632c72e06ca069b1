set PHX_SERVER=true
call "%~dp0\ledger" start
