"""Code actions: each finding's fixes as quick fixes, "disable this rule on this line", and
"fix all safe problems" (source.fixAll.tqlint). Pure: findings and texts in, actions out."""

from __future__ import annotations

import difflib
import os.path

from lsprotocol import types

from tqlint.engine.suppress import line_directive
from tqlint.finding import Finding
from tqlint.lsp.diagnostics import fix_title, lsp_range, text_edits
from tqlint.lsp.positions import LineMap

FIX_ALL_KIND = "source.fixAll.tqlint"
FIX_ALL_TITLE = "tqlint: fix all safe problems"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL_KIND)


def wanted(kind: str, only) -> bool:
    """Whether the client asked for actions of `kind` (kinds are hierarchical: asking for
    "source" or "source.fixAll" includes "source.fixAll.tqlint")."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


class Target:
    """The document the edits are for: its uri, version, text and the position encoding."""

    def __init__(self, uri: str, version: int | None, text: str, encoding: str, versioned: bool):
        self.uri, self.version, self.text, self.encoding = uri, version, text, encoding
        self.versioned = versioned  # the client takes documentChanges (edits tied to a version)
        self.lines = LineMap(text)

    def workspace_edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.versioned:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])
        return types.WorkspaceEdit(changes={self.uri: edits})


def quick_fixes(target: Target, finding: Finding, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """One action per fix, best first; the first safe one is preferred (what an editor's
    "auto fix" applies)."""
    preferred = next((i for i, fix in enumerate(finding.fixes) if fix.safe), None)
    return [
        types.CodeAction(
            title=fix_title(fix), kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            is_preferred=i == preferred,
            edit=target.workspace_edit(text_edits(fix, target.lines, target.encoding)),
        )
        for i, fix in enumerate(finding.fixes)
    ]


def disable_on_line(target: Target, finding: Finding, syntax: str, diagnostic: types.Diagnostic) -> types.CodeAction:
    """Append the file type's `tqlint-disable-line RULE` to the finding's line (before any
    trailing spaces, which may be a Markdown line break)."""
    line, _ = target.lines.position(finding.start)
    content = target.lines.line_text(line)
    at = target.lines.line_end(line) - (len(content) - len(content.rstrip()))
    lead = " " if content.strip() else ""
    edit = types.TextEdit(range=lsp_range(target.lines, at, at, target.encoding),
                          new_text=lead + line_directive(finding.rule, syntax))
    return types.CodeAction(title=f"Disable {finding.rule} on this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic], edit=target.workspace_edit([edit]))


def diff_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement; code points into `old`, in order, not overlapping) that
    turn `old` into `new`: changed lines found by difflib, then trimmed to what changed in them,
    so the editor keeps cursors and marks everywhere else."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    a_at, b_at = _starts(a), _starts(b)
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start, end, replacement = a_at[i1], a_at[i2], new[b_at[j1]:b_at[j2]]
        was = old[start:end]
        prefix = len(_common_prefix(was, replacement))
        suffix = len(_common_prefix(was[prefix:][::-1], replacement[prefix:][::-1]))
        start, end, replacement = start + prefix, end - suffix, replacement[prefix:len(replacement) - suffix]
        if 0 < start < len(old) and old[start - 1:start + 1] == "\r\n":  # LSP cannot point between the two
            start, replacement = start - 1, "\r" + replacement
        if 0 < end < len(old) and old[end - 1:end + 1] == "\r\n":
            end, replacement = end + 1, replacement + "\n"
        edits.append((start, end, replacement))
    return edits


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _common_prefix(a: str, b: str) -> str:
    return os.path.commonprefix([a, b])


def fix_all(target: Target, fixed: str) -> types.CodeAction | None:
    """"Fix all safe problems" as one action, from the text `tqlint fix` would write."""
    if fixed == target.text:
        return None
    edits = [types.TextEdit(range=lsp_range(target.lines, start, end, target.encoding), new_text=replacement)
             for start, end, replacement in diff_edits(target.text, fixed)]
    return types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                            edit=target.workspace_edit(edits))
