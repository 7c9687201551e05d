"""The engine: view hits mapped to file findings, fixes kept only where safe to map, messages,
de-duplication, stable order, rule failures isolated."""

from __future__ import annotations

import random
import sys

import pytest
from conftest import lint

from tqlint.engine.run import _ALNUM, fix_title, lint_document, minimal_edit
from tqlint.finding import Edit, Severity
from tqlint.kinds import Hit, RuleTimeout
from tqlint.packs.model import Rule
from tqlint.packs.ruleset import ActiveRule, RuleSet
from tqlint.text.document import plain_document
from tqlint.text.readers import read_document


def make_rule(rule_id, matcher, severity=Severity.ERROR, message="problem: {match} → {fix}",
              safe=True, no_fix_reason=None):
    return Rule(
        id=rule_id, pack=rule_id.split("/")[0], kind="test", category="Fluency/Punctuation",
        severity=severity, message=message, description="", safe=safe, no_fix_reason=no_fix_reason,
        flag_examples=(), pass_examples=(), options={}, matcher=matcher,
    )


def ruleset(*rules, severities=None):
    severities = severities or {}
    return RuleSet(tuple(ActiveRule(r, severities.get(r.id, r.severity)) for r in rules), ())


def hits(*items):
    """A matcher yielding fixed hits."""
    return lambda doc, context: iter(items)


def run(text, *rules, kind="text"):
    findings, failures = lint_document(read_document(text, kind), ruleset(*rules))
    return findings, failures


class TestMinimalEdit:
    @pytest.mark.parametrize("old,new,expected", [
        (" ,", ",", Edit(0, 1, "")),  # a deletion of the space only
        ("grew with", "grew by", Edit(5, 9, "by")),
        ("abc", "abc", Edit(3, 3, "")),
        ("ab", "aXb", Edit(1, 1, "X")),  # an insertion
        ("aa", "a", Edit(1, 2, "")),
    ])
    def test_shrinks_to_the_change(self, old, new, expected):
        assert minimal_edit(old, Edit(0, len(old), new)) == expected

    def test_keeps_offsets_relative_to_the_text(self):
        text = "Prices grew with ten."
        edit = minimal_edit(text, Edit(7, 16, "grew by"))
        assert text[edit.start:edit.end] == "with" and edit.replacement == "by"


    def test_equals_the_character_walk_on_random_edits(self):
        # The early return (no common first or last character) must not change any result.
        rng = random.Random(7)
        for _ in range(3000):
            old = "".join(rng.choice("ab ,") for _ in range(rng.randrange(6)))
            new = "".join(rng.choice("ab ,") for _ in range(rng.randrange(6)))
            assert minimal_edit(old, Edit(0, len(old), new)) == _walked_edit(old, new), (old, new)


def _walked_edit(old, new):
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return Edit(prefix, len(old) - suffix, new[prefix:len(new) - suffix])


def test_word_character_pattern_is_str_isalnum():
    # run._ALNUM stands for "any(c.isalnum() for c in …)": the same on every code point.
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if (_ALNUM.match(c) is not None) != c.isalnum()] == []


def test_fix_titles():
    text = "a , b"
    assert fix_title(text, (Edit(1, 2, ""),)) == "Delete ' '"
    assert fix_title(text, (Edit(1, 1, "x"),)) == "Insert 'x'"
    assert fix_title(text, (Edit(0, 1, "A"),)) == "Replace 'a' with 'A'"
    assert fix_title(text, (Edit(0, 1, "A"), Edit(4, 5, "B"))) == "Apply Replace 'a' with 'A'; Replace 'b' with 'B'"


class TestFindings:
    def test_finding_fields(self, test_ruleset):
        text = "Prices grew with 10 percent , in May."
        by_rule = {f.rule: f for f in lint(text, test_ruleset)}
        calque = by_rule["testpack/grew-with"]
        assert (calque.start, calque.end, calque.text) == (7, 16, "grew with")
        assert calque.severity is Severity.WARNING
        assert calque.category == "Accuracy/Mistranslation"
        assert calque.message == "'grew with' is a calque: English says 'grew by'."
        (fix,) = calque.fixes
        assert fix.safe is False
        assert fix.edits == (Edit(12, 16, "by"),)  # shrunk to what changes
        comma = by_rule["testpack/spaced-comma"]
        assert comma.text == " ," and comma.fixes[0].safe is True
        assert comma.message == "No space goes before ','."

    def test_alternatives_are_kept_best_first(self, test_ruleset):
        (finding,) = lint("The actual minister spoke.", test_ruleset)
        assert [f.edits[0].replacement for f in finding.fixes] == ["current", "present"]
        assert finding.message == "'actual' is a calque: English says 'current'."

    def test_no_fix_reason_is_carried(self, test_ruleset):
        (finding,) = lint("Talks with SUA went on.", test_ruleset)
        assert finding.fixes == ()
        assert finding.no_fix_reason == "the right English name depends on the sentence"
        assert finding.severity is Severity.INFO

    def test_findings_are_sorted_by_position(self, test_ruleset):
        findings = lint("SUA , actual , grew with , SUA.", test_ruleset)
        assert [f.start for f in findings] == sorted(f.start for f in findings)
        assert len(findings) == 7

    def test_hidden_text_is_never_flagged(self, test_ruleset):
        assert lint("Run `x , y` and <!-- a , b --> ok.\n", test_ruleset, "markdown") == []

    def test_message_placeholders(self):
        rule = make_rule("t/r", hits(Hit.replace(0, 5, ["Hi"])), message="'{match}' → '{fix}'")
        (finding,), _ = run("Hello world", rule)
        assert finding.message == "'Hello' → 'Hi'"

    def test_hit_message_overrides_the_rule_message(self):
        rule = make_rule("t/r", hits(Hit.replace(0, 5, ["Hi"], message="custom")))
        (finding,), _ = run("Hello world", rule)
        assert finding.message == "custom"

    def test_message_without_a_fix_fills_fix_with_nothing(self):
        rule = make_rule("t/r", hits(Hit(0, 5)), message="'{match}'{fix}", no_fix_reason="why")
        (finding,), _ = run("Hello world", rule)
        assert finding.message == "'Hello'"
        assert finding.no_fix_reason == "why"

    def test_active_severity_overrides_the_rule(self):
        rule = make_rule("t/r", hits(Hit.replace(0, 1, ["x"])))
        findings, _ = lint_document(plain_document("abc"), ruleset(rule, severities={"t/r": Severity.INFO}))
        assert findings[0].severity is Severity.INFO

    def test_multi_edit_fix(self):
        fix = (Edit(0, 1, "«"), Edit(4, 5, "»"))
        rule = make_rule("t/r", hits(Hit(0, 5, (fix,))))
        (finding,), _ = run("„ab” x", rule)
        assert finding.fixes[0].edits == fix
        assert finding.fixes[0].title.startswith("Apply ")

    def test_fix_that_changes_nothing_is_dropped(self):
        rule = make_rule("t/r", hits(Hit.replace(0, 3, ["abc"])), no_fix_reason=None)
        (finding,), _ = run("abc", rule)
        assert finding.fixes == ()


class TestFixesOverHiddenText:
    def test_fix_spanning_a_placeholder_is_dropped_but_the_finding_stays(self):
        text = "Run `make` now."
        doc = read_document(text, "markdown")
        start = doc.view.index("Run")
        end = doc.view.index("now")
        other = Hit.replace(start, start + 3, ["Start"])
        rule = make_rule("t/r", hits(Hit(start, end, ((Edit(start, end, "Run make "),), other.fixes[0]))))
        (finding,), _ = run(text, rule, kind="markdown")
        assert finding.text == "Run `make` "
        # the first alternative would eat the inline code: only the second is offered
        assert [f.edits for f in finding.fixes] == [(Edit(0, 3, "Start"),)]

    def test_fix_over_part_of_an_entity_is_dropped(self):
        text = "<p>A &amp; B</p>"
        doc = read_document(text, "html")
        amp = doc.view.index("&")
        rule = make_rule("t/r", hits(Hit(amp, amp + 1, ((Edit(amp, amp + 1, "and"),),))))
        (finding,), _ = run(text, rule, kind="html")
        assert finding.text == "&amp;"
        assert [f.edits for f in finding.fixes] == [(Edit(5, 10, "and"),)]

    def test_hit_at_the_very_end_of_a_text_is_kept_when_inside(self):
        rule = make_rule("t/r", hits(Hit.replace(2, 3, ["."])))
        (finding,), _ = run("ab,", rule)
        assert (finding.start, finding.end) == (2, 3)


class TestDeduplication:
    def test_same_span_same_fix_keeps_the_more_severe(self):
        fix = ["x"]
        low = make_rule("a/low", hits(Hit.replace(0, 1, fix)), severity=Severity.INFO)
        high = make_rule("b/high", hits(Hit.replace(0, 1, fix)), severity=Severity.ERROR)
        findings, _ = run("abc", low, high)
        assert [f.rule for f in findings] == ["b/high"]

    def test_same_span_different_fix_keeps_both(self):
        one = make_rule("a/one", hits(Hit.replace(0, 1, ["x"])))
        two = make_rule("a/two", hits(Hit.replace(0, 1, ["y"])))
        findings, _ = run("abc", one, two)
        assert [f.rule for f in findings] == ["a/one", "a/two"]

    def test_one_rule_hitting_a_span_twice_reports_it_once(self):
        rule = make_rule("a/one", hits(Hit.replace(0, 1, ["x"]), Hit.replace(0, 1, ["x"])))
        findings, _ = run("abc", rule)
        assert len(findings) == 1

    def test_order_is_independent_of_rule_order(self):
        one = make_rule("a/one", hits(Hit.replace(2, 3, ["x"]), Hit.replace(0, 1, ["y"])))
        two = make_rule("a/two", hits(Hit.replace(0, 1, ["z"])))
        first, _ = run("abc", one, two)
        second, _ = run("abc", two, one)
        assert first == second
        assert [(f.start, f.rule) for f in first] == [(0, "a/one"), (0, "a/two"), (2, "a/one")]


class TestFailures:
    def test_a_timed_out_rule_is_reported_and_the_others_still_run(self):
        def slow(doc, context):
            yield Hit.replace(0, 1, ["x"])
            raise RuleTimeout("too slow")

        good = make_rule("a/good", hits(Hit.replace(1, 2, ["y"])))
        findings, failures = run("abc", make_rule("a/slow", slow), good)
        assert "a/good" in {f.rule for f in findings}
        (failure,) = failures
        assert failure.rule == "a/slow" and "too slow" in failure.message and not failure.internal

    def test_recursion_error_is_an_internal_failure(self):
        def deep(doc, context):
            raise RecursionError("deep")
            yield  # pragma: no cover

        _, failures = run("abc", make_rule("a/deep", deep))
        assert failures[0].internal

    def test_catastrophic_user_regex_is_stopped(self, tmp_path):
        from conftest import load_rules

        from tqlint.engine.context import LintContext

        pack = load_rules(tmp_path, r"""
            rules:
              - id: slow
                kind: pattern
                category: Fluency/Grammar
                severity: error
                message: "slow"
                pattern: '(a|aa)+$'
                no-fix: "test"
                examples:
                  flag: ["aaa"]
                  pass: ["b"]
        """)
        (rule,) = pack.rules
        doc = plain_document("a" * 40 + "!")
        context = LintContext(timeout_floor=0.05, timeout_per_mb=0.0)
        findings, failures = lint_document(doc, ruleset(rule), context)
        assert findings == []
        assert failures and failures[0].rule == "p/slow" and "time budget" in failures[0].message


def test_suppressions_are_applied(test_ruleset):
    text = "Rates rose , then. <!-- tqlint-disable-next-line -->\nRates rose , again.\n"
    findings = lint(text, test_ruleset, "markdown")
    assert [f.start for f in findings] == [10]


class TestApi:
    def test_lint_text_picks_the_reader_from_the_path(self, test_config):
        from tqlint.api import lint_text

        text = "Rates , here.\n\n`code , x`\n"
        as_markdown = lint_text(text, path="a.md", config=test_config)
        as_text = lint_text(text, path="a.txt", config=test_config)
        assert as_markdown.path == "a.md" and len(as_markdown.findings) == 1
        assert len(as_text.findings) == 2
        assert lint_text("x", config=test_config).path == "<stdin>"

    def test_lint_paths_lists_every_input(self, tmp_path, test_config):
        from tqlint.api import Linter, lint_paths

        (tmp_path / "a.md").write_text("Rates , here.\n")
        (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa")  # odd-length UTF-16: unreadable
        run = lint_paths([str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "c.md")],
                         linter=Linter(config=test_config))
        by_path = {f.path: f for f in run.files}
        assert len(run.files) == 3 and len(run.findings) == 1
        assert by_path[str(tmp_path / "a.md")].findings
        assert by_path[str(tmp_path / "b.txt")].error
        assert by_path[str(tmp_path / "c.md")].error == "no such file or directory"

    def test_fix_paths_without_writing(self, tmp_path, test_config):
        from tqlint.api import Linter, fix_paths

        path = tmp_path / "a.md"
        path.write_text("Rates , here.\n")
        run = fix_paths([str(tmp_path)], write=False, linter=Linter(config=test_config))
        (outcome,) = run.fixes
        assert outcome.fixed == "Rates, here.\n" and not outcome.written
        assert path.read_text() == "Rates , here.\n"
        assert run.files[0].findings == ()  # what is left after fixing
