"""Run a RuleSet over a Document: map hits back to the file, apply suppressions, de-duplicate,
and return findings in a stable order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqlint.engine.context import LintContext
from tqlint.engine.directives import directive_findings
from tqlint.engine.stage1 import set_candidates, stage1_for
from tqlint.engine.suppress import Suppressions, parse_directives
from tqlint.finding import Edit, Finding, Fix
from tqlint.kinds import RuleError, RuleTimeout
from tqlint.text.document import Document
from tqlint.text.names import ProtectedSpans

# One rule flagging more spans than this in one file is looking at something that is not prose
# (a table of symbols, a file of quotation marks): stop it there, with a failure, rather than
# build a report of hundreds of thousands of findings. The bound grows with the file (one per
# 50 characters beyond the first 2,000 findings), so a long article dense with real artifacts
# keeps every finding.
MAX_FINDINGS_PER_RULE = 2000
CHARACTERS_PER_EXTRA_FINDING = 50


def findings_bound(doc: Document) -> int:
    return MAX_FINDINGS_PER_RULE + len(doc.view) // CHARACTERS_PER_EXTRA_FINDING


@dataclass(frozen=True)
class RuleFailure:
    """A rule that could not finish on a document; the rest of the run goes on."""

    rule: str
    message: str
    internal: bool = False  # a bug in tqlint rather than in a user's rule


# A character str.isalnum() accepts: re's \w is exactly isalnum() or "_" (checked over all of
# Unicode in tests/test_engine.py). One search in C, not a generator over the characters.
_ALNUM = re.compile(r"[^\W_]")


def minimal_edit(text: str, edit: Edit) -> Edit:
    """Shrink an edit to the part that really changes, so neighbouring fixes collide less."""
    old = text[edit.start:edit.end]
    new = edit.replacement
    if not old or not new or (old[0] != new[0] and old[-1] != new[-1]):
        return edit  # nothing in common at either end: the edit is already minimal
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return Edit(edit.start + prefix, edit.end - suffix, new[prefix:len(new) - suffix])


def _whole_words(text: str, edit: Edit) -> tuple[int, int, str]:
    """Widen a word-changing edit to whole words, for showing it: "his" → "its" reads better
    than "hi" → "it". Punctuation, spacing and pure insertions are shown as they are.
    → (start, end, replacement): only its title is wanted, not another Edit."""
    old = text[edit.start:edit.end]
    if not old or (_ALNUM.search(old) is None and _ALNUM.search(edit.replacement) is None):
        return edit.start, edit.end, edit.replacement
    start, end = edit.start, edit.end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end, text[start:edit.start] + edit.replacement + text[edit.end:end]


def _changes_words(text: str, edit: Edit) -> bool:
    return _ALNUM.search(text, edit.start, edit.end) is not None or _ALNUM.search(edit.replacement) is not None


def fix_title(text: str, edits: tuple[Edit, ...]) -> str:
    if len(edits) != 1:
        return "Apply " + "; ".join(fix_title(text, (e,)) for e in edits)
    start, end, replacement = _whole_words(text, edits[0])
    old = text[start:end]
    if not old:
        return f"Insert {replacement!r}"
    if not replacement:
        return f"Delete {old!r}"
    return f"Replace {old!r} with {replacement!r}"


def hit_message(rule, doc: Document, hit) -> str:
    """The message a hit is reported with: the kind's own, or the rule's template filled in
    with the matched text and the first fix."""
    if hit.message:
        return hit.message
    first_replacement = hit.fixes[0][0].replacement if hit.fixes and len(hit.fixes[0]) == 1 else None
    return _format_message(rule.message, doc.view[hit.start:hit.end], first_replacement)


def _format_message(template: str, matched: str, first_fix: str | None) -> str:
    if "{" not in template:
        return template
    return template.replace("{match}", matched).replace("{fix}", first_fix if first_fix is not None else "")


def _rewrites_name(view: str, edits, protected: ProtectedSpans) -> bool:
    """Does any edit change text inside a protected span? Judged on what really changes, so
    dropping the quotation marks round "Corriere dello Sport" is not an edit of the name."""
    for edit in edits:
        if not protected.near(edit.start, edit.end):
            continue  # no protected span near the whole edit, so none near the part that changes
        trimmed = minimal_edit(view, edit)
        if protected.edit_inside(trimmed.start, trimmed.end, trimmed.replacement):
            return True
    return False


def _to_finding(doc: Document, active, hit, protected: ProtectedSpans | None = None) -> Finding | None:
    rule = active.rule
    start, end = doc.to_source_span(hit.start, hit.end)
    if start >= len(doc.text) and start > 0:
        return None
    if protected is not None and protected.holds(hit.start, hit.end):
        return None  # about the spelling of a name, a brand or an emoticon: not prose to rewrite
    fixes: list[Fix] = []
    for alternative in hit.fixes:
        if protected is not None and _rewrites_name(doc.view, alternative, protected):
            continue  # would rewrite part of a name: offer the other fixes only
        mapped = []
        for edit in alternative:
            maybe = doc.to_source_edit(edit)
            if maybe is None:
                break  # this fix would touch markup or code: offer the others only
            mapped.append(maybe)
        else:
            _add_fix(fixes, doc.text, mapped, rule.safe)
    source_span = None
    if hit.source is not None and doc.bitext is not None:
        source_span = doc.bitext.source.to_source_span(*hit.source)
    return Finding(
        rule=rule.id, category=rule.category, severity=min(active.severity, hit.severity or active.severity),
        message=hit_message(rule, doc, hit),
        start=start, end=end, text=doc.text[start:end], fixes=tuple(fixes),
        no_fix_reason=rule.no_fix_reason if not fixes else None, source_span=source_span,
    )


def _add_fix(fixes: list[Fix], text: str, mapped: list[Edit], safe: bool) -> None:
    """The fix of one alternative's edits, mapped to the file, unless they change nothing."""
    edits: list[Edit] = []
    words = False
    for m in mapped:
        edit = minimal_edit(text, m)
        if edit.start != edit.end or edit.replacement:
            edits.append(edit)
            words = words or _changes_words(text, edit)
    if not edits:
        return
    # Applied: the trimmed edits (neighbouring fixes collide less). Shown: the trimmed edit for
    # spacing and punctuation ("Delete ' '"), the rule's own for words ("Replace 'In the frame
    # of' with 'As part of'", not the trimmed "'In the frame' with 'As part'").
    applied = tuple(edits)
    fixes.append(Fix(fix_title(text, tuple(mapped) if words else applied), applied, safe))


def lint_document(doc: Document, ruleset, context: LintContext | None = None):
    """→ (findings sorted by position, rule failures)."""
    return lint_documents([doc], ruleset, context)[0]


def lint_documents(docs, ruleset, context: LintContext | None = None, on_rule=None):
    """`lint_document` for each of `docs`, run rule by rule across them: each rule's code and
    compiled pattern stay hot in the processor's caches, 10-15 % faster on a folder than
    document by document. The findings of each document are exactly lint_document's.
    `on_rule(done, total)` is called as each rule finishes (progress on one long file)."""
    context = context or LintContext()
    states: list[tuple[Document, dict, list, Suppressions, ProtectedSpans]] = [
        (doc, {}, [], Suppressions(parse_directives(doc.text, doc.syntax, doc.lines), doc.lines), ProtectedSpans(doc.view))
              for doc in docs]
    stage = stage1_for(ruleset, docs)
    found = stage.scan_all([doc.view for doc in docs]) if stage is not None else [None] * len(docs)
    for doc, candidates in zip(docs, found):
        set_candidates(doc, candidates)
    runs_on = _candidate_documents(stage, states, found)
    for number, active in enumerate(ruleset.rules, 1):
        if on_rule is not None:
            on_rule(number - 1, len(ruleset.rules))
        rule_id = active.rule.id
        # Where stage 1 answered, a rule runs on its candidates only, still behind its own test
        # (prefilter): a rule's `requires:` may be narrower than its pattern, and stage 1 reads
        # the pattern alone (the test costs a few substring searches per candidate).
        matcher = active.rule.matcher
        if runs_on is not None and rule_id in runs_on[0]:
            for doc, findings, failures, suppressions, protected in runs_on[1].get(rule_id, ()):
                _run_rule(active, matcher, doc, context, findings, failures, suppressions, protected)
            continue
        covered = stage is not None and rule_id in stage.covered
        for (doc, findings, failures, suppressions, protected), candidates in zip(states, found):
            if not covered or candidates is None or rule_id in candidates.rules:
                _run_rule(active, matcher, doc, context, findings, failures, suppressions, protected)
    for doc, findings, _, suppressions, _ in states:
        if suppressions.directives:
            for finding in directive_findings(doc.text, suppressions, ruleset.known_ids,
                                              context.report_unused_suppressions, ruleset.selection):
                findings.setdefault((finding.start, finding.end, finding.rule), finding)
    return [(_deduplicate(sorted(findings.values(), key=lambda f: f.sort_key)), failures)
            for _, findings, failures, _, _ in states]


def _candidate_documents(stage, states: list, found: list) -> tuple[set, dict[str, list]] | None:
    """Where stage 1 answered for every document: (the rules it covers, the states of the
    documents each rule is a candidate in, in their order). A covered rule then visits only
    those, not every document of the batch (a rule is a candidate in few of them)."""
    if stage is None or any(candidates is None for candidates in found):
        return None
    runs_on: dict[str, list] = {}
    for state, candidates in zip(states, found):
        for rule_id in candidates.rules:
            runs_on.setdefault(rule_id, []).append(state)
    return stage.covered, runs_on


def _run_rule(active, matcher, doc, context, findings: dict, failures: list, suppressions,
              protected: ProtectedSpans | None = None) -> None:
    if active.rule.needs_source:
        if doc.bitext is None:
            return  # a bilingual rule, and this document's source is not at hand
        protected = None  # bilingual findings are about names: their spelling is the point
    bound = findings_bound(doc)
    try:
        for count, hit in enumerate(matcher(doc, context)):
            if count == bound:
                failures.append(RuleFailure(active.rule.id, f"stopped after {count} findings in one file "
                                                            "(is this file prose?)"))
                break
            finding = _to_finding(doc, active, hit, protected)
            if finding is None or (suppressions and suppressions.suppressed(finding.rule, finding.start, active.rule.replaces)):
                continue
            findings.setdefault((finding.start, finding.end, finding.rule), finding)
    except RuleTimeout as exc:
        failures.append(RuleFailure(active.rule.id, f"stopped after its time budget: {exc}"))
    except RecursionError as exc:
        failures.append(RuleFailure(active.rule.id, f"input too deeply nested: {exc}", internal=True))
    except RuleError as exc:  # a rule compiled on first use (tqlint.cache.packs) that no longer compiles
        failures.append(RuleFailure(active.rule.id, f"could not be compiled: {exc}"))


def _deduplicate(findings: list[Finding]) -> list[Finding]:
    """Two rules flagging the same span with the same fix are one problem: keep the more severe.
    Bilingual findings that compare with different stretches of the source (a number, a name)
    are different problems, though both flag the whole sentence. `findings`: in sort_key order."""
    kept: dict[tuple, Finding] = {}
    replaced = False
    for finding in findings:
        first_fix = finding.fixes[0].edits if finding.fixes else None
        key = (finding.start, finding.end, first_fix, finding.source_span)
        other = kept.get(key)
        if other is None:
            kept[key] = finding
        elif finding.severity > other.severity:
            kept[key] = finding
            replaced = True
    if not replaced:  # the first of each key, in the order given: already sorted if `findings` was
        return list(kept.values())
    return sorted(kept.values(), key=lambda f: f.sort_key)
