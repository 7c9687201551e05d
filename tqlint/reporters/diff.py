"""Unified diffs of what `tqlint fix` would change (for `--diff`)."""

from __future__ import annotations

import difflib


def render_diff(outcomes) -> str:
    chunks = []
    for outcome in outcomes:
        if not outcome.changed:
            continue
        diff = difflib.unified_diff(
            outcome.original.splitlines(keepends=True), outcome.fixed.splitlines(keepends=True),
            fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}",
        )
        text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff)
        chunks.append(text)
    return "".join(chunks)
