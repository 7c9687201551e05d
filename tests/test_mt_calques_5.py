"""The calque classes added in round 7 (issue 14) beyond their own examples: which source
languages a pack runs for, and the near misses a paragraph holds."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.config import Config


def findings(text: str, rules: tuple[str, ...]) -> list[tuple[str, str]]:
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    return [(f.rule, f.text) for f in result.findings]


def test_ranking_calque_runs_only_for_east_slavic_sources():
    text = "The leader in the number of downloads was a photo editor."
    for language, expected in (("ru", 1), ("uk", 1), ("zh", 0)):
        linter = Linter(config=Config(source_languages=(language,)))
        found = [f for f in linter.lint_text(text, None, syntax="text").findings
                 if f.rule == "from-ru/leader-in-the-number-of"]
        assert len(found) == expected, language


def test_no_recast_is_offered_as_a_fix():
    text = "The leaders in terms of the number of visitors were two seaside towns."
    result = Linter(no_config=True, select=("from-ru/leader-in-the-number-of",)).lint_text(text, None, syntax="text")
    assert len(result.findings) == 1
    assert not result.findings[0].fixes and result.findings[0].no_fix_reason


def test_oclock_after_a_24_hour_or_clock_time_is_mended_but_twelve_hour_oclock_is_not():
    text = "Doors open at 19 o'clock, the show ends at 22.30 o'clock, and the bar shuts at 11 o'clock."
    rules = ("en-news/oclock-24-hour", "en-news/oclock-after-clock-time")
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    assert [(f.rule, f.text) for f in result.findings] == [
        ("en-news/oclock-24-hour", "19 o'clock"),
        ("en-news/oclock-after-clock-time", "22.30 o'clock"),
    ]
    assert all(f.fixes[0].safe for f in result.findings)
