"""The findings of one rule on a translation and its source: what the bilingual kind tests ask."""

from __future__ import annotations

from tqlint.api import Linter, SourceText


def bilingual_findings(rule: str, text: str, source: str, language: str) -> list:
    """`rule`'s findings on `text` translated from `source` (in `language`), no config read."""
    result = Linter(no_config=True, select=(rule,)).lint_text(text, None, "text", source=SourceText(source, language=language))
    return [f for f in result.findings if f.rule == rule]
