"""Findings about the suppression comments themselves: a rule name that names no rule (a typo
would otherwise silence nothing, quietly), and, on request, a directive that suppressed nothing
(`--report-unused-suppressions`), so stale ones can be cleaned up."""

from __future__ import annotations

from tqlint.engine.suppress import Suppressions
from tqlint.finding import Edit, Finding, Fix, Severity
from tqlint.packs.selection import Selection, rule_matches
from tqlint.suggest import did_you_mean

UNKNOWN = "tqlint/unknown-suppression"
UNUSED = "tqlint/unused-suppression"
META_PREFIXES = ("tqlint", "languagetool")  # rule names that no pack holds but are real
CATEGORY = "Other/Suppression"


def directive_findings(text: str, suppressions: Suppressions, known_ids, report_unused: bool,
                       selection: Selection) -> list[Finding]:
    found: list[Finding] = []
    for index, directive in enumerate(suppressions.directives):
        if selection.runs(UNKNOWN):
            found += _unknown(text, directive, known_ids, selection.override(UNKNOWN))
        if report_unused and index not in suppressions.used and selection.runs(UNUSED):
            end = text.find("\n", directive.offset)
            end = len(text) if end < 0 else end
            span = text[directive.offset:end].split("-->")[0].rstrip()
            found.append(Finding(UNUSED, CATEGORY, selection.override(UNUSED) or Severity.INFO,
                                 f"This '{span}' suppresses nothing: no finding it covers remains.",
                                 directive.offset, directive.offset + len(span), span,
                                 no_fix_reason="remove the comment if it is no longer needed"))
    return found


def _unknown(text: str, directive, known_ids, severity: Severity | None) -> list[Finding]:
    found = []
    start = directive.offset
    for name in directive.rules:
        if _names_a_rule(name, known_ids):
            continue
        at = text.find(name, start)
        if at < 0:
            continue
        start = at + len(name)
        close = did_you_mean(name, known_ids)
        fixes: tuple[Fix, ...] = ()
        if close:
            meant = close.split("'")[1]
            fixes = (Fix(f"Replace {name!r} with {meant!r}", (Edit(at, at + len(name), meant),), False),)
        found.append(Finding(UNKNOWN, CATEGORY, severity or Severity.WARNING,
                             f"No rule is named {name!r}{close}: this suppression silences nothing.",
                             at, at + len(name), name, fixes,
                             no_fix_reason=None if fixes else "no rule has a name close to this one"))
    return found


def _names_a_rule(name: str, known_ids) -> bool:
    if name.split("/")[0] in META_PREFIXES:
        return True
    return any(rule_matches(rule_id, name) for rule_id in known_ids)
