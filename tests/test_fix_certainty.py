"""Fixes offered only where they are certain: contexts that rules used to misread (issue 14).

Each test names the reading that was wrong and checks the near miss that must still be found."""

from __future__ import annotations

from tqlint.api import Linter, lint_pair
from tqlint.fixer import apply_edits


def _fixed(text: str, finding) -> str | None:
    """The text with the finding's first fix applied, or None when it has none."""
    return apply_edits(text, list(finding.fixes[0].edits))[0] if finding.fixes else None


def _bilingual(text: str, source: str, language: str):
    result = lint_pair(text, source, language, no_config=True)
    return [(f.rule, _fixed(text, f)) for f in result.findings if f.rule.startswith("bilingual/number")]


def test_a_number_the_translation_copies_in_its_spaced_groups_is_not_missing():
    # The source glues the first group to an abbreviation ("тел.604"), so the two sides read
    # the groups differently; the digits stand in the English as the source writes them.
    assert _bilingual("For bookings, ring 604 118 230 27 after six.",
                      "Бронирование по тел.604 118 230 27 после шести.", "ru") == []


def test_a_spaced_number_the_translation_changes_is_still_missing():
    assert _bilingual("About 13,000 people came to the square.",
                      "На площадь пришли около 12 000 человек.", "ru") == [
        ("bilingual/number-missing", "About 12,000 people came to the square.")]


def _findings(rule: str, text: str):
    found = Linter(no_config=True, select=(rule,)).lint_text(text, None).findings
    return [(f.text, _fixed(text, f)) for f in found]


def test_a_name_in_a_that_the_article_declines_as_such_is_the_base_not_the_clipped_form():
    # "Buch" (a clipped form) is commoner, but "Buchi" declines "Bucha": Bucha is the nominative.
    text = "Troops shelled Buch. Buch was hit twice, and aid reached Buchi; Bucha is calm now."
    assert _findings("en-news/inflected-name", text) == [
        ("Buchi", "Troops shelled Buch. Buch was hit twice, and aid reached Bucha; Bucha is calm now.")]


def test_a_name_in_a_beside_a_commoner_bare_form_is_still_a_case_form():
    text = "Novák leads. Polls put Novák first, and Horák trails Nováka."
    assert _findings("en-news/inflected-name", text) == [
        ("Nováka", "Novák leads. Polls put Novák first, and Horák trails Novák.")]
