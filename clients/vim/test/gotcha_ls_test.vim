" Vim + ALE client test, run by clients/vim/test/run as Vim's vimrc (vim -N -u this-file) on a pseudo-terminal:
" ALE needs jobs and timers, which need Vim's main loop. It acts as a user: opens config/prod.exs of a copy of a
" sample workspace, waits for ALE's diagnostics, applies the quick fix with :ALECodeAction, then breaks the
" Dockerfile and waits for its diagnostic. Writes one line per check and PASS or FAIL to $GOTCHA_TEST_OUT.

set nocompatible hidden noswapfile
let s:repo = expand('<sfile>:p:h:h:h:h')
let s:workspace = $GOTCHA_TEST_WORKSPACE
let s:timeout = 60

packadd! ale
execute 'set runtimepath^=' . fnameescape(s:repo . '/clients/vim')
filetype plugin on

" The README's setup: ALE runs only credo, dialyxir and dogma for Elixir unless told otherwise.
let g:ale_linters = {'elixir': ['gotcha-ls'], 'dockerfile': ['gotcha-ls']}
let g:ale_gotcha_ls_executable = $GOTCHA_TEST_LAUNCHER
let g:ale_gotcha_ls_settings = {
\   'rules': {'GT005': {'severity': 'warning', 'secret_keys': ['stripe_key']}, 'GT006': {'enabled': v:false}},
\   'exclude': ['apps/legacy/**'],
\}

let s:lines = []
let s:failures = 0
let s:start = reltime()

function! s:Check(what, ok, detail) abort
    if a:ok
        call add(s:lines, 'ok    ' . a:what)
    else
        let s:failures += 1
        call add(s:lines, 'FAIL  ' . a:what)
        call add(s:lines, '      got: ' . string(a:detail))
    endif
endfunction

function! s:Finish() abort
    call add(s:lines, printf('%s: %d failed, %.1f s', s:failures ? 'FAIL' : 'PASS', s:failures,
    \   reltimefloat(reltime(s:start))))
    call writefile(s:lines, $GOTCHA_TEST_OUT)
    qa!
endfunction

function! s:Diagnostics() abort
    return map(copy(ale#engine#GetLoclist(bufnr(''))),
    \   '[v:val.lnum, v:val.col, get(v:val, "code", ""), v:val.type, v:val.text]')
endfunction

" Calls Step(diagnostics) every 200 ms until it returns 1; fails WHAT after the timeout.
function! s:WaitFor(what, Step) abort
    let l:deadline = reltimefloat(reltime()) + s:timeout
    let l:state = {'what': a:what, 'Step': a:Step, 'deadline': l:deadline}
    call timer_start(200, function('s:Poll', [l:state]), {'repeat': -1})
endfunction

function! s:Poll(state, timer) abort
    try
        if a:state.Step(s:Diagnostics())
            call timer_stop(a:timer)
        elseif reltimefloat(reltime()) > a:state.deadline
            call timer_stop(a:timer)
            call s:Check(a:state.what . ' within ' . s:timeout . ' s', 0, s:Diagnostics())
            call s:Finish()
        endif
    catch
        call timer_stop(a:timer)
        call s:Check('no error in the test', 0, v:exception . ' at ' . v:throwpoint)
        call s:Finish()
    endtry
endfunction

" :ALECodeAction lists the actions and asks for a number; answer with the quick fix's number. ALE's own
" ale#util#Input is loaded first, so that autoloading does not replace this one later.
runtime autoload/ale/util.vim
let s:offered = ''
function! ale#util#Input(message, ...) abort
    let s:offered = a:message
    let l:match = matchlist(a:message, '\v(\d+)\) Change :debug to :info')
    return empty(l:match) ? '' : l:match[1]
endfunction

function! s:Start() abort
    " Listed, not loaded: ALE leaves it alone.
    let l:umbrella = $GOTCHA_TEST_UMBRELLA
    let l:app_file = bufadd(l:umbrella . '/apps/core/lib/core/application.ex')
    call s:Check("an umbrella app's file has the umbrella for project root",
    \   gotcha_ls#ProjectRoot(l:app_file) is# l:umbrella, gotcha_ls#ProjectRoot(l:app_file))
    execute 'edit ' . fnameescape(s:workspace . '/config/prod.exs')
    call s:WaitFor('diagnostics in config/prod.exs', function('s:OnProdDiagnostics'))
endfunction

function! s:OnProdDiagnostics(diagnostics) abort
    if empty(a:diagnostics)
        return 0
    endif
    call add(s:lines, printf('      first diagnostics %.1f s after opening', reltimefloat(reltime(s:start))))
    call add(s:lines, '      ' . string(a:diagnostics))
    call s:Check('config/prod.exs: GT007 warning on line 19, column 24, with its message',
    \   len(a:diagnostics) == 1 && a:diagnostics[0][0:3] == [19, 24, 'GT007', 'W']
    \   && a:diagnostics[0][4] =~# '^Logger level :debug in config/prod.exs applies to production',
    \   a:diagnostics)
    call cursor(19, 24)
    ALECodeAction
    call s:WaitFor('the quick fix', function('s:OnFixed'))
    return 1
endfunction

function! s:OnFixed(diagnostics) abort
    if getline(19) is# 'config :logger, level: :debug'
        return 0
    endif
    call s:Check(':ALECodeAction offered the quick fix', s:offered =~# ') Change :debug to :info', s:offered)
    call s:Check('the quick fix rewrote line 19', getline(19) is# 'config :logger, level: :info', getline(19))
    call s:WaitFor('GT007 gone after the fix', {d -> empty(d) && s:OnClean()})
    return 1
endfunction

function! s:OnClean() abort
    call s:Check('no diagnostics left in config/prod.exs', 1, [])
    " This Dockerfile is clean; deleting its asset build is a gotcha.
    execute 'edit ' . fnameescape(s:workspace . '/Dockerfile')
    call s:Check('the Dockerfile has the dockerfile filetype', &filetype is# 'dockerfile', &filetype)
    global/^RUN mix assets.deploy$/delete
    ALELint
    call s:WaitFor('a diagnostic in the edited Dockerfile', function('s:OnDockerfileDiagnostics'))
    return 1
endfunction

function! s:OnDockerfileDiagnostics(diagnostics) abort
    if empty(a:diagnostics)
        return 0
    endif
    call add(s:lines, '      ' . string(a:diagnostics))
    call s:Check('Dockerfile: GT004 error on `RUN mix release` (line 63, column 5), assets not built',
    \   len(a:diagnostics) == 1 && a:diagnostics[0][0:3] == [63, 5, 'GT004', 'E']
    \   && a:diagnostics[0][4] =~# '^Stage `builder` runs `mix release` with no `mix assets.deploy`',
    \   a:diagnostics)
    call s:Finish()
    return 1
endfunction

" ++nested: the :edit in s:Start() must run the filetype detection autocommands.
autocmd VimEnter * ++nested call s:Start()
