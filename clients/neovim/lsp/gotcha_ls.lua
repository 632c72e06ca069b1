-- Neovim 0.11+: `vim.lsp.enable("gotcha_ls")` starts Gotcha LS from this file, in nvim-lspconfig's format
-- (cmd, filetypes, root_dir, settings). Override fields with `vim.lsp.config("gotcha_ls", {...})`.
return require("gotcha_ls").lsp_config()
