"""Inline suppressions in Markdown/HTML comments and in plain-text lines."""

from __future__ import annotations

import pytest
from conftest import lint

from tqlint.engine.suppress import parse_directives
from tqlint.text.document import LineIndex


def flagged_lines(text, ruleset, kind, rule=None):
    """Lines with findings of the content rules (a directive naming an unknown rule is its own
    finding, tqlint/unknown-suppression, tested in test_cli_habits)."""
    findings = [f for f in lint(text, ruleset, kind) if not f.rule.startswith("tqlint/")]
    return [text.count("\n", 0, f.start) + 1 for f in findings if rule is None or f.rule == rule]


class TestParsing:
    def test_markdown_directives_live_in_comments(self):
        text = "tqlint-disable outside\n<!-- tqlint-disable a/b, c -->\n<!--\ntqlint-enable\n-->\n"
        directives = parse_directives(text, "markdown", LineIndex(text))
        assert [(d.action, d.rules) for d in directives] == [("disable", ("a/b", "c")), ("enable", ())]

    def test_plain_text_directives_anywhere_on_a_line(self):
        text = "Some text. tqlint-disable-next-line x/y z\nmore\n# tqlint-enable\n"
        directives = parse_directives(text, "text", LineIndex(text))
        assert [(d.action, d.rules, d.line) for d in directives] == [
            ("disable-next-line", ("x/y", "z"), 1), ("enable", (), 3),
        ]

    def test_no_directive_no_work(self):
        assert parse_directives("plain text", "text", LineIndex("plain text")) == []


MD_RANGE = """\
Before , one.

<!-- tqlint-disable -->
Inside , two and SUA.
<!-- tqlint-enable -->

After , three.
"""


class TestMarkdown:
    def test_disable_enable_all_rules(self, test_ruleset):
        assert flagged_lines(MD_RANGE, test_ruleset, "markdown") == [1, 7]

    def test_disable_one_rule(self, test_ruleset):
        text = MD_RANGE.replace("tqlint-disable -->", "tqlint-disable testpack/spaced-comma -->")
        findings = lint(text, test_ruleset, "markdown")
        assert [(text.count("\n", 0, f.start) + 1, f.rule) for f in findings] == [
            (1, "testpack/spaced-comma"), (4, "testpack/sua"), (7, "testpack/spaced-comma"),
        ]

    def test_disable_by_pack_prefix(self, test_ruleset):
        text = MD_RANGE.replace("tqlint-disable -->", "tqlint-disable testpack -->")
        assert flagged_lines(text, test_ruleset, "markdown") == [1, 7]

    def test_disable_by_glob(self, test_ruleset):
        text = MD_RANGE.replace("tqlint-disable -->", "tqlint-disable testpack/spaced-* -->")
        assert flagged_lines(text, test_ruleset, "markdown") == [1, 4, 7]

    def test_disable_without_enable_runs_to_the_end(self, test_ruleset):
        text = MD_RANGE.replace("<!-- tqlint-enable -->", "")
        assert flagged_lines(text, test_ruleset, "markdown") == [1]

    def test_enable_one_rule_after_disabling_all(self, test_ruleset):
        text = "<!-- tqlint-disable -->\nA , b SUA.\n<!-- tqlint-enable testpack/sua -->\nC , d SUA.\n"
        findings = lint(text, test_ruleset, "markdown")
        assert [(text.count("\n", 0, f.start) + 1, f.rule) for f in findings] == [(4, "testpack/sua")]

    def test_disable_next_line(self, test_ruleset):
        text = "A , one.\n<!-- tqlint-disable-next-line -->\nB , two.\nC , three.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [1, 4]

    def test_disable_next_line_for_one_rule(self, test_ruleset):
        text = "<!-- tqlint-disable-next-line testpack/sua -->\nB , two SUA.\n"
        findings = lint(text, test_ruleset, "markdown")
        assert [f.rule for f in findings] == ["testpack/spaced-comma"]

    def test_disable_line(self, test_ruleset):
        text = "A , one. <!-- tqlint-disable-line -->\nB , two.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [2]

    def test_other_rules_in_the_list_do_not_suppress(self, test_ruleset):
        text = "<!-- tqlint-disable-next-line other/rule -->\nB , two.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [2]

    def test_directive_outside_a_comment_does_nothing(self, test_ruleset):
        text = "tqlint-disable\n\nA , one.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [3]

    def test_directive_in_a_code_block_does_nothing(self, test_ruleset):
        text = "How to switch tqlint off:\n\n```\n<!-- tqlint-disable -->\n```\n\nA , one.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [7]

    def test_directive_in_front_matter_does_nothing(self, test_ruleset):
        text = "---\nnote: <!-- tqlint-disable -->\n---\nA , one.\n"
        assert flagged_lines(text, test_ruleset, "markdown") == [4]

    def test_reason_after_double_dash(self, test_ruleset):
        text = "<!-- tqlint-disable-next-line testpack/sua -- a name, not Romanian -->\nB , two SUA.\n"
        findings = lint(text, test_ruleset, "markdown")
        assert [f.rule for f in findings] == ["testpack/spaced-comma"]


class TestHtml:
    def test_comment_directives(self, test_ruleset):
        text = "<p>A , one.</p>\n<!-- tqlint-disable-next-line -->\n<p>B , two.</p>\n<p>C , three.</p>\n"
        assert flagged_lines(text, test_ruleset, "html") == [1, 4]

    def test_range(self, test_ruleset):
        text = "<p>A , one.</p><!-- tqlint-disable --><p>B , two.</p>\n<!-- tqlint-enable --><p>C , x</p>\n"
        assert flagged_lines(text, test_ruleset, "html") == [1, 2]
        assert len(lint(text, test_ruleset, "html")) == 2


class TestPlainText:
    def test_disable_next_line(self, test_ruleset):
        text = "A , one.\n# tqlint-disable-next-line\nB , two.\nC , three.\n"
        assert flagged_lines(text, test_ruleset, "text") == [1, 4]

    def test_range(self, test_ruleset):
        text = "A , one.\ntqlint-disable testpack/spaced-comma\nB , two SUA.\ntqlint-enable\nC , three.\n"
        findings = lint(text, test_ruleset, "text")
        assert [(text.count("\n", 0, f.start) + 1, f.rule) for f in findings] == [
            (1, "testpack/spaced-comma"), (3, "testpack/sua"), (5, "testpack/spaced-comma"),
        ]

    def test_disable_line(self, test_ruleset):
        text = "A , one.  # tqlint-disable-line -- a quoted original\nB , two.\n"
        assert flagged_lines(text, test_ruleset, "text") == [2]

    @pytest.mark.parametrize("text", ["tqlint-disabled\nA , one.\n", "tqlint-disabler\nA , one.\n"])
    def test_near_miss_words_are_not_directives(self, test_ruleset, text):
        assert flagged_lines(text, test_ruleset, "text") == [2]
