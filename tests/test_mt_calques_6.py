"""The calque classes added in round 8 (issue 14) beyond their own examples: what the fix
keeps and where the rule stays quiet."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.finding import Finding


def lint(text: str, rule: str) -> tuple[Finding, ...]:
    return tuple(Linter(no_config=True, select=(rule,)).lint_text(text, None, syntax="text").findings)


def test_such_as_etc_offers_no_fix_since_and_or_or_depends():
    found = lint("Exports such as tea, silk, porcelain, etc., grew fast.", "en-news/such-as-list-etc")
    assert [f.text for f in found] == ["such as tea, silk, porcelain, etc."]
    assert not found[0].fixes and found[0].no_fix_reason


def test_such_as_etc_keeps_the_sentence_stop_and_crosses_no_sentence():
    found = lint("It sells tools such as saws, drills, etc. Prices are low.", "en-news/such-as-list-etc")
    assert [f.text for f in found] == ["such as saws, drills, etc"]
    text = "Firms such as these exist. Saws, drills, etc. are cheap."
    assert not lint(text, "en-news/such-as-list-etc")


def test_recommended_reason_is_flagged_only_as_a_label():
    rule = "from-zh/recommended-reason-label"
    text = "Recommended reasons: a steel case.\n\nThe panel saw a recommended reason for delay."
    found = lint(text, rule)
    assert [f.text for f in found] == ["Recommended reasons"]
    assert not found[0].fixes[0].safe
