"""Proof that rules do what they claim: every `flag` example is flagged and fixed exactly as
written, every `pass` example stays quiet. `tqlint test-rules` and the test suite both use this.
The cross-check goes further: fixed texts and near misses must be quiet under *every* rule, so
no rule fires on another rule's fix."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tqlint.engine.context import LintContext
from tqlint.engine.run import lint_document
from tqlint.fixer import fix_until_stable
from tqlint.packs.ruleset import ActiveRule, RuleSet
from tqlint.text.bitext import align_documents
from tqlint.text.document import plain_document


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    file: str
    line: int | None
    text: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: [{self.rule}] {self.problem}: {self.text!r}"


def _lint(text: str, ruleset: RuleSet, context: LintContext, example=None):
    """Findings on `text`; with a bilingual example, `text` is linted next to its source."""
    doc = plain_document(text)
    if example is not None and example.source is not None:
        doc.bitext = align_documents(doc, plain_document(example.source), example.language)
    return lint_document(doc, ruleset, context)[0]


def check_rule(rule, context: LintContext | None = None) -> list[ExampleFailure]:
    context = context or LintContext()
    alone = RuleSet((ActiveRule(rule, rule.severity),), ())
    failures = []

    def fail(example, problem):
        failures.append(ExampleFailure(rule.id, rule.file, example.line, example.text, problem))

    if rule.needs_source and any(e.source is None for e in rule.flag_examples + rule.pass_examples):
        fail(rule.flag_examples[0], "a bilingual rule's examples each need `source:` and `language:`")
        return failures
    for example in rule.flag_examples:
        if not _lint(example.text, alone, context, example):
            fail(example, "must be flagged but is not")
            continue
        if example.fixed is None:
            if rule.fixable:
                fail(example, "a rule with a fix must show the fixed text (`fixed:`)")
            continue
        fixed, _, _ = fix_until_stable(example.text, lambda t, e=example: _lint(t, alone, context, e), unsafe=True)
        if fixed != example.fixed:
            fail(example, f"fix gives {fixed!r}, expected {example.fixed!r}")
    for example in rule.pass_examples:
        found = _lint(example.text, alone, context, example)
        if found:
            fail(example, f"must not be flagged, but is at {found[0].text!r}")
    return failures


def cross_check(ruleset: RuleSet, context: LintContext | None = None) -> list[ExampleFailure]:
    """No rule may fire on another rule's fix, and near misses must be clean under every rule.

    A fixed text may still hold a problem that was already in the example for another rule to
    fix (a full-width colon after a stray space): only findings the fix *introduced* count."""
    context = context or LintContext()
    failures = []

    def flagged(text, example):
        return Counter((f.rule, f.text) for f in _lint(text, ruleset, context, example))

    for active in ruleset.rules:
        rule = active.rule
        checks = [(e, e.fixed, flagged(e.text, e)) for e in rule.flag_examples if e.fixed is not None]
        checks += [(e, e.text, Counter()) for e in rule.pass_examples]
        for example, text, already in checks:
            introduced = flagged(text, example) - already
            for (other_rule, flagged_text), _ in sorted(introduced.items()):
                failures.append(ExampleFailure(
                    rule.id, rule.file, example.line, text,
                    f"example text is flagged by {other_rule} at {flagged_text!r}",
                ))
    return failures
