"""bilingual/misspelt-source-word-carried: a typo of the source copied into the translation."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.kinds.bilingual.untranslated import _slip_of

RULE = "bilingual/misspelt-source-word-carried"


def findings(text, source, language):
    return bilingual_findings(RULE, text, source, language)


@pytest.mark.parametrize("text, source, language, word", [
    ("Sadly it is not extistent here.", "Leider ist es hier nicht extistent.", "de", "extistent"),
    ("Oops, someting failed.", "Hoppla, someting ist schiefgelaufen.", "de", "someting"),
    ("After the match my noham hurt.", "Po zápase mě bolely noham.", "cs", "noham"),
])
def test_a_copied_typo_is_flagged_without_a_fix(text, source, language, word):
    [found] = findings(text, source, language)
    assert found.text == word and not found.fixes


@pytest.mark.parametrize("text, source, language", [
    # not in the source as the translation writes it (a capital there: a name)
    ("They crossed at reintal.", "Přešli u Reintal.", "cs"),
    # a word no list has, but no slip away from a common one: a drug, a sport
    ("Doctors may now prescribe molnupiravir.", "Lékaři nyní mohou předepsat molnupiravir.", "cs"),
    # quoted on purpose
    ("The fans chanted \"mědvěd\" all night.", "Fanoušci celou noc skandovali \"mědvěd\".", "cs"),
    # translated
    ("Oops, something failed.", "Hoppla, someting ist schiefgelaufen.", "de"),
])
def test_words_that_are_no_copied_typo_are_left_alone(text, source, language):
    assert findings(text, source, language) == []


def test_a_changed_ending_is_a_case_form_not_a_slip():
    lexicon = EnglishLexicon("cs")
    assert _slip_of("příkopa", lexicon) is None   # příkopě: another case of the same word
    assert _slip_of("noham", lexicon) == "nohám"  # an accent lost at the end is a slip
