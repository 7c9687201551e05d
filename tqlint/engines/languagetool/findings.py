"""LanguageTool's answers as tqlint findings: categories and severities mapped onto tqlint's,
rules chosen by the run's one Selection, suppression comments honoured, and merged with
tqlint's own findings (which win where both flag a span)."""

from __future__ import annotations

import bisect

from tqlint.engine.run import fix_title, minimal_edit
from tqlint.engine.suppress import Suppressions, parse_directives
from tqlint.engines.languagetool.client import (
    LanguageToolFailure,
    LanguageToolRunner,
    RawMatch,
)
from tqlint.engines.languagetool.settings import Settings
from tqlint.finding import Edit, Finding, Fix, Severity
from tqlint.packs.selection import Selection

RULE_PREFIX = "languagetool"
MAX_REPLACEMENTS = 3  # LanguageTool lists many; a finding offers the best few
PLACEHOLDER = "\ufffc"

# LanguageTool's category ids (its Categories class and the English rule files) onto tqlint's
# MQM-style categories. A category not listed here falls back on the rule's issueType.
CATEGORY_MAP = {
    "TYPOS": "Fluency/Spelling",
    "CASING": "Fluency/Spelling",
    "COMPOUNDING": "Fluency/Spelling",
    "GRAMMAR": "Fluency/Grammar",
    "CONFUSED_WORDS": "Fluency/Grammar",
    "REPETITIONS": "Fluency/Grammar",
    "PUNCTUATION": "Fluency/Punctuation",
    "TYPOGRAPHY": "Fluency/Punctuation",
    "FALSE_FRIENDS": "Accuracy/Mistranslation",
    "SEMANTICS": "Accuracy/Mistranslation",
    "COLLOCATIONS": "Style/Unidiomatic",
    "NONSTANDARD_PHRASES": "Style/Unidiomatic",
    "COLLOQUIALISMS": "Fluency/Register",
    "REDUNDANCY": "Style/Awkward",
    "REPETITIONS_STYLE": "Style/Awkward",
    "STYLE": "Style/Awkward",
    "PLAIN_ENGLISH": "Style/Awkward",
    "CREATIVE_WRITING": "Style/Awkward",
    "TEXT_ANALYSIS": "Style/Awkward",
    "WIKIPEDIA": "Style/Awkward",
    "GENDER_NEUTRALITY": "Style/Inclusive language",
    "REGIONALISMS": "Locale convention/Language variant",
    "AMERICAN_ENGLISH_STYLE": "Locale convention/Language variant",
    "BRITISH_ENGLISH": "Locale convention/Language variant",
}
# LanguageTool's issueType (the ITS 2.0 localization quality issue types) onto the same.
ISSUE_TYPE_MAP = {
    "misspelling": "Fluency/Spelling",
    "grammar": "Fluency/Grammar",
    "duplication": "Fluency/Grammar",
    "typographical": "Fluency/Punctuation",
    "whitespace": "Fluency/Punctuation",
    "characters": "Fluency/Character encoding",
    "inconsistency": "Fluency/Inconsistency",
    "inconsistent-entities": "Fluency/Inconsistency",
    "register": "Fluency/Register",
    "style": "Style/Awkward",
    "mistranslation": "Accuracy/Mistranslation",
    "untranslated": "Accuracy/Untranslated",
    "omission": "Accuracy/Omission",
    "addition": "Accuracy/Addition",
    "terminology": "Terminology/Inappropriate",
    "numbers": "Locale convention/Number format",
    "locale-violation": "Locale convention/Other",
    "locale-specific-content": "Locale convention/Other",
}
FALLBACK_CATEGORY = "Other/LanguageTool"
# Spelling and grammar are warnings (they fail `check` at the default fail-on); the rest is info.
WARNING_ISSUE_TYPES = frozenset({"misspelling", "grammar", "duplication", "mistranslation", "untranslated",
                                 "omission", "addition"})


def category_for(category_id: str, issue_type: str) -> str:
    return CATEGORY_MAP.get(category_id) or ISSUE_TYPE_MAP.get(issue_type) or FALLBACK_CATEGORY


def severity_for(issue_type: str) -> Severity:
    return Severity.WARNING if issue_type in WARNING_ISSUE_TYPES else Severity.INFO


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # an insertion point overlaps a span it touches
        return b_start <= a_start <= b_end if a_start == a_end else a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def to_finding(doc, match: RawMatch, severity: Severity | None = None) -> Finding | None:
    if PLACEHOLDER in doc.view[match.start:match.end]:
        return None  # LanguageTool tripped over a stand-in for code or a URL
    start, end = doc.to_source_span(match.start, match.end)
    if start > len(doc.text):
        return None
    fixes: list[Fix] = []
    seen = set()
    for replacement in match.replacements:
        if len(fixes) >= MAX_REPLACEMENTS:
            break
        mapped = doc.to_source_edit(Edit(match.start, match.end, replacement))
        if mapped is None:
            continue  # the span crosses hidden markup: no fix can be offered safely
        edit = minimal_edit(doc.text, mapped)
        if (edit.start == edit.end and not edit.replacement) or edit in seen:
            continue
        seen.add(edit)
        # The edit is the minimal one (so it collides less); the title names the whole words.
        fixes.append(Fix(fix_title(doc.text, (mapped,)), (edit,), False))
    return Finding(
        rule=f"{RULE_PREFIX}/{match.rule_id}", category=category_for(match.category, match.issue_type),
        severity=severity or severity_for(match.issue_type), message=match.message.strip() or match.rule_id,
        start=start, end=end, text=doc.text[start:end], fixes=tuple(fixes),
        no_fix_reason=None if fixes else "LanguageTool suggests no replacement",
    )


def merge(own: list[Finding], theirs: list[Finding]) -> list[Finding]:
    """tqlint's findings plus LanguageTool's, dropping any of LanguageTool's that overlaps one of
    tqlint's (the same problem found twice: tqlint's message and fix are the more specific)."""
    if not theirs:
        return own
    spans = sorted((f.start, f.end) for f in own)
    starts = [s for s, _ in spans]
    max_len = max((e - s for s, e in spans), default=0)
    kept = []
    for finding in theirs:
        lo = bisect.bisect_left(starts, finding.start - max_len - 1)
        hi = bisect.bisect_right(starts, finding.end)
        if any(_overlaps(finding.start, finding.end, *spans[i]) for i in range(lo, hi)):
            continue
        kept.append(finding)
    return sorted(own + kept, key=lambda f: f.sort_key)


def lint_with_languagetool(runner: LanguageToolRunner, doc, settings: Settings, own: list[Finding],
                           selection: Selection) -> tuple[list[Finding], str | None]:
    """tqlint's findings `own` merged with LanguageTool's for `doc` → (findings, failure or None)."""
    view = doc.view.rstrip()  # trailing blank lines change nothing but the memo key
    if not view.replace(PLACEHOLDER, "").strip():
        return own, None
    try:
        matches = runner.check(view, settings)
    except LanguageToolFailure as exc:
        return own, str(exc)
    suppressions = Suppressions(parse_directives(doc.text, doc.syntax, doc.lines), doc.lines)
    theirs = []
    for match in matches:
        rule_id = f"{RULE_PREFIX}/{match.rule_id}"
        if not selection.runs(rule_id):
            continue
        finding = to_finding(doc, match, selection.override(rule_id))
        if finding is None or (suppressions and suppressions.suppressed(finding.rule, finding.start)):
            continue
        theirs.append(finding)
    return merge(own, theirs), None
