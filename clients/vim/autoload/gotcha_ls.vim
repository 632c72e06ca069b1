" Gotcha LS for ALE: finds the server, its project root and its settings. The linters under
" ale_linters/ register it for Elixir and Dockerfile buffers; everything else happens in the server.
"
" Options (global g:ale_..., or per buffer b:ale_...):
"   ale_gotcha_ls_executable  the launcher, default 'gotcha-ls' on the PATH, else this checkout's bin/gotcha-ls
"   ale_gotcha_ls_jar         run this gotcha-ls.jar with ale_gotcha_ls_java instead of the launcher
"   ale_gotcha_ls_java        default 'java' (Java 17+)
"   ale_gotcha_ls_java_options  JVM options before -jar, default '-XX:+UseSerialGC -Xss8m'
"   ale_gotcha_ls_settings    the server's settings: the object of the `gotcha` section, e.g.
"                             {'rules': {'GT007': {'enabled': v:false}}, 'exclude': ['apps/legacy/**']}

call ale#Set('gotcha_ls_executable', 'gotcha-ls')
call ale#Set('gotcha_ls_jar', '')
call ale#Set('gotcha_ls_java', 'java')
call ale#Set('gotcha_ls_java_options', '-XX:+UseSerialGC -Xss8m')
call ale#Set('gotcha_ls_settings', {})

let s:checkout_launcher = expand('<sfile>:p:h:h:h:h') . '/bin/gotcha-ls'

function! gotcha_ls#Executable(buffer) abort
    if !empty(ale#Var(a:buffer, 'gotcha_ls_jar'))
        return ale#Var(a:buffer, 'gotcha_ls_java')
    endif

    let l:executable = ale#Var(a:buffer, 'gotcha_ls_executable')

    if !executable(l:executable) && executable(s:checkout_launcher)
        return s:checkout_launcher
    endif

    return l:executable
endfunction

function! gotcha_ls#Command(buffer) abort
    let l:jar = ale#Var(a:buffer, 'gotcha_ls_jar')

    if !empty(l:jar)
        return '%e ' . ale#Var(a:buffer, 'gotcha_ls_java_options')
        \   . ' -jar ' . ale#Escape(fnamemodify(l:jar, ':p')) . ' lsp'
    endif

    return '%e lsp'
endfunction

" The nearest folder with a mix.exs, or the umbrella whose apps/ holds it; the file's folder when there is none
" (a Dockerfile above the Mix projects of a monorepo: the server then finds them below it).
function! gotcha_ls#ProjectRoot(buffer) abort
    let l:mix_file = ale#path#FindNearestFile(a:buffer, 'mix.exs')

    if empty(l:mix_file)
        return fnamemodify(bufname(a:buffer), ':p:h')
    endif

    let l:project = fnamemodify(l:mix_file, ':p:h')
    let l:umbrella = fnamemodify(l:project, ':h:h')

    return filereadable(l:umbrella . '/mix.exs') ? l:umbrella : l:project
endfunction

function! gotcha_ls#Settings(buffer) abort
    return ale#Var(a:buffer, 'gotcha_ls_settings')
endfunction

" ALE does not answer workspace/configuration; it sends this with workspace/didChangeConfiguration.
function! gotcha_ls#Configuration(buffer) abort
    return {'gotcha': gotcha_ls#Settings(a:buffer)}
endfunction

function! gotcha_ls#Define(filetype) abort
    call ale#linter#Define(a:filetype, {
    \   'name': 'gotcha-ls',
    \   'aliases': ['gotcha_ls'],
    \   'lsp': 'stdio',
    \   'executable': function('gotcha_ls#Executable'),
    \   'command': function('gotcha_ls#Command'),
    \   'project_root': function('gotcha_ls#ProjectRoot'),
    \   'initialization_options': function('gotcha_ls#Settings'),
    \   'lsp_config': function('gotcha_ls#Configuration'),
    \})
endfunction
