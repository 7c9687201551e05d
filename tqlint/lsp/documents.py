"""The documents the editor has open: their text as the editor has it, and the findings of the
last lint, moved along with every edit made since (so hover answers at once, mid-lint)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from pygls.uris import to_fs_path

from tqlint.finding import Finding
from tqlint.lsp.positions import LineMap, apply_change
from tqlint.lsp.worker import LintOutcome
from tqlint.text.readers import LINTABLE_SUFFIXES, syntax_for_path

# What an editor calls the file types tqlint reads, for documents without a telling name.
_LANGUAGE_SYNTAXES = {"markdown": "markdown", "mdx": "markdown", "html": "html", "plaintext": "text", "text": "text"}


def document_path(uri: str) -> str | None:
    """The file a `file:` URI names; None for anything else (an unsaved buffer)."""
    return to_fs_path(uri) if uri.startswith("file:") else None


def document_syntax(path: str | None, language_id: str | None) -> str | None:
    """The reader for a document (markdown, html, text), or None if tqlint does not read it."""
    if path and path.lower().endswith(LINTABLE_SUFFIXES):
        return syntax_for_path(path)
    return _LANGUAGE_SYNTAXES.get((language_id or "").lower())


def shift_findings(spans: list[tuple[int, int, Finding]], first: int, last: int, inserted: int):
    """Spans moved through an edit that replaced [first, last) with `inserted` code points:
    those before it stay, those after it move, those it touched are gone."""
    delta = inserted - (last - first)
    moved = []
    for start, end, finding in spans:
        if end <= first and not (start == end == first and last > first):
            moved.append((start, end, finding))
        elif start >= last:
            moved.append((start + delta, end + delta, finding))
    return moved


@dataclass
class OpenDocument:
    uri: str
    path: str | None
    syntax: str | None  # None: a file type tqlint does not read
    text: str
    version: int | None
    linted_text: str | None = None  # the text the outcome is for
    outcome: LintOutcome | None = None
    spans: list = field(default_factory=list)  # (start, end, finding) in the current text
    task: asyncio.Task | None = None  # the pending or running lint
    _lines: LineMap | None = None

    @property
    def fresh(self) -> bool:
        return self.linted_text is not None and self.linted_text == self.text

    @property
    def lines(self) -> LineMap:
        if self._lines is None or self._lines.text is not self.text:
            self._lines = LineMap(self.text)
        return self._lines

    def apply_changes(self, changes, version: int | None, encoding: str) -> None:
        """Take a textDocument/didChange's content changes, in order."""
        for change in changes:
            span = getattr(change, "range", None)
            if span is None:
                self.text, first, last = change.text, 0, len(self.text)
            else:
                self.text, first, last = apply_change(
                    self.text, (span.start.line, span.start.character), (span.end.line, span.end.character),
                    change.text, encoding)
            self.spans = shift_findings(self.spans, first, last, len(change.text))
        self.version = version

    def set_outcome(self, text: str, outcome: LintOutcome) -> None:
        self.linted_text, self.outcome = text, outcome
        findings = outcome.result.findings if outcome.result else ()
        self.spans = [(f.start, f.end, f) for f in findings]

    def findings_at(self, offset: int) -> list[tuple[int, int, Finding]]:
        """Findings under the cursor (an empty span counts at its position)."""
        return [(start, end, f) for start, end, f in self.spans if start <= offset < end or start == end == offset]
