-- Gotcha LS for Neovim: finds the server, starts one client per Mix project root and hands it the settings.
-- Everything else (diagnostics, quick fixes, hovers) comes from the server over LSP.
local root = require("gotcha_ls.root")
local server = require("gotcha_ls.server")

local M = {}

M.name = "gotcha_ls"

local defaults = {
  cmd = nil, -- the whole command, e.g. { "gotcha-ls", "lsp" }; skips all discovery
  jar = nil, -- path to gotcha-ls.jar
  java_home = nil, -- the JDK or JRE to run the jar with
  java_options = {}, -- JVM options, e.g. { "-Xmx1g" }
  filetypes = { "elixir", "dockerfile" },
  settings = { gotcha = {} }, -- :help gotcha_ls-settings
}

--- Option names of this plugin; any other key given to setup() is passed on to the LSP client
--- (on_attach, capabilities, handlers, flags, ...).
local own_options = {
  cmd = true, jar = true, java_home = true, java_options = true, filetypes = true, settings = true,
}

local options = vim.deepcopy(defaults)

--- Clients by root folder, for Neovim 0.7, which has no vim.lsp.start to reuse them.
local clients_by_root = {}

local warned_missing = false

-- Neovim 0.11 made client methods take self (client:notify); the field form is deprecated there.
local function client_call(client, method, ...)
  if vim.fn.has("nvim-0.11") == 1 then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function all_clients()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local ours = {}
  for _, client in ipairs(get()) do
    if client.name == M.name then
      table.insert(ours, client)
    end
  end
  return ours
end

local function as_object(value)
  if type(value) ~= "table" or next(value) == nil then
    return vim.empty_dict()
  end
  return value
end

--- The `gotcha` settings object, with its empty objects kept objects in JSON (an empty Lua table is [] there).
local function gotcha_settings()
  local gotcha = vim.deepcopy((options.settings or {}).gotcha or {})
  if type(gotcha.rules) == "table" then
    for key, rule in pairs(gotcha.rules) do
      gotcha.rules[key] = as_object(rule)
    end
    gotcha.rules = as_object(gotcha.rules)
  end
  return as_object(gotcha)
end

--- The client's capabilities without pull diagnostics: Neovim 0.10 and newer pull them for open buffers only,
--- while the server pushes the findings of every file, opened or not, to a client that does not pull.
local function push_capabilities(given)
  local capabilities = vim.deepcopy(given or vim.lsp.protocol.make_client_capabilities())
  if type(capabilities.textDocument) == "table" then
    capabilities.textDocument.diagnostic = nil
  end
  return capabilities
end

local function base_config()
  local config = {}
  for key, value in pairs(options) do
    if not own_options[key] then
      config[key] = value
    end
  end
  local resolved = server.resolve(options)
  local gotcha = gotcha_settings()
  config.name = M.name
  config.cmd = resolved.cmd
  config.cmd_env = resolved.cmd_env
  -- Sent twice on purpose: as initializationOptions, and as the answer to workspace/configuration.
  config.settings = { gotcha = gotcha }
  config.init_options = gotcha
  config.capabilities = push_capabilities(config.capabilities)
  return config, resolved
end

--- The options setup() was given, merged over the defaults.
function M.options()
  return vim.deepcopy(options)
end

--- The client configuration for a root folder, as vim.lsp.start (or start_client) takes it.
function M.client_config(root_dir)
  local config, resolved = base_config()
  config.root_dir = root_dir
  return config, resolved
end

--- The configuration in nvim-lspconfig's format, for Neovim 0.11's vim.lsp.config/vim.lsp.enable
--- (lsp/gotcha_ls.lua returns it).
function M.lsp_config()
  local config = base_config()
  -- Without a server, name one so Neovim's error says which command it could not start.
  config.cmd = config.cmd or { "gotcha-ls", "lsp" }
  config.filetypes = vim.deepcopy(options.filetypes)
  config.root_dir = function(bufnr, on_dir)
    local found = root.find(vim.api.nvim_buf_get_name(bufnr))
    if found then
      on_dir(found)
    end
  end
  return config
end

--- Attaches the buffer to the client of its Mix project, starting that client if needed.
--- Does nothing for buffers outside a Mix project, or that are not files.
---@return integer|nil client id
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or name:match("^%a[%w+.-]*://") then
    return nil
  end
  local root_dir = root.find(name)
  if not root_dir then
    return nil
  end
  local config, resolved = M.client_config(root_dir)
  if not config.cmd then
    if not warned_missing then
      warned_missing = true
      vim.notify("gotcha_ls: " .. server.missing_reason(resolved) .. ". See :checkhealth gotcha_ls",
        vim.log.levels.ERROR)
    end
    return nil
  end

  if vim.lsp.start then
    -- Neovim 0.8+: reuses the client with the same name and root. 0.8 attaches the current buffer.
    local id
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(config, { bufnr = bufnr })
    end)
    return id
  end

  local id = clients_by_root[root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    clients_by_root[root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- The client of the current buffer's project, else the first one running.
local function status_client()
  local bufnr = vim.api.nvim_get_current_buf()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local ours = vim.tbl_filter(function(client)
    return client.name == M.name
  end, get({ bufnr = bufnr }))
  return ours[1] or all_clients()[1]
end

--- Shows lines in a scratch buffer named gotcha-ls://status, in a split, replacing what it showed before.
local function show_lines(lines)
  local name = "gotcha-ls://status"
  local bufnr = vim.fn.bufnr(name)
  if bufnr == -1 then
    bufnr = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(bufnr, name)
    vim.bo[bufnr].bufhidden = "hide"
  end
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, lines)
  vim.bo[bufnr].modifiable = false
  if vim.fn.bufwinid(bufnr) == -1 then
    vim.cmd("split")
    vim.api.nvim_win_set_buf(0, bufnr)
  end
  return bufnr
end

--- :GotchaStatus: asks the server what it sees (gotcha.showStatus: the projects, how each deploys, Java, the
--- settings in force) and shows the answer's text in a scratch buffer.
function M.show_status()
  local client = status_client()
  if not client then
    vim.notify("gotcha_ls: no server is running; open a file of a Mix project first", vim.log.levels.WARN)
    return
  end
  client_call(client, "request", "workspace/executeCommand", { command = "gotcha.showStatus" },
    function(err, result)
      vim.schedule(function()
        if err or type(result) ~= "table" or type(result.text) ~= "string" then
          vim.notify("gotcha_ls: the server did not answer the status: " .. vim.inspect(err or result),
            vim.log.levels.ERROR)
          return
        end
        show_lines(vim.split((result.text:gsub("\n$", "")), "\n", { plain = true }))
      end)
    end)
end

local option_types = { cmd = "table", jar = "string", java_home = "string", java_options = "table",
  filetypes = "table", settings = "table" }

-- By hand: vim.validate changed its signature in 0.11 and deprecated the one 0.7 knows.
local function check_types(opts)
  if type(opts) ~= "table" then
    error("gotcha_ls.setup: expected a table of options, got " .. type(opts), 3)
  end
  for name, expected in pairs(option_types) do
    if opts[name] ~= nil and type(opts[name]) ~= expected then
      error(("gotcha_ls.setup: option %s: expected a %s, got %s"):format(name, expected, type(opts[name])), 3)
    end
  end
end

--- Configures the plugin and attaches every buffer of the chosen filetypes, those open now included.
--- Calling it again replaces the options and sends the new settings to running clients.
function M.setup(opts)
  opts = opts or {}
  check_types(opts)
  options = vim.tbl_extend("force", vim.deepcopy(defaults), opts)
  warned_missing = false

  vim.api.nvim_create_user_command("GotchaStatus", M.show_status,
    { desc = "Gotcha LS: what the server sees of the projects, their deploy paths and the settings in force" })

  local group = vim.api.nvim_create_augroup("gotcha_ls", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end

  local settings = { gotcha = gotcha_settings() }
  for _, client in ipairs(all_clients()) do
    client.config.settings = settings
    client_call(client, "notify", "workspace/didChangeConfiguration", { settings = settings })
  end
end

--- The running Gotcha LS clients.
M.clients = all_clients

return M
