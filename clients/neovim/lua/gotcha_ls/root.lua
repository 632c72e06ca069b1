-- The workspace root of a file: the outermost folder above it that holds a mix.exs. For a file in an umbrella
-- app (apps/x/...) that is the umbrella, whose config all its apps share, so the apps share one server.
local M = {}

local function has_mixfile(dir)
  local stat = vim.loop.fs_stat(dir .. "/mix.exs")
  return stat ~= nil and stat.type == "file"
end

---@param path string a file (or folder) path, absolute or relative to the working directory
---@return string|nil root without a trailing slash, nil outside any Mix project
function M.find(path)
  if not path or path == "" then
    return nil
  end
  local dir = vim.fn.fnamemodify(path, ":p")
  if vim.fn.isdirectory(dir) == 0 then
    dir = vim.fn.fnamemodify(dir, ":h")
  end
  dir = dir:gsub("(.)/$", "%1")
  local outermost
  while true do
    if has_mixfile(dir) then
      outermost = dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return outermost
    end
    dir = parent
  end
end

return M
