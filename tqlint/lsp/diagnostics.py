"""Findings as LSP diagnostics: source "tqlint", the rule id as code, a link to its
documentation, the severity mapped, the fixes carried along in `data`."""

from __future__ import annotations

from lsprotocol import types

from tqlint.finding import Finding, Fix, Severity
from tqlint.lsp.positions import LineMap

SOURCE = "tqlint"
CONFIG_ERROR_CODE = "config-error"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lsp_range(lines: LineMap, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(start=types.Position(*lines.position(start, encoding)),
                       end=types.Position(*lines.position(end, encoding)))


def fix_title(fix: Fix) -> str:
    return fix.title if fix.safe else f"{fix.title} (unsafe: review before applying)"


def text_edits(fix: Fix, lines: LineMap, encoding: str) -> list[types.TextEdit]:
    return [types.TextEdit(range=lsp_range(lines, e.start, e.end, encoding), new_text=e.replacement)
            for e in fix.edits]


def finding_message(finding: Finding) -> str:
    """The message as the user reads it: a rule's template placeholders filled, never shown."""
    message = finding.message
    if "{match}" in message or "{fix}" in message:
        first = finding.fixes[0].edits[0].replacement if finding.fixes and finding.fixes[0].edits else ""
        message = message.replace("{match}", finding.text).replace("{fix}", first)
    return message


def _plain(position: types.Position) -> dict:
    return {"line": position.line, "character": position.character}


def _range_dict(lines: LineMap, start: int, end: int, encoding: str) -> dict:
    found = lsp_range(lines, start, end, encoding)
    return {"start": _plain(found.start), "end": _plain(found.end)}


def to_diagnostic(finding: Finding, lines: LineMap, encoding: str, href: str | None = None) -> types.Diagnostic:
    data: dict[str, object] = {"fixes": [
        {"title": fix.title, "safe": fix.safe,
         "edits": [{"range": _range_dict(lines, e.start, e.end, encoding), "newText": e.replacement} for e in fix.edits]}
        for fix in finding.fixes
    ]}
    if finding.no_fix_reason:
        data["noFixReason"] = finding.no_fix_reason
    return types.Diagnostic(
        range=lsp_range(lines, finding.start, finding.end, encoding),
        message=finding_message(finding),
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data=data,
    )


def error_diagnostic(message: str) -> types.Diagnostic:
    """A file that could not be linted (a bad .tqlint.yaml or rule pack): said at its top."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(range=types.Range(start=start, end=start), message=f"tqlint could not lint this file: {message}",
                            severity=types.DiagnosticSeverity.Error, code=CONFIG_ERROR_CODE, source=SOURCE)
