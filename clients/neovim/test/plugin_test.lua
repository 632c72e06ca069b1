-- Headless tests of the plugin against the real server (GOTCHA_LS_JAR), on copies of test-workspaces/.
local h = require("harness")
local test, check, eq, wait_for = h.test, h.check, h.eq, h.wait_for

local gotcha = require("gotcha_ls")
local root = require("gotcha_ls.root")
local server = require("gotcha_ls.server")

local plugin_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h")
local repo = vim.fn.fnamemodify(plugin_dir, ":h:h")
local work = vim.fn.tempname()
vim.fn.mkdir(work, "p")

local TIMEOUT = 60000

--- A fresh copy of a sample workspace: the tests edit buffers and add files, never the repository's copy.
local function copy_workspace(name, as)
  local target = work .. "/" .. (as or name)
  local output = vim.fn.system({ "cp", "-R", repo .. "/test-workspaces/" .. name, target })
  check(vim.v.shell_error == 0, "could not copy " .. name .. ": " .. output)
  return target
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function clients_of(bufnr)
  local found = {}
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(attached) do
    if client.name == "gotcha_ls" then
      table.insert(found, client)
    end
  end
  return found
end

local function attached_client(bufnr)
  return wait_for(TIMEOUT, function()
    local found = clients_of(bufnr)
    return found[1] and found[1].initialized and found[1]
  end, "a gotcha_ls client on " .. vim.api.nvim_buf_get_name(bufnr))
end

local SEVERITY = { "error", "warning", "info", "hint" }

--- The findings `gotcha-ls check` reports for one file, from the workspace's golden file.
local function expected_findings(workspace, file)
  local findings = {}
  for _, line in ipairs(vim.fn.readfile(workspace .. "/expected-diagnostics.txt")) do
    local path, lnum, col, severity, code, message = line:match("^(.-):(%d+):(%d+): (%a+) %[(%w+)%] (.*)$")
    if path == file then
      table.insert(findings, { lnum = tonumber(lnum), col = tonumber(col), severity = severity, code = code,
        message = message })
    end
  end
  return findings
end

--- The buffer's diagnostics in the same shape, sorted by position.
local function findings_of(bufnr)
  local findings = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(findings, { lnum = d.lnum + 1, col = d.col + 1, severity = SEVERITY[d.severity], code = d.code,
      message = d.message, source = d.source })
  end
  table.sort(findings, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return findings
end

local function describe(findings)
  local lines = {}
  for _, f in ipairs(findings) do
    table.insert(lines, ("%d:%d %s [%s] %s"):format(f.lnum, f.col, f.severity, tostring(f.code), f.message))
  end
  return #lines == 0 and "(none)" or table.concat(lines, "; ")
end

local function assert_findings(bufnr, expected, what)
  local actual = findings_of(bufnr)
  for _, f in ipairs(actual) do
    eq(f.source, "gotcha", what .. ": diagnostic source")
    f.source = nil
  end
  if not vim.deep_equal(actual, expected) then
    h.fail(("%s:\n  expected %s\n  got      %s"):format(what, describe(expected), describe(actual)))
  end
end

local function with_env(name, value, fn)
  local saved = vim.env[name]
  vim.env[name] = value
  local ok, err = pcall(fn)
  vim.env[name] = saved
  if not ok then
    error(err, 0)
  end
end

local naive, umbrella

test("setup() rejects options of the wrong type with a clear message", function()
  local ok, err = pcall(gotcha.setup, { jar = { "not", "a", "path" } })
  check(not ok and tostring(err):find("option jar: expected a string, got table", 1, true), tostring(err))
end)

test("the client declares no pull diagnostics, so the server pushes the findings of unopened files too", function()
  local given = { textDocument = { diagnostic = { dynamicRegistration = false }, hover = { dynamicRegistration = false } } }
  gotcha.setup({ capabilities = given })
  local config = gotcha.client_config("/tmp")
  eq(config.capabilities.textDocument.diagnostic, nil, "pull diagnostics")
  eq(config.capabilities.textDocument.hover.dynamicRegistration, false, "the other capabilities given to setup()")
  eq(given.textDocument.diagnostic.dynamicRegistration, false, "the caller's table is left as it was")
  gotcha.setup({})
  eq(gotcha.client_config("/tmp").capabilities.textDocument.diagnostic, nil, "Neovim's own capabilities")
end)

local attached_by_on_attach = {}

test("setup() starts nothing until a buffer of its filetypes opens", function()
  gotcha.setup({
    settings = { gotcha = { rules = { ["hardcoded-secret"] = { secret_keys = { "stripe_key" } } },
      exclude = { "apps/legacy/**" } } },
    on_attach = function(client, bufnr)
      attached_by_on_attach[bufnr] = client.name
    end,
  })
  eq(#gotcha.clients(), 0, "clients after setup")
end)

test("the server comes from GOTCHA_LS_JAR, run by the Java that JAVA_HOME or PATH names", function()
  local jar = vim.env.GOTCHA_LS_JAR
  check(jar and vim.loop.fs_stat(jar), "GOTCHA_LS_JAR must name the built jar, is " .. tostring(jar))
  local resolved = server.resolve(gotcha.options())
  eq(resolved.source, "GOTCHA_LS_JAR", "where the server came from")
  eq(resolved.cmd, { resolved.java, "-jar", jar, "lsp" }, "command")
  check(vim.fn.executable(resolved.java) == 1, "java is not executable: " .. tostring(resolved.java))
end)

test("discovery order: cmd option, jar option, GOTCHA_LS_JAR, gotcha-ls on PATH; java_home before JAVA_HOME",
  function()
    eq(server.resolve({ cmd = { "my-gotcha", "lsp" }, jar = "/x.jar" }).cmd, { "my-gotcha", "lsp" }, "cmd option")
    eq(server.resolve({ jar = "/opt/g.jar", java_home = "/opt/jdk", java_options = { "-Xmx1g" } }).cmd,
      { "/opt/jdk/bin/java", "-Xmx1g", "-jar", "/opt/g.jar", "lsp" }, "jar and java_home options")
    local bin = work .. "/bin"
    vim.fn.mkdir(bin, "p")
    vim.fn.writefile({ "#!/bin/sh", "exit 0" }, bin .. "/gotcha-ls")
    vim.fn.setfperm(bin .. "/gotcha-ls", "rwxr-xr-x")
    with_env("PATH", bin .. ":" .. vim.env.PATH, function()
      eq(server.resolve({}).source, "GOTCHA_LS_JAR", "GOTCHA_LS_JAR before the launcher on PATH")
      with_env("GOTCHA_LS_JAR", nil, function()
        local resolved = server.resolve({ java_home = "/opt/jdk" })
        eq(resolved.cmd, { bin .. "/gotcha-ls", "lsp" }, "launcher on PATH")
        eq(resolved.cmd_env, { GOTCHA_JAVA = "/opt/jdk/bin/java" }, "the launcher is told the chosen Java")
      end)
    end)
    with_env("JAVA_HOME", "/nonexistent-jdk", function()
      check(server.resolve({}).java ~= "/nonexistent-jdk/bin/java", "a JAVA_HOME without bin/java is skipped")
    end)
  end)

test("Java versions are read from java -version", function()
  eq(server.parse_java_version('openjdk version "17.0.15" 2025-04-15'), 17, "17.0.15")
  eq(server.parse_java_version('java version "1.8.0_392"'), 8, "1.8.0_392")
  eq(server.parse_java_version('openjdk version "21" 2023-09-19'), 21, "21")
  eq(server.parse_java_version("bash: java: command not found"), nil, "no version")
end)

test("root: a file in an umbrella app belongs to the umbrella (the outermost mix.exs)", function()
  umbrella = copy_workspace("umbrella")
  for _, app in ipairs(vim.fn.readdir(umbrella .. "/apps")) do
    check(vim.loop.fs_stat(umbrella .. "/apps/" .. app .. "/mix.exs"), app .. " has its own mix.exs")
    eq(root.find(umbrella .. "/apps/" .. app .. "/lib/" .. app .. "/application.ex"), umbrella, "root of " .. app)
  end
  eq(root.find(umbrella .. "/config/prod.exs"), umbrella, "root of config/prod.exs")
  eq(root.find(work .. "/nowhere/file.ex"), nil, "root outside any Mix project")
end)

test("diagnostics: opening config/prod.exs of a copy of naive-debug-logging shows GT007 on line 19", function()
  naive = copy_workspace("naive-debug-logging")
  local bufnr = open(naive .. "/config/prod.exs")
  eq(vim.bo[bufnr].filetype, "elixir", "filetype")
  local client = attached_client(bufnr)
  eq(client.config.root_dir, naive, "root_dir")
  eq(attached_by_on_attach[bufnr], "gotcha_ls", "the on_attach given to setup() ran for the buffer")
  local expected = expected_findings(naive, "config/prod.exs")
  check(#expected > 0, "the golden file lists findings for config/prod.exs")
  wait_for(TIMEOUT, function()
    return #vim.diagnostic.get(bufnr) >= #expected
  end, "diagnostics on config/prod.exs")
  assert_findings(bufnr, expected, "diagnostics of config/prod.exs (as expected-diagnostics.txt)")
  local first = vim.diagnostic.get(bufnr)[1]
  eq(first.code, "GT007", "rule id")
  eq(first.lnum + 1, 19, "line")
  check(first.message:find("Logger level :debug", 1, true), "message names the level: " .. first.message)
end)

test("code action: choosing \"Change :debug to :info\" edits the buffer and the warning goes away", function()
  local path = naive .. "/config/prod.exs"
  local bufnr = vim.fn.bufnr(path)
  vim.api.nvim_set_current_buf(bufnr)
  local diagnostic = vim.diagnostic.get(bufnr)[1]
  vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
  local before = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum, diagnostic.lnum + 1, true)[1]
  eq(before, "config :logger, level: :debug", "line 19 before")

  -- The user picks from the menu vim.ui.select shows (Neovim 0.7 has no filter/apply options).
  local offered
  local original_select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local choice
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if title == "Change :debug to :info" then
        choice = item
      end
    end
    on_choice(choice)
  end
  local ok, err = pcall(vim.lsp.buf.code_action)
  if ok then
    ok, err = pcall(wait_for, TIMEOUT, function() return offered end, "the code action menu")
  end
  vim.ui.select = original_select
  check(ok, tostring(err))
  check(vim.tbl_contains(offered, "Change :debug to :info"),
    "the menu offers \"Change :debug to :info\"; it offered " .. vim.inspect(offered))

  wait_for(TIMEOUT, function()
    return vim.api.nvim_buf_get_lines(bufnr, 18, 19, true)[1] == "config :logger, level: :info"
  end, "line 19 to read config :logger, level: :info")
  eq(vim.api.nvim_buf_line_count(bufnr), #vim.fn.readfile(path), "line count (only that line changed)")
  wait_for(TIMEOUT, function()
    return #vim.diagnostic.get(bufnr) == 0
  end, "the GT007 warning to go once the server re-analysed the edited buffer")
  eq(vim.fn.readfile(path)[19], "config :logger, level: :debug", "the file on disk (nothing saved)")
end)

test("one client per root, reused across buffers: both umbrella apps and the config share one", function()
  local buffers = {
    open(umbrella .. "/apps/core/lib/core/application.ex"),
    open(umbrella .. "/apps/core_web/lib/core_web/application.ex"),
    open(umbrella .. "/config/prod.exs"),
  }
  local first = attached_client(buffers[1])
  eq(first.config.root_dir, umbrella, "root_dir of the umbrella client")
  for _, bufnr in ipairs(buffers) do
    eq(attached_client(bufnr).id, first.id, "client of " .. vim.api.nvim_buf_get_name(bufnr))
  end
  local prod = buffers[3]
  local expected = expected_findings(umbrella, "config/prod.exs")
  wait_for(TIMEOUT, function()
    return #vim.diagnostic.get(prod) >= #expected
  end, "diagnostics on the umbrella's config/prod.exs")
  assert_findings(prod, expected, "diagnostics of the umbrella's config/prod.exs")

  local roots = {}
  for _, client in ipairs(gotcha.clients()) do
    table.insert(roots, client.config.root_dir)
  end
  table.sort(roots)
  eq(roots, { naive, umbrella }, "roots of the running clients (one each)")
end)

test("workspace diagnostics: the Dockerfile, router and fly.toml of naive-all-gotchas get findings unopened", function()
  local all = copy_workspace("naive-all-gotchas")
  local bufnr = open(all .. "/config/prod.exs")
  local client = attached_client(bufnr)
  for _, file in ipairs({ "Dockerfile", "lib/market_web/router.ex", "fly.toml" }) do
    local unopened = vim.uri_to_bufnr(vim.uri_from_fname(all .. "/" .. file))
    local expected = expected_findings(all, file)
    check(#expected > 0, "the golden file lists findings for " .. file)
    wait_for(TIMEOUT, function()
      return #vim.diagnostic.get(unopened) >= #expected
    end, "diagnostics of the unopened " .. file)
    assert_findings(unopened, expected, "diagnostics of " .. file .. ", never opened (as expected-diagnostics.txt)")
    check(not vim.api.nvim_buf_is_loaded(unopened), file .. " stays unopened")
  end
  -- The other tests count the running clients.
  vim.lsp.stop_client(client.id)
  wait_for(TIMEOUT, function()
    return client.is_stopped()
  end, "the naive-all-gotchas client to stop")
  vim.cmd("bwipeout! " .. bufnr)
end)

test(":GotchaStatus shows what the server sees: the project, its deploy path and the settings in force", function()
  local bufnr = open(naive .. "/config/prod.exs")
  attached_client(bufnr)
  vim.cmd("GotchaStatus")
  local lines = wait_for(TIMEOUT, function()
    local status = vim.fn.bufnr("gotcha-ls://status")
    local shown = status ~= -1 and vim.api.nvim_buf_get_lines(status, 0, -1, false) or {}
    return #shown > 0 and shown
  end, "the gotcha-ls://status buffer")
  local text = table.concat(lines, "\n")
  check(lines[1]:match("^Gotcha LS "), "the first line names the server: " .. lines[1])
  check(text:find("\nProject ", 1, true), "a project is listed: " .. text)
  check(text:find("\n  settings: ", 1, true), "the settings in force are listed: " .. text)
  eq(vim.bo[vim.fn.bufnr("gotcha-ls://status")].modifiable, false, "the status buffer is read-only")
  vim.cmd("close")
end)

test("settings reach the server as initializationOptions and as the answer to workspace/configuration",
  function()
    local client = attached_client(vim.fn.bufnr(umbrella .. "/config/prod.exs"))
    local expected = { rules = { ["hardcoded-secret"] = { secret_keys = { "stripe_key" } } },
      exclude = { "apps/legacy/**" } }
    eq(vim.json.decode(vim.json.encode(client.config.init_options)), expected, "initializationOptions")
    local answer = vim.lsp.handlers["workspace/configuration"](nil, { items = { { section = "gotcha" } } },
      { client_id = client.id, method = "workspace/configuration" })
    eq(vim.json.decode(vim.json.encode(answer)), { expected }, "answer to workspace/configuration")

    -- setup() again: running clients get the new settings, and empty objects stay objects in JSON.
    gotcha.setup({ settings = { gotcha = { rules = { GT007 = {} } } } })
    eq(vim.json.encode(client.config.settings), '{"gotcha":{"rules":{"GT007":{}}}}', "settings after setup()")
    gotcha.setup({})
    eq(vim.json.encode(client.config.settings), '{"gotcha":{}}', "settings after setup({})")
  end)

test("the server applies the settings: setup() raising GT007 to error changes the published severity", function()
  local prod = vim.fn.bufnr(umbrella .. "/config/prod.exs")
  local function gt007_severity()
    for _, d in ipairs(vim.diagnostic.get(prod)) do
      if d.code == "GT007" then
        return SEVERITY[d.severity]
      end
    end
  end
  wait_for(TIMEOUT, function() return gt007_severity() == "warning" end, "GT007 at its default severity, warning")
  gotcha.setup({ settings = { gotcha = { rules = { ["prod-debug-logging"] = { severity = "error" } } } } })
  wait_for(TIMEOUT, function() return gt007_severity() == "error" end, "GT007 republished as an error")
  gotcha.setup({})
  wait_for(TIMEOUT, function() return gt007_severity() == "warning" end, "GT007 back to a warning")
end)

test("Dockerfile.prod, *.Dockerfile, Containerfile and .gotcha.exs get a filetype the plugin attaches to",
  function()
    local project = copy_workspace("naive-debug-logging", "filetypes")
    local dockerfile = vim.fn.readfile(project .. "/Dockerfile")
    for _, name in ipairs({ "Dockerfile.prod", "deploy/api.Dockerfile", "Containerfile", ".gotcha.exs" }) do
      local path = project .. "/" .. name
      vim.fn.mkdir(vim.fn.fnamemodify(path, ":h"), "p")
      vim.fn.writefile(name == ".gotcha.exs" and { "%{}" } or dockerfile, path)
      local bufnr = open(path)
      check(vim.tbl_contains(gotcha.options().filetypes, vim.bo[bufnr].filetype),
        name .. " has filetype " .. vim.bo[bufnr].filetype)
      eq(attached_client(bufnr).config.root_dir, project, "root of " .. name)
    end
  end)

test("lsp/gotcha_ls.lua (Neovim 0.11 vim.lsp.enable) returns cmd, filetypes, root_dir and settings", function()
  local config = dofile(plugin_dir .. "/lsp/gotcha_ls.lua")
  eq(config.cmd[#config.cmd], "lsp", "last word of cmd")
  eq(config.cmd[#config.cmd - 1], vim.env.GOTCHA_LS_JAR, "jar in cmd")
  eq(config.filetypes, { "elixir", "dockerfile" }, "filetypes")
  eq(type(config.settings.gotcha), "table", "settings.gotcha")
  local roots = {}
  config.root_dir(vim.fn.bufnr(umbrella .. "/apps/core/lib/core/application.ex"), function(dir)
    table.insert(roots, dir)
  end)
  eq(roots, { umbrella }, "root_dir for an umbrella app file")
  local scratch = vim.api.nvim_create_buf(true, false)
  vim.api.nvim_buf_set_name(scratch, work .. "/loose.ex")
  config.root_dir(scratch, function(dir)
    h.fail("root_dir outside a Mix project must not call on_dir, called with " .. dir)
  end)
end)

test("without GOTCHA_LS_JAR or a launcher on PATH, the jar built in this checkout is used", function()
  with_env("GOTCHA_LS_JAR", nil, function()
    with_env("PATH", "/nonexistent", function()
      local resolved = server.resolve({})
      eq(resolved.source, "the checkout this plugin is in", "where the server came from")
      eq(resolved.jar, repo .. "/server/target/gotcha-ls.jar", "jar")
    end)
  end)
end)

test("no server found: the buffer is left alone, with one error that says what to set", function()
  local project = copy_workspace("debug-only-in-dev")
  local messages = {}
  local original_notify, original_checkout_jar = vim.notify, server.checkout_jar
  vim.notify = function(message, level)
    table.insert(messages, { message = message, level = level })
  end
  -- As if the plugin were installed on its own, outside a checkout with a built jar.
  server.checkout_jar = function()
    return work .. "/no-checkout/gotcha-ls.jar"
  end
  local opened = {}
  local ok, err = pcall(function()
    with_env("GOTCHA_LS_JAR", nil, function()
      with_env("PATH", "/nonexistent", function()
        gotcha.setup({})
        for _, file in ipairs({ "config/prod.exs", "mix.exs" }) do
          local bufnr = open(project .. "/" .. file)
          table.insert(opened, bufnr)
          eq(#clients_of(bufnr), 0, "clients on " .. file)
        end
      end)
    end)
  end)
  vim.notify, server.checkout_jar = original_notify, original_checkout_jar
  -- Gone before setup() is restored, which would attach them.
  for _, bufnr in ipairs(opened) do
    vim.cmd("bwipeout! " .. bufnr)
  end
  gotcha.setup({})
  check(ok, tostring(err))
  eq(#messages, 1, "messages (one, however many buffers)")
  eq(messages[1].level, vim.log.levels.ERROR, "level")
  local message = messages[1].message
  check(message:find("GOTCHA_LS_JAR", 1, true) and message:find(":checkhealth gotcha_ls", 1, true),
    "the message says what to set and where to look: " .. message)
end)

test(":checkhealth gotcha_ls reports OK for Java, the jar and the server version", function()
  vim.cmd("silent checkhealth gotcha_ls")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("bwipeout!")
  local function ok_line(pattern)
    for line in report:gmatch("[^\n]+") do
      if line:find("OK", 1, true) and line:find(pattern) then
        return line
      end
    end
    h.fail("no OK line matching " .. pattern .. " in the report:\n" .. report)
  end
  ok_line("Java: .* is Java %d+")
  ok_line("Server: the jar " .. vim.pesc(vim.env.GOTCHA_LS_JAR) .. " %(from GOTCHA_LS_JAR%)")
  local resolved = server.resolve(gotcha.options())
  local version = server.run({ resolved.java, "-jar", resolved.jar, "--version" })
  ok_line("Server version: " .. vim.pesc(version) .. "$")
  check(not report:find("ERROR", 1, true), "the report has an ERROR:\n" .. report)
end)

test(":checkhealth gotcha_ls reports an ERROR for a jar that does not exist", function()
  with_env("GOTCHA_LS_JAR", work .. "/missing.jar", function()
    vim.cmd("silent checkhealth gotcha_ls")
  end)
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("bwipeout!")
  check(report:find("ERROR", 1, true) and report:find("missing.jar (from GOTCHA_LS_JAR) does not exist", 1, true),
    "the report names the missing jar as an error:\n" .. report)
end)

test(":checkhealth gotcha_ls reports an ERROR for a Java older than 17", function()
  local jdk = work .. "/jdk-11"
  vim.fn.mkdir(jdk .. "/bin", "p")
  vim.fn.writefile({ "#!/bin/sh", "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2" }, jdk .. "/bin/java")
  vim.fn.setfperm(jdk .. "/bin/java", "rwxr-xr-x")
  gotcha.setup({ java_home = jdk })
  vim.cmd("silent checkhealth gotcha_ls")
  gotcha.setup({})
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("bwipeout!")
  check(report:find("ERROR", 1, true)
    and report:find(jdk .. "/bin/java (from java_home option) is Java 11; the server needs 17 or newer", 1, true),
    "the report names the old Java as an error:\n" .. report)
end)

test("doc/gotcha_ls.txt: :helptags accepts it and every |link| names a tag", function()
  local doc = work .. "/doc"
  vim.fn.mkdir(doc, "p")
  vim.fn.writefile(vim.fn.readfile(plugin_dir .. "/doc/gotcha_ls.txt"), doc .. "/gotcha_ls.txt")
  vim.cmd("helptags " .. vim.fn.fnameescape(doc))
  local tags = {}
  for _, line in ipairs(vim.fn.readfile(doc .. "/tags")) do
    tags[line:match("^([^\t]+)")] = true
  end
  for _, tag in ipairs({ "gotcha_ls", "gotcha_ls-setup", "gotcha_ls-settings", "gotcha_ls-health" }) do
    check(tags[tag], "tag *" .. tag .. "* is defined")
  end
  local builtin = {}
  for _, line in ipairs(vim.fn.readfile(vim.env.VIMRUNTIME .. "/doc/tags")) do
    builtin[line:match("^([^\t]+)")] = true
  end
  local text = table.concat(vim.fn.readfile(doc .. "/gotcha_ls.txt"), "\n")
  for link in text:gmatch("|([^|%s]+)|") do
    check(tags[link] or builtin[link], "|" .. link .. "| names no tag")
  end
end)

h.run(function()
  -- A client still initializing is not listed yet: stop each one as it appears.
  local stopped = {}
  local ok, err = pcall(wait_for, 10000, function()
    local running = gotcha.clients()
    for _, client in ipairs(running) do
      if not stopped[client.id] then
        stopped[client.id] = true
        vim.lsp.stop_client(client.id)
      end
    end
    return #running == 0
  end, "the servers to exit after shutdown")
  if not ok then
    local left = {}
    for _, client in ipairs(gotcha.clients()) do
      table.insert(left, ("%s (initialized: %s)"):format(client.config.root_dir, tostring(client.initialized)))
      vim.lsp.stop_client(client.id, true)
    end
    h.fail(tostring(err) .. "; still running: " .. table.concat(left, ", "))
  end
  vim.fn.delete(work, "rf")
end)
