-- :checkhealth gotcha_ls — Java, the server, and its version, found the way the plugin will start it.
local server = require("gotcha_ls.server")

local M = {}

-- vim.health.start/ok/... on 0.10+, vim.health.report_* on 0.8-0.9, health#report_* on 0.7.
local function reporter(name)
  local health = vim.health or {}
  local modern = health[name]
  if modern then
    return modern
  end
  local legacy = health["report_" .. name] or vim.fn["health#report_" .. name]
  return function(message, advice)
    if advice then
      legacy(message, advice)
    else
      legacy(message)
    end
  end
end

local report = {
  start = reporter("start"),
  ok = reporter("ok"),
  error = reporter("error"),
  info = reporter("info"),
}

local MINIMUM_JAVA = 17
local JAVA_ADVICE = "Set the java_home option or JAVA_HOME to a Java " .. MINIMUM_JAVA .. "+ installation"

local function check_java(java, source)
  if not java then
    report.error("Java: " .. source, { "Install Java " .. MINIMUM_JAVA .. " or newer" })
    return false
  end
  local output, code = server.run({ java, "-version" })
  local major = server.parse_java_version(output)
  if code ~= 0 or not major then
    report.error(("Java: %s (from %s) did not run: %s"):format(java, source, output), { JAVA_ADVICE })
    return false
  end
  if major < MINIMUM_JAVA then
    report.error(("Java: %s (from %s) is Java %d; the server needs %d or newer")
      :format(java, source, major, MINIMUM_JAVA), { JAVA_ADVICE })
    return false
  end
  report.ok(("Java: %s (from %s) is Java %d"):format(java, source, major))
  return true
end

local function check_server(resolved)
  if resolved.source == "cmd option" then
    report.ok("Server command (cmd option): " .. table.concat(resolved.cmd, " "))
    return true
  end
  if resolved.launcher then
    report.ok("Server: the launcher " .. resolved.launcher .. " (gotcha-ls on PATH)")
    return true
  end
  if not resolved.jar then
    report.error("Server: " .. server.missing_reason(resolved))
    return false
  end
  local stat = vim.loop.fs_stat(resolved.jar)
  if not stat or stat.type ~= "file" then
    report.error(("Server: the jar %s (from %s) does not exist"):format(resolved.jar, resolved.source),
      { "Build it with mvn -B package -DskipTests, or point the jar option or GOTCHA_LS_JAR at gotcha-ls.jar" })
    return false
  end
  report.ok(("Server: the jar %s (from %s)"):format(resolved.jar, resolved.source))
  return true
end

--- The server's own command with --version in place of lsp.
local function version_command(cmd)
  local copy = vim.deepcopy(cmd)
  if copy[#copy] == "lsp" then
    copy[#copy] = "--version"
  else
    table.insert(copy, "--version")
  end
  return copy
end

local function check_version(resolved)
  local command = version_command(resolved.cmd)
  local output, code = server.run(command, resolved.cmd_env)
  local version = output:match("gotcha%-ls ([^%s]+)")
  if code ~= 0 or not version then
    report.error("Server version: `" .. table.concat(command, " ") .. "` failed (exit " .. code .. "): " .. output)
    return
  end
  report.ok("Server version: gotcha-ls " .. version)
end

function M.check()
  report.start("gotcha_ls")
  local gotcha = require("gotcha_ls")
  local options = gotcha.options()
  local resolved = server.resolve(options)

  local java_ok = true
  if resolved.source ~= "cmd option" then
    local java, source = resolved.java, resolved.java_source
    if not java then
      java, source = server.find_java(options)
    end
    java_ok = check_java(java, source)
  end
  local server_ok = check_server(resolved)
  if server_ok and java_ok and resolved.cmd then
    check_version(resolved)
  end

  report.info("Filetypes: " .. table.concat(options.filetypes, ", "))
  local clients = gotcha.clients()
  if #clients == 0 then
    report.info("No client running (one starts for each Mix project root when a buffer of those filetypes opens)")
  end
  for _, client in ipairs(clients) do
    report.info(("Client %d: root %s"):format(client.id, tostring(client.config.root_dir)))
  end
  if vim.lsp.get_log_path then
    report.info("LSP log: " .. vim.lsp.get_log_path() .. " (more detail: vim.lsp.set_log_level(\"debug\"))")
  end
end

return M
