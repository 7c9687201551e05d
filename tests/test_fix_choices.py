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

