"""`tqlint lsp` driven end to end by pytest-lsp: a real client process speaking the protocol
over stdio to `python -m tqlint lsp`, as an editor would."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="the language server's tests need `pip install -e '.[test]'`")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from tqlint.api import Linter  # noqa: E402
from tqlint.reporters.links import help_uri  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

ARTICLE = (
    "# Exports recover\n"
    "\n"
    "The council delayed the vote , citing missing papers.\n"
    "Exports grew with 4 percent in March.\n"
    "The ministry said it would publish the data on Friday.\n"
)
CLEAN = "# Exports recover\n\nThe council delayed the vote, citing missing papers.\n"
SPACE = "en-news/space-before-punctuation"


def _make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) and
    accepting the server's dynamic registrations."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   types.CLIENT_REGISTER_CAPABILITY: register})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "tqlint", "lsp"], client_factory=_make_client)


def _capabilities(encodings=None) -> types.ClientCapabilities:
    capabilities = client_capabilities("visual-studio-code")
    capabilities.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return capabilities


async def _start(client: LanguageClient, folders: list[Path], encodings=None, options=None) -> types.InitializeResult:
    return await client.initialize_session(types.InitializeParams(
        capabilities=_capabilities(encodings), root_uri=from_fs_path(str(folders[0])),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(f)), name=f.name) for f in folders],
        initialization_options=options))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def _published(client, uri, check=lambda params: True, timeout=30.0, after: int = 0) -> types.PublishDiagnosticsParams:
    """The latest publishDiagnostics for `uri` that passes `check` (waiting for it), among those
    that arrived after the first `after` notifications."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = [p for p in client.published[after:] if p.uri == uri]
        if found and check(found[-1]):
            return found[-1]
        if loop.time() > deadline:
            raise AssertionError(f"no diagnostics for {uri} as expected; last: {found[-1:] or None}")
        await asyncio.sleep(0.02)


def _open(client, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def _replace_all(client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


# An editor's side of positions, written independently of tqlint.lsp.positions: LSP lines
# split at \r\n, \r or \n; characters count UTF-16 code units (or code points in UTF-32).
def _offset(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[position.line]
    line = re.split(r"\r\n|\r|\n", text[start:], maxsplit=1)[0]
    if encoding == "utf-32":
        return start + position.character
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += len(char.encode("utf-16-le")) // 2
    return start + len(line)


def _apply(text: str, edit: types.WorkspaceEdit, uri: str, encoding: str = "utf-16") -> str:
    if edit.document_changes:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    else:
        edits = edit.changes[uri]
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def _code_actions(client, uri, diagnostic=None, only=None, whole=None):
    span = diagnostic.range if diagnostic else whole
    return client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=span,
        context=types.CodeActionContext(diagnostics=[diagnostic] if diagnostic else [], only=only)))


async def test_initialize_offers_what_an_editor_needs(client, tmp_path):
    result = await _start(client, [tmp_path])
    capabilities = result.capabilities
    assert result.server_info.name == "tqlint"
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16  # VS Code offers nothing else
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.text_document_sync.save
    assert capabilities.hover_provider
    assert set(capabilities.code_action_provider.code_action_kinds) == {"quickfix", "source.fixAll.tqlint"}
    assert capabilities.workspace.workspace_folders.supported
    for _ in range(100):  # the watchers for .tqlint.yaml and packs are registered after `initialized`
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    (registration,) = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert "**/.tqlint.yaml" in [w["globPattern"] for w in registration.register_options["watchers"]]


async def test_diagnostics_quick_fix_and_clearing(client, tmp_path):
    await _start(client, [tmp_path])
    uri = _open(client, tmp_path / "news" / "exports.md", ARTICLE)
    published = await _published(client, uri)
    assert published.version == 1
    by_rule = {d.code: d for d in published.diagnostics}
    assert SPACE in by_rule and "en-news/change-with-amount" in by_rule
    space = by_rule[SPACE]
    assert space.source == "tqlint"
    assert space.severity == types.DiagnosticSeverity.Error
    assert space.code_description.href == help_uri(SPACE)
    assert space.range.start.line == 2 and space.message == "No space goes before ',' in English."
    assert "{" not in "".join(d.message for d in published.diagnostics)
    assert space.data["fixes"][0]["safe"] is True and space.data["fixes"][0]["edits"]

    actions = await _code_actions(client, uri, space)
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.diagnostics[0].code == SPACE]
    fix = next(a for a in quick if a.is_preferred)
    fixed = _apply(ARTICLE, fix.edit, uri)
    assert "vote, citing" in fixed and fixed.replace("vote, citing", "vote , citing") == ARTICLE
    _replace_all(client, uri, fixed, 2)
    after = await _published(client, uri, lambda p: p.version == 2)
    assert SPACE not in {d.code for d in after.diagnostics} and after.diagnostics

    _replace_all(client, uri, CLEAN, 3)
    cleared = await _published(client, uri, lambda p: p.version == 3)
    assert list(cleared.diagnostics) == []

    count = len(client.published)  # saving publishes the (unchanged) diagnostics again
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    saved = await _published(client, uri, after=count)
    assert saved.version == 3 and list(saved.diagnostics) == []


async def test_unsafe_fixes_are_labelled_and_disable_line_inserts_a_comment(client, tmp_path):
    await _start(client, [tmp_path])
    html = "<p>Taxes will fall. On the other side, fees will rise.</p>\n"
    uri = _open(client, tmp_path / "taxes.html", html, language="html")
    published = await _published(client, uri, lambda p: p.diagnostics)
    diagnostic = published.diagnostics[0]
    actions = await _code_actions(client, uri, diagnostic)
    titles = [a.title for a in actions]
    assert any(t.endswith("(unsafe: review before applying)") for t in titles), titles
    disable = next(a for a in actions if a.title == f"Disable {diagnostic.code} on this line")
    suppressed = _apply(html, disable.edit, uri)
    assert suppressed == f"{html[:-1]} <!-- tqlint-disable-line {diagnostic.code} -->\n"
    _replace_all(client, uri, suppressed, 2)
    after = await _published(client, uri, lambda p: p.version == 2)
    assert diagnostic.code not in {d.code for d in after.diagnostics}


async def test_fix_all_safe_matches_tqlint_fix(client, tmp_path):
    await _start(client, [tmp_path])
    path = tmp_path / "notes.txt"
    text = "Prices grew with 10 percent , the office said .\nRates rose ; then fell.\n"
    uri = _open(client, path, text, language="plaintext")
    await _published(client, uri, lambda p: p.diagnostics)
    end = types.Position(line=2, character=0)
    (action,) = await _code_actions(client, uri, only=["source.fixAll"],
                                    whole=types.Range(start=types.Position(line=0, character=0), end=end))
    assert action.kind == "source.fixAll.tqlint"
    if action.edit is None:  # VS Code resolves the edit when the action is picked
        action = await client.code_action_resolve_async(action)
    assert _apply(text, action.edit, uri) == Linter().fix_text(text, str(path))[0] != text


async def test_hover_explains_the_rule(client, tmp_path):
    await _start(client, [tmp_path])
    uri = _open(client, tmp_path / "exports.md", ARTICLE)
    published = await _published(client, uri)
    space = next(d for d in published.diagnostics if d.code == SPACE)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=space.range.start))
    value = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown and hover.range == space.range
    assert f"**{SPACE}**" in value and "Flags:" in value and "Leaves alone:" in value
    assert help_uri(SPACE) in value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=2)))
    assert nothing is None


async def test_ignored_files_and_config_reload(client, tmp_path):
    (tmp_path / ".tqlint.yaml").write_text('ignore-paths: ["drafts/**"]\n', encoding="utf-8")
    await _start(client, [tmp_path])
    draft = _open(client, tmp_path / "drafts" / "a.md", ARTICLE)
    news = _open(client, tmp_path / "news" / "a.md", ARTICLE)
    assert SPACE in {d.code for d in (await _published(client, news)).diagnostics}
    assert list((await _published(client, draft)).diagnostics) == []

    config = tmp_path / ".tqlint.yaml"
    config.write_text(f'ignore-paths: ["drafts/**"]\nrules:\n  {SPACE}: off\n', encoding="utf-8")
    count = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]))
    reloaded = await _published(client, news, after=count)
    assert reloaded.diagnostics and SPACE not in {d.code for d in reloaded.diagnostics}


async def test_a_bad_config_is_reported_on_the_file(client, tmp_path):
    (tmp_path / ".tqlint.yaml").write_text("rulez: {}\n", encoding="utf-8")
    await _start(client, [tmp_path])
    uri = _open(client, tmp_path / "a.md", ARTICLE)
    (diagnostic,) = (await _published(client, uri)).diagnostics
    assert diagnostic.code == "config-error" and "rulez" in diagnostic.message


async def test_multi_root_workspace_uses_each_folders_config(client, tmp_path):
    desk, other = tmp_path / "desk", tmp_path / "other"
    desk.mkdir()
    other.mkdir()
    (desk / ".tqlint.yaml").write_text(f"rules:\n  {SPACE}: info\n", encoding="utf-8")
    await _start(client, [desk, other])
    in_desk = _open(client, desk / "a.md", ARTICLE)
    in_other = _open(client, other / "a.md", ARTICLE)
    severity = {}
    for uri in (in_desk, in_other):
        published = await _published(client, uri)
        severity[uri] = next(d.severity for d in published.diagnostics if d.code == SPACE)
    assert severity == {in_desk: types.DiagnosticSeverity.Information, in_other: types.DiagnosticSeverity.Error}


EMOJI_TEXT = "Crowds 🎉🇷🇴 in 北京 cheered and the café\u0301 owner said , happily.\n"


async def test_utf16_positions_with_emoji(client, tmp_path):
    await _start(client, [tmp_path])
    uri = _open(client, tmp_path / "crowds.md", EMOJI_TEXT)
    published = await _published(client, uri, lambda p: p.diagnostics)
    space = next(d for d in published.diagnostics if d.code == SPACE)
    comma = EMOJI_TEXT.index(" ,")
    assert _offset(EMOJI_TEXT, space.range.start) == comma
    assert space.range.start.character == len(EMOJI_TEXT[:comma].encode("utf-16-le")) // 2 == comma + 3
    fix = next(a for a in await _code_actions(client, uri, space) if a.is_preferred)
    assert _apply(EMOJI_TEXT, fix.edit, uri) == EMOJI_TEXT.replace(" ,", ",")

    # An incremental change after the emoji, in UTF-16 units: the server's copy stays in step.
    cheered = EMOJI_TEXT.index("cheered")
    at = types.Position(line=0, character=len(EMOJI_TEXT[:cheered].encode("utf-16-le")) // 2)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="loudly ")]))
    changed = EMOJI_TEXT[:cheered] + "loudly " + EMOJI_TEXT[cheered:]
    after = await _published(client, uri, lambda p: p.version == 2)
    moved = next(d for d in after.diagnostics if d.code == SPACE)
    assert _offset(changed, moved.range.start) == changed.index(" ,")


async def test_utf32_is_negotiated_when_offered(client, tmp_path):
    result = await _start(client, [tmp_path], encodings=["utf-16", "utf-32"])
    assert result.capabilities.position_encoding == "utf-32"
    uri = _open(client, tmp_path / "crowds.md", EMOJI_TEXT)
    published = await _published(client, uri, lambda p: p.diagnostics)
    space = next(d for d in published.diagnostics if d.code == SPACE)
    assert space.range.start.character == EMOJI_TEXT.index(" ,")


async def test_stale_runs_are_dropped(client, tmp_path):
    await _start(client, [tmp_path], options={"debounceMs": 1000})
    uri = _open(client, tmp_path / "typing.md", CLEAN)
    await _published(client, uri)
    text = CLEAN
    for version in range(2, 22):  # twenty keystrokes, faster than the debounce
        text = text + "Rates rose , then fell.\n"
        _replace_all(client, uri, text, version)
    final = await _published(client, uri, lambda p: p.version == 21)
    assert {p.version for p in client.published if p.uri == uri} == {1, 21}
    assert any(d.code == SPACE for d in final.diagnostics)


async def test_a_long_article_does_not_block_hover(client, tmp_path):
    await _start(client, [tmp_path], options={"debounceMs": 0})
    paragraph = "The council delayed the vote , citing missing papers from the planning office and the auditors.\n\n"
    article = paragraph * (50_000 // len(paragraph))
    uri = _open(client, tmp_path / "long.md", article)
    await _published(client, uri)
    start = types.Position(line=0, character=0)  # typed at the top: a fresh lint of 50 KB starts
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=start),
                                                                text="Updated: rates were cut .\n\n")]))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=4, character=29)))
    answered_while_linting = not any(p.version == 2 for p in client.published if p.uri == uri)
    assert answered_while_linting and SPACE in hover.contents.value  # moved along with the edit
    await _published(client, uri, lambda p: p.version == 2)


@pytest_lsp.fixture(config=SERVER)
async def bare_client(lsp_client: LanguageClient):
    yield  # each test ends the session itself


async def test_shutdown_then_exit_is_clean(bare_client, tmp_path):
    await _start(bare_client, [tmp_path])
    uri = _open(bare_client, tmp_path / "a.md", ARTICLE)
    await _published(bare_client, uri)
    await bare_client.shutdown_async(None)
    bare_client.exit(None)
    assert await asyncio.wait_for(bare_client._server.wait(), 10) == 0



def _send_raw(client, method: str, params, msg_id: str | None = None):
    """Send a message as it is (the client would refuse to serialise params that do not fit);
    for a request, a future for its answer."""
    message = {"jsonrpc": "2.0", "method": method, "params": params}
    answer = None
    if msg_id is not None:
        message["id"] = msg_id
        answer = client.protocol._request_futures[msg_id] = concurrent.futures.Future()
    client.protocol._send_data(message)
    return answer and asyncio.wrap_future(answer)


async def test_params_that_do_not_fit_are_answered_not_left_waiting(client, tmp_path, capfd):
    """A request whose params fail validation gets an Invalid params answer to its id (pygls
    answered nothing, so the editor waited for ever), and one log line, not a traceback."""
    await _start(client, [tmp_path])
    uri = _open(client, tmp_path / "exports.md", ARTICLE)
    space = next(d for d in (await _published(client, uri)).diagnostics if d.code == SPACE)
    with pytest.raises(JsonRpcException) as refused:
        await asyncio.wait_for(_send_raw(client, types.TEXT_DOCUMENT_HOVER, {
            "textDocument": {"uri": uri}, "position": {"line": -5, "character": 0}}, "bad-hover"), 10)
    assert refused.value.code == types.ErrorCodes.InvalidParams and "-5" in str(refused.value)
    _send_raw(client, types.TEXT_DOCUMENT_DID_OPEN, {})
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=space.range.start))
    assert hover is not None and SPACE in hover.contents.value  # still serving
    said = [m.message for m in client.log_messages if "invalid params" in m.message]
    assert len(said) == 2 and "textDocument/didOpen" in said[1]
    await asyncio.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def test_a_body_that_is_not_json_gets_a_parse_error_and_one_line(tmp_path):
    """A client bug that sends a body that is not JSON: the answer JSON-RPC asks for (Parse error,
    id null), one line on stderr instead of pygls's traceback, and the server keeps serving."""
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": None, "capabilities": {}}}
    messages = [b"hello", b"\xff\xfe{", json.dumps(initialize).encode(),
                b'{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}', b'{"jsonrpc": "2.0", "method": "exit"}']
    done = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "tqlint", "lsp"], input=b"".join(map(_frame, messages)),
                          capture_output=True, cwd=tmp_path, timeout=60)
    answers = [json.loads(body) for body in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", done.stdout) if body]
    parse_errors = [a for a in answers if a.get("error", {}).get("code") == -32700]
    assert len(parse_errors) == 2 and all(a.get("id") is None for a in parse_errors)
    assert any(a.get("id") == 1 and "capabilities" in a.get("result", {}) for a in answers)  # still serving
    err = done.stderr.decode()
    assert "Traceback" not in err and err.count("is not JSON") == 2, err
    assert done.returncode == 0
