-- Loads only this plugin, for the headless tests: nvim --headless --clean -u test/minimal_init.lua
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin_dir = vim.fn.fnamemodify(test_dir, ":h")
vim.opt.runtimepath:prepend(plugin_dir)
package.path = test_dir .. "/?.lua;" .. package.path
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.cmd("filetype on")
