"""The calque classes added in round 7 (issue 14) beyond their own examples: which source
languages a pack runs for, and the near misses a paragraph holds."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.config import Config


def findings(text: str, rules: tuple[str, ...]) -> list[tuple[str, str]]:
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    return [(f.rule, f.text) for f in result.findings]


def test_light_verb_shelling_is_flagged_but_strikes_and_the_noun_are_not():
    text = ("The army carried out strikes on two depots. The shelling of the port went on. "
            "Later the enemy carried out heavy artillery shelling of the port.")
    assert findings(text, ("from-ru/carry-out-shelling",)) == [
        ("from-ru/carry-out-shelling", "carried out heavy artillery shelling"),
    ]


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


def test_draft_law_becomes_bill_only_as_an_unsafe_fix():
    text = "The draft law passed its first reading, and two more draft laws wait."
    result = Linter(no_config=True, select=("en-news/draft-law-bill",)).lint_text(text, None, syntax="text")
    fixed = text
    for f in reversed(result.findings):
        for edit in reversed(f.fixes[0].edits):
            fixed = fixed[:edit.start] + edit.replacement + fixed[edit.end:]
    assert [f.text for f in result.findings] == ["draft law", "draft laws"]
    assert fixed == "The bill passed its first reading, and two more bills wait."
    assert all(not f.fixes[0].safe for f in result.findings)


def test_oclock_after_a_24_hour_or_clock_time_is_mended_but_twelve_hour_oclock_is_not():
    text = "Doors open at 19 o'clock, the show ends at 22.30 o'clock, and the bar shuts at 11 o'clock."
    rules = ("en-news/oclock-24-hour", "en-news/oclock-after-clock-time")
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    assert [(f.rule, f.text) for f in result.findings] == [
        ("en-news/oclock-24-hour", "19 o'clock"),
        ("en-news/oclock-after-clock-time", "22.30 o'clock"),
    ]
    assert all(f.fixes[0].safe for f in result.findings)
