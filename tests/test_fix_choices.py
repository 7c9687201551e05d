"""Fixes that choose what careful translators write, and findings narrowed where they were wrong."""

from __future__ import annotations

import pytest

from tqlint.api import Linter

_LINTER = Linter(no_config=True)


def _rule_hits(text: str, rule: str):
    return [f for f in _LINTER.lint_text(text, syntax="text").findings if f.rule == rule]


@pytest.mark.parametrize("text", [
    "The tale had two villains, Batrukh and Batrukha, who chased the hare.",
    "The court heard Ivanov and Ivanova; Ivanov spoke first.",
    "Novakova, Novak and their son left Brno. Novak stayed in touch.",
])
def test_inflected_name_quiet_on_a_man_and_a_woman_of_one_surname(text):
    assert _rule_hits(text, "en-news/inflected-name") == []


def test_inflected_name_still_flags_a_case_form_apart_from_its_base():
    text = "Zemmour leads in the north. Only Le Pen and Zemmoura have over 20 percent."
    hits = _rule_hits(text, "en-news/inflected-name")
    assert [text[h.start:h.end] for h in hits] == ["Zemmoura"]


def test_name_consistency_keeps_the_standard_ukrainian_spelling():
    from tqlint.kinds.bilingual.consistency import _inconsistent, _romanise

    standard = ({"м": "m", "а": "a", "р": "r", "и": "y", "н": "n", "я": "ia"}, {"я": "ya"})
    assert _romanise("Марин", standard) == "maryn"
    assert _romanise("Яна", standard) == "yana"
    uses = [(0, 6, "Marina"), (10, 16, "Marina"), (20, 26, "Maryna")]
    never_english = lambda word: False  # noqa: E731
    # the commonest spelling, where no standard is known
    hits = list(_inconsistent(uses, never_english))
    assert [(h.start, h.fixes[0][0].replacement) for h in hits] == [(20, "Marina")]
    # the one spelling that follows the standard romanisation, however rare
    hits = list(_inconsistent(uses, never_english, _romanise("Марин", standard)))
    assert [(h.start, h.fixes[0][0].replacement) for h in hits] == [(0, "Maryna"), (10, "Maryna")]
