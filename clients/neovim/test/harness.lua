-- A small test runner for headless Neovim: named tests, assertions with clear messages, a summary line,
-- and the exit code (0 when all passed).
local M = {}

local tests = {}

local function say(text)
  io.stdout:write(text .. "\n")
  io.stdout:flush()
end

M.say = say

function M.test(name, fn)
  table.insert(tests, { name = name, fn = fn })
end

--- A failed assertion: reported by its message alone, where any other error gets a traceback.
local Failure = {}
Failure.__index = Failure
Failure.__tostring = function(failure)
  return failure.message
end

function M.fail(message)
  error(setmetatable({ message = message }, Failure), 0)
end

function M.check(condition, message)
  if not condition then
    M.fail(message)
  end
end

function M.eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    M.fail(("%s: expected %s, got %s"):format(what, vim.inspect(expected), vim.inspect(actual)))
  end
end

--- Waits up to timeout_ms for condition() to return a true value, and returns that value.
function M.wait_for(timeout_ms, condition, what)
  local result
  local ok = vim.wait(timeout_ms, function()
    result = condition()
    return result and true or false
  end, 50)
  if not ok then
    M.fail(("timed out after %d ms waiting for %s"):format(timeout_ms, what))
  end
  return result
end

--- Runs the tests in order, prints one line each and the summary, then quits Neovim with the result.
function M.run(after_all)
  local passed, failed = 0, 0
  for _, t in ipairs(tests) do
    local started = vim.loop.hrtime()
    local ok, err = xpcall(t.fn, function(e)
      if getmetatable(e) == Failure then
        return e.message
      end
      return debug.traceback(tostring(e), 2)
    end)
    local ms = math.floor((vim.loop.hrtime() - started) / 1e6)
    if ok then
      passed = passed + 1
      say(("ok    %s (%d ms)"):format(t.name, ms))
    else
      failed = failed + 1
      say(("FAIL  %s (%d ms)\n      %s"):format(t.name, ms, tostring(err):gsub("\n", "\n      ")))
    end
  end
  if after_all then
    local ok, err = pcall(after_all)
    if not ok then
      failed = failed + 1
      say("FAIL  cleanup: " .. tostring(err))
    end
  end
  say(("%d passed, %d failed"):format(passed, failed))
  if failed > 0 then
    vim.cmd("cquit 1")
  else
    vim.cmd("qall!")
  end
end

return M
