"""Fixes that choose what careful translators write, and findings narrowed where they were wrong."""

from __future__ import annotations

import pytest

from tqlint.api import Linter

_LINTER = Linter(no_config=True)


def _rule_hits(text: str, rule: str):
    return [f for f in _LINTER.lint_text(text, syntax="text").findings if f.rule == rule]


@pytest.mark.parametrize("text", [
    "The tale had two villains, Moroz and Moroza, who chased the hare.",
    "The court heard Ivanov and Ivanova; Ivanov spoke first.",
    "Novakova, Novak and their son left Brno. Novak stayed in touch.",
])
def test_inflected_name_quiet_on_a_man_and_a_woman_of_one_surname(text):
    assert _rule_hits(text, "en-news/inflected-name") == []


def test_inflected_name_still_flags_a_case_form_apart_from_its_base():
    text = "Novák leads in the north. Only Horák and Nováka have over 20 percent."
    hits = _rule_hits(text, "en-news/inflected-name")
    assert [text[h.start:h.end] for h in hits] == ["Nováka"]


def test_name_consistency_never_keeps_a_consonant_the_source_writes_once_doubled():
    from tqlint.kinds.bilingual.consistency import _doubled, _inconsistent

    never_english = lambda word: False  # noqa: E731
    assert _doubled("Касьянов") == 0 and _doubled("Анна") == 1
    # ss for a single с is a French transcription: the rarer single-s spelling is kept
    uses = [(0, 9, "Kassianov"), (10, 19, "Kassianov"), (20, 28, "Kasyanov")]
    hits = list(_inconsistent(uses, never_english, None, 0))
    assert [(h.start, h.end) for h in hits] == [(0, 9), (10, 19)]
    # of two spellings without the doubling, the commoner is kept
    uses = [(0, 7, "Essenin"), (10, 17, "Essenin"), (20, 27, "Yesenin"), (30, 37, "Yesenin"), (40, 46, "Esenin")]
    hits = list(_inconsistent(uses, never_english, None, 0))
    assert [(h.start, h.fixes[0][0].replacement) for h in hits][0] == (0, "Yesenin")
    assert {h.start for h in hits} == {0, 10, 40}
    # the source doubles a letter itself: both spellings may stand, the commonest is kept
    uses = [(0, 3, "Ana"), (10, 13, "Ana"), (20, 24, "Anna")]
    hits = list(_inconsistent(uses, never_english, None, 1))
    assert [(h.start, h.end) for h in hits] == [(20, 24)]


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
