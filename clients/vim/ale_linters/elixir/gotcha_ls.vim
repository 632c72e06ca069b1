" Gotcha LS: deployment gotchas of Elixir/Phoenix projects (see autoload/gotcha_ls.vim for its options).
call gotcha_ls#Define('elixir')
