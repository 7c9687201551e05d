-- Neovim's own LSP client against `tqlint lsp`, headless: open an article, wait for tqlint's
-- diagnostics, ask for code actions on the line of one of them, apply its preferred quick fix
-- as Neovim applies any workspace edit, write the buffer, and wait for the diagnostics to follow.
-- Driven by tests/test_lsp_neovim.py; works with Neovim 0.7 and later.
local article = assert(os.getenv("TQLINT_ARTICLE"))
local python = assert(os.getenv("TQLINT_PYTHON"))
local report_path = assert(os.getenv("TQLINT_REPORT"))
local wanted_rule = assert(os.getenv("TQLINT_RULE"))
local report = { steps = {} }

local function save_report()
  local file = assert(io.open(report_path, "w"))
  file:write(vim.fn.json_encode(report))
  file:close()
end

local function codes(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(found, { code = d.code, source = d.source, lnum = d.lnum, col = d.col,
      href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription
        and d.user_data.lsp.codeDescription.href or vim.NIL })
  end
  return found
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(article))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "tqlint",
    cmd = { python, "-m", "tqlint", "lsp" },
    root_dir = vim.fn.fnamemodify(article, ":p:h"),
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(buf, client_id)

  assert(vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50), "no diagnostics arrived")
  report.before = codes(buf)
  local client = vim.lsp.get_client_by_id(client_id)
  report.offset_encoding = client.offset_encoding

  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == wanted_rule then target = d end
  end
  assert(target, "no diagnostic of " .. wanted_rule)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = target.lnum, character = 0 }, ["end"] = { line = target.lnum + 1, character = 0 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000)
  assert(responses and responses[client_id] and responses[client_id].result, "no code actions")
  report.titles = {}
  local chosen
  for _, action in ipairs(responses[client_id].result) do
    table.insert(report.titles, action.title)
    local code = action.diagnostics and action.diagnostics[1] and action.diagnostics[1].code
    if action.isPreferred and code == wanted_rule and action.edit then chosen = action end
  end
  assert(chosen, "no preferred quick fix for " .. wanted_rule)
  report.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  vim.cmd("write")

  assert(vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == wanted_rule then return false end
    end
    return true
  end, 50), "the fixed finding is still reported")
  report.after = codes(buf)

  vim.lsp.stop_client(client_id)
  report.stopped = vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end

local ok, err = pcall(run)
report.ok = ok
report.error = ok and vim.NIL or tostring(err)
save_report()
vim.cmd(ok and "qall!" or "cquit! 1")
