"""`tqlint lsp`: tqlint over the Language Server Protocol, on pygls.

The message loop only keeps texts and answers from what it has; linting happens in the lint
process (tqlint.lsp.process). A change waits a short debounce, then lints; a newer change
cancels the older lint, and diagnostics are only published for the text they were found in.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import cast

import cattrs
from cattrs.v import format_exception
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCNotification, JsonRPCRequestMessage, LanguageServerProtocol, lsp_method

from tqlint import __version__
from tqlint.finding import FileResult
from tqlint.lsp import actions
from tqlint.lsp.diagnostics import error_diagnostic, lsp_range, to_diagnostic
from tqlint.lsp.documents import OpenDocument, document_path, document_syntax
from tqlint.lsp.hover import to_hover
from tqlint.lsp.positions import UTF16, choose_encoding
from tqlint.lsp.process import LintJobError, LintProcess
from tqlint.lsp.worker import LintOutcome

CONFIG_WATCHERS = ("**/.tqlint.yaml", "**/*.yaml", "**/*.yml")  # configs, and the packs they name


def _value(kind) -> str:
    return str(getattr(kind, "value", kind))


_REFUSED = object()  # a message whose params were refused (and answered) while it was read


def _problem(exc: BaseException, type_) -> str:
    return str(exc).rstrip(".") if type(exc) is ValueError and str(exc) else format_exception(exc, type_)


def _params_problem(exc: Exception) -> str:
    if isinstance(exc, cattrs.ClassValidationError):
        return "; ".join(cattrs.transform_error(exc, format_exception=_problem)).replace(" @ $.", " at ")
    return str(exc) or type(exc).__name__


class TqlintProtocol(LanguageServerProtocol):
    """pygls's protocol with four changes: the position encoding is tqlint's choice among
    those the client offers; document texts are kept by the server (tqlint.lsp.positions applies
    changes with LSP's own line breaks, which str.splitlines does not); the exit code is kept;
    a request or notification whose params do not fit its method gets one log line and, for a
    request, an Invalid params error answer (pygls logged a traceback and never answered the
    id, so the editor waited for ever)."""

    def structure_message(self, data: dict):
        method = data.get("method")
        if "jsonrpc" not in data or not isinstance(method, str) or "error" in data:
            return super().structure_message(data)
        request = "id" in data
        message_type = self.get_message_type(method) or (JsonRPCRequestMessage if request else JsonRPCNotification)
        try:
            return self._converter.structure(data, message_type)
        except Exception as exc:  # whatever the client sent, a request gets an answer
            problem = f"invalid params for {method}: {_params_problem(exc)}"
            cast("TqlintServer", self._server).say(f"tqlint: {problem} ({'refused' if request else 'ignored'})", types.MessageType.Warning,
                             log_only=True)
            if request and not self._shutdown:
                self._send_response(data["id"], None, types.ResponseError(
                    code=types.ErrorCodes.InvalidParams, message=problem.capitalize()))
            return _REFUSED

    def handle_message(self, message):
        if message is not _REFUSED:
            super().handle_message(message)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            general.position_encodings = [choose_encoding([_value(e) for e in general.position_encodings])]
        return (yield from super().lsp_initialize(params))

    def _user_handler(self, method: str, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.EXIT)
    def lsp_exit(self, *args):
        self._server.exit_code = 0 if self._shutdown else 1
        self._server.lint.stop()
        return (yield from super().lsp_exit(*args))


class TqlintServer(LanguageServer):
    def __init__(self, lint: LintProcess, debounce: float):
        super().__init__("tqlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=TqlintProtocol)
        self.lint = lint
        self.debounce = debounce
        self.documents: dict[str, OpenDocument] = {}
        self.encoding = UTF16
        self.markdown_hover = True
        self.versioned_edits = False
        self.resolve_edits = False
        self.exit_code: int | None = None
        self._said: set[str] = set()

    def negotiate(self, params: types.InitializeParams) -> None:
        """What the client can take: position encoding, Markdown hovers, versioned edits, lazy edits."""
        self.encoding = _value(self.workspace.position_encoding or UTF16)
        capabilities = params.capabilities
        document = capabilities.text_document
        hover_formats = document.hover.content_format if document and document.hover else None
        self.markdown_hover = not hover_formats or types.MarkupKind.Markdown in hover_formats
        edit = capabilities.workspace.workspace_edit if capabilities.workspace else None
        self.versioned_edits = bool(edit and edit.document_changes)
        action = document.code_action if document else None
        resolve = action.resolve_support if action else None
        self.resolve_edits = bool(resolve and "edit" in resolve.properties)
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounceMs"), (int, float)) and options["debounceMs"] >= 0:
            self.debounce = options["debounceMs"] / 1000

    # Linting --------------------------------------------------------------------------------

    def schedule(self, doc: OpenDocument, delay: float) -> asyncio.Task:
        if doc.task is not None:
            doc.task.cancel()
        doc.task = asyncio.get_running_loop().create_task(self._lint_later(doc, delay))
        return doc.task

    async def _lint_later(self, doc: OpenDocument, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        text = doc.text
        try:
            outcome = await self.lint.call("lint", text, doc.path, doc.syntax)
        except LintJobError as exc:
            if not self.lint.stopped:
                self.say(f"tqlint could not lint {doc.uri}: {exc}", types.MessageType.Error)
            return
        if self.documents.get(doc.uri) is not doc or doc.text != text:
            return  # closed, or changed while it was linted: a newer lint is on its way
        doc.set_outcome(text, outcome)
        self.publish(doc)

    def publish(self, doc: OpenDocument) -> None:
        outcome = doc.outcome
        if outcome is None:
            return
        if outcome.error:
            self.say(outcome.error, types.MessageType.Error)
            diagnostics = [error_diagnostic(outcome.error)]
        elif outcome.result is None:  # ignored
            diagnostics = []
        else:
            for failure in outcome.result.failures:
                self.say(f"tqlint: check not run: {failure}", types.MessageType.Warning, log_only=True)
            lines = doc.lines
            diagnostics = [to_diagnostic(f, lines, self.encoding, outcome.rules[f.rule].href)
                           for f in outcome.result.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diagnostics, version=doc.version))

    async def fresh(self, doc: OpenDocument) -> bool:
        """Wait until the document's current text is linted; False if it was closed meanwhile
        or its lint failed (which was said already)."""
        while not doc.fresh:
            if self.documents.get(doc.uri) is not doc:
                return False
            task = doc.task if doc.task is not None and not doc.task.done() else self.schedule(doc, 0)
            text = doc.text
            await asyncio.wait([task])
            if not task.cancelled() and doc.text == text and not doc.fresh:
                return False
        return True

    def relint_all(self) -> None:
        for doc in self.documents.values():
            self.schedule(doc, 0)

    async def config_changed(self, paths: list[str]) -> None:
        try:
            if await self.lint.call("config_changed", paths):
                self.relint_all()
        except LintJobError as exc:
            self.say(f"tqlint could not reload its configuration: {exc}", types.MessageType.Error)

    def say(self, message: str, kind: types.MessageType, log_only: bool = False) -> None:
        """Tell the user once per distinct message (a bad config is not news on every keystroke)."""
        self.window_log_message(types.LogMessageParams(type=kind, message=message))
        if not log_only and message not in self._said:
            self._said.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        """A message that could not be read or handled: one line in the editor's log (pygls
        logged a traceback), and for a body that is not JSON the Parse error answer JSON-RPC
        asks for (id null: the id could not be read)."""
        unreadable = isinstance(error, ValueError)  # json.JSONDecodeError, UnicodeDecodeError
        what = "a message from the client is not JSON" if unreadable else "a message from the client could not be handled"
        line = f"tqlint lsp: {what} ({error}): ignored"
        print(line, file=sys.stderr, flush=True)
        self.say(line, types.MessageType.Warning, log_only=True)
        if unreadable:
            # JSON-RPC answers a message whose id could not be read with id null (pygls types it str | int)
            self.protocol._send_response(None, None, types.ResponseError(  # type: ignore[arg-type]
                code=types.ErrorCodes.ParseError, message=f"Parse error: {error}"))

    def stop_linting(self) -> None:
        for doc in self.documents.values():
            if doc.task is not None:
                doc.task.cancel()
        self.lint.stop()


def create_server(lint: LintProcess, debounce: float) -> TqlintServer:
    server = TqlintServer(lint, debounce)
    _register_lifecycle(server)
    _register_documents(server)
    _register_features(server)
    return server


def _register_lifecycle(server: TqlintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: TqlintServer, params: types.InitializeParams):
        ls.negotiate(params)

    @server.feature(types.INITIALIZED)
    def initialized(ls: TqlintServer, params: types.InitializedParams):
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_WATCHERS])
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="tqlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TqlintServer, params):
        ls.stop_linting()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_files(ls: TqlintServer, params: types.DidChangeWatchedFilesParams):
        paths = [path for change in params.changes if (path := document_path(change.uri))]
        if paths:
            await ls.config_changed(paths)


def _register_documents(server: TqlintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TqlintServer, params: types.DidOpenTextDocumentParams):
        item = params.text_document
        path = document_path(item.uri)
        syntax = document_syntax(path, item.language_id)
        if syntax is None:
            return
        doc = ls.documents[item.uri] = OpenDocument(item.uri, path, syntax, item.text, item.version)
        ls.schedule(doc, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TqlintServer, params: types.DidChangeTextDocumentParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is not None:
            doc.apply_changes(params.content_changes, params.text_document.version, ls.encoding)
            ls.schedule(doc, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: TqlintServer, params: types.DidSaveTextDocumentParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is not None:
            if doc.fresh:
                ls.publish(doc)
            else:
                ls.schedule(doc, 0)  # no need to wait out the debounce
            return
        path = document_path(params.text_document.uri)
        if path and path.lower().endswith((".yaml", ".yml")):  # for clients that watch no files
            await ls.config_changed([path])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TqlintServer, params: types.DidCloseTextDocumentParams):
        doc = ls.documents.pop(params.text_document.uri, None)
        if doc is not None:
            if doc.task is not None:
                doc.task.cancel()
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))


def _register_features(server: TqlintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TqlintServer, params: types.HoverParams):
        doc = ls.documents.get(params.text_document.uri)
        outcome = doc.outcome if doc is not None else None
        if doc is None or outcome is None:
            return None
        found = doc.findings_at(doc.lines.offset(params.position.line, params.position.character, ls.encoding))
        if not found:
            return None
        span = lsp_range(doc.lines, min(s for s, _, _ in found), max(e for _, e, _ in found), ls.encoding)
        return to_hover([f for _, _, f in found], outcome.rules, span, ls.markdown_hover)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=list(actions.KINDS), resolve_provider=True))
    async def code_action(ls: TqlintServer, params: types.CodeActionParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is None or not await ls.fresh(doc) or doc.outcome is None or doc.outcome.result is None:
            return None
        return await _code_actions(ls, doc, doc.outcome, doc.outcome.result, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve_code_action(ls: TqlintServer, action: types.CodeAction):
        data = action.data if isinstance(action.data, dict) else {}
        doc = ls.documents.get(data.get("uri", ""))
        if doc is None or data.get("version") != doc.version or not await ls.fresh(doc):
            return action
        resolved = await _fix_all(ls, doc)
        if resolved is not None:
            action.edit = resolved.edit
        return action


async def _code_actions(ls: TqlintServer, doc: OpenDocument, outcome: LintOutcome, result: FileResult,
                        params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    target = actions.Target(doc.uri, doc.version, doc.text, ls.encoding, ls.versioned_edits)
    first = target.lines.offset(params.range.start.line, params.range.start.character, ls.encoding)
    last = target.lines.offset(params.range.end.line, params.range.end.character, ls.encoding)
    found = []
    if actions.wanted(types.CodeActionKind.QuickFix, only):
        for finding in result.findings:
            if finding.start <= last and finding.end >= first:
                href = outcome.rules[finding.rule].href
                found.append((finding, to_diagnostic(finding, target.lines, ls.encoding, href)))
    offered = [action for finding, diagnostic in found for action in actions.quick_fixes(target, finding, diagnostic)]
    offered += [actions.disable_on_line(target, finding, doc.syntax or "text", diagnostic) for finding, diagnostic in found]
    if actions.wanted(actions.FIX_ALL_KIND, only) and any(fix.safe for f in result.findings for fix in f.fixes):
        if ls.resolve_edits:  # the edit is worked out when the user picks the action
            offered.append(types.CodeAction(title=actions.FIX_ALL_TITLE, kind=actions.FIX_ALL_KIND,
                                            data={"uri": doc.uri, "version": doc.version}))
        elif (action := await _fix_all(ls, doc)) is not None:
            offered.append(action)
    return offered


async def _fix_all(ls: TqlintServer, doc: OpenDocument):
    text = doc.text
    try:
        fixed = await ls.lint.call("fix_all", text, doc.path, doc.syntax)
    except LintJobError as exc:
        ls.say(f"tqlint could not fix {doc.uri}: {exc}", types.MessageType.Error)
        return None
    if doc.text != text:
        return None
    return actions.fix_all(actions.Target(doc.uri, doc.version, text, ls.encoding, ls.versioned_edits), fixed)


def _not_unhandled_message(record: logging.LogRecord) -> bool:
    # TqlintServer.report_server_error says it in one line; pygls's record carries a traceback.
    return record.getMessage() != "Unable to handle message"


def run(lint: LintProcess, debounce: float, stdin, stdout) -> int:
    for name in ("pygls.server", "pygls.io_"):  # the loop logs on the server's logger, or its own
        logging.getLogger(name).addFilter(_not_unhandled_message)
    server = create_server(lint, debounce)
    try:
        server.start_io(stdin, stdout)
    finally:
        lint.stop()
    if server.exit_code is None:
        print("tqlint lsp: the client went away without `exit`", file=sys.stderr)
        return 1
    return server.exit_code
