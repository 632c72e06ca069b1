-- Finds the server and the Java that runs it, and builds the command that starts it.
-- Order, first match wins:
--   server: the `cmd` option, the `jar` option, $GOTCHA_LS_JAR, a `gotcha-ls` launcher on PATH,
--           the jar built in the checkout this plugin lives in (server/target/gotcha-ls.jar);
--   Java:   the `java_home` option, $JAVA_HOME, `java` on PATH.
local M = {}

local uv = vim.loop

local function is_file(path)
  local stat = path and uv.fs_stat(path)
  return stat ~= nil and stat.type == "file"
end

local function is_executable(path)
  return path ~= nil and path ~= "" and vim.fn.executable(path) == 1
end

local function nonempty(value)
  if value == nil or value == "" then
    return nil
  end
  return value
end

--- The jar built in the checkout this file belongs to: <checkout>/clients/neovim/lua/gotcha_ls/server.lua.
function M.checkout_jar()
  local here = debug.getinfo(1, "S").source:sub(2)
  local checkout = vim.fn.fnamemodify(here, ":p:h:h:h:h:h")
  return checkout .. "/server/target/gotcha-ls.jar"
end

--- The java executable to run the jar with, and where it came from.
---@return string|nil java, string source
function M.find_java(opts)
  opts = opts or {}
  local java_home = nonempty(opts.java_home)
  if java_home then
    return vim.fn.expand(java_home) .. "/bin/java", "java_home option"
  end
  local env_home = nonempty(vim.env.JAVA_HOME)
  if env_home and is_executable(env_home .. "/bin/java") then
    return env_home .. "/bin/java", "JAVA_HOME"
  end
  local on_path = vim.fn.exepath("java")
  if on_path ~= "" then
    return on_path, "PATH"
  end
  return nil, "not found (set the java_home option or JAVA_HOME, or put java on PATH)"
end

--- How the server will be started: cmd (nil when nothing was found), cmd_env, and for the health check the
--- jar or launcher it runs, the java it runs on, and where each came from.
function M.resolve(opts)
  opts = opts or {}
  if opts.cmd then
    return { cmd = vim.deepcopy(opts.cmd), source = "cmd option" }
  end

  local java, java_source = M.find_java(opts)
  local jar, jar_source
  if nonempty(opts.jar) then
    jar, jar_source = vim.fn.expand(opts.jar), "jar option"
  elseif nonempty(vim.env.GOTCHA_LS_JAR) then
    jar, jar_source = vim.env.GOTCHA_LS_JAR, "GOTCHA_LS_JAR"
  else
    local launcher = vim.fn.exepath("gotcha-ls")
    if launcher ~= "" then
      -- The launcher finds Java itself; hand it ours only when the user chose one.
      local env = {}
      if nonempty(opts.java_home) then
        env.GOTCHA_JAVA = java
      end
      if opts.java_options and #opts.java_options > 0 then
        env.GOTCHA_JVM_OPTIONS = table.concat(opts.java_options, " ")
      end
      return {
        cmd = { launcher, "lsp" },
        cmd_env = next(env) and env or nil,
        launcher = launcher,
        java = java,
        java_source = java_source,
        source = "gotcha-ls on PATH",
      }
    end
    local bundled = M.checkout_jar()
    if is_file(bundled) then
      jar, jar_source = bundled, "the checkout this plugin is in"
    end
  end

  local resolved = { jar = jar, java = java, java_source = java_source, source = jar_source }
  if jar and java then
    local cmd = { java }
    vim.list_extend(cmd, opts.java_options or {})
    vim.list_extend(cmd, { "-jar", jar, "lsp" })
    resolved.cmd = cmd
  end
  return resolved
end

--- Why resolve() found no command, as advice for a message.
function M.missing_reason(resolved)
  if resolved.jar and not resolved.java then
    return "no Java found: set the java_home option or JAVA_HOME, or put java (17 or newer) on PATH"
  end
  return "no server found: set the jar option or GOTCHA_LS_JAR to gotcha-ls.jar, put the gotcha-ls launcher "
    .. "on PATH, or build the jar in this checkout (mvn -B package -DskipTests)"
end

--- The major version in the output of `java -version`: "17.0.15" is 17, "1.8.0_392" is 8.
---@return integer|nil
function M.parse_java_version(output)
  local version = output and output:match('version "([^"]+)"')
  if not version then
    return nil
  end
  local first, second = version:match("^(%d+)%.?(%d*)")
  first = tonumber(first)
  if first == 1 and second ~= "" then
    return tonumber(second)
  end
  return first
end

--- Runs a command to completion (at most two minutes: the launcher may build the jar first);
--- returns its output, stdout then stderr, and its exit code (-1: could not start or timed out).
function M.run(cmd, env)
  local stdout, stderr = {}, {}
  local ok, job = pcall(vim.fn.jobstart, cmd, {
    env = env,
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = function(_, data) stdout = data end,
    on_stderr = function(_, data) stderr = data end,
  })
  if not ok or job <= 0 then
    return "could not start " .. tostring(cmd[1]), -1
  end
  local code = vim.fn.jobwait({ job }, 120000)[1]
  if code == -1 then
    vim.fn.jobstop(job)
    return "timed out: " .. table.concat(cmd, " "), -1
  end
  local output = vim.trim(table.concat(stdout, "\n") .. "\n" .. table.concat(stderr, "\n"))
  return output, code
end

return M
