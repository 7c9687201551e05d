"""bilingual/number-added's `era-words`: a bracketed year range after a named era glosses it (the
source names only the era); the same range elsewhere, or a lone year there, is still reported."""

from __future__ import annotations

import pytest

from tqlint.api import Linter
from tqlint.kinds import RuleError
from tqlint.kinds.bilingual.numbers import _era_gloss

LINTER = Linter(no_config=True, select=("bilingual/number-added",))


def added(english: str, source: str, language: str) -> list[str]:
    return [f.text for f in LINTER.lint_pair(english, source, language).findings]


@pytest.mark.parametrize("english, source, language", [
    ("The shrine was rebuilt in the Kamakura period (1185–1333).", "その神社は鎌倉時代に再建された。", "ja"),
    ("The tomb dates from the Han dynasty (206 BC – 220 AD).", "这座墓可以追溯到汉朝。", "zh"),
    ("Farming spread in the Bronze Age (c. 3300 to 1200 BC).", "Zemědělství se rozšířilo v době bronzové.", "cs"),
])
def test_era_gloss_is_left_alone(english, source, language):
    assert added(english, source, language) == []


@pytest.mark.parametrize("english, source, language", [
    ("Sales doubled over the decade (2010–2019).", "Prodeje se za desetiletí zdvojnásobily.", "cs"),
    ("The shrine was rebuilt in the Kamakura period (1185).", "その神社は鎌倉時代に再建された。", "ja"),
    ("The shrine was rebuilt in 1185–1333, in the Kamakura period.", "その神社は鎌倉時代に再建された。", "ja"),
])
def test_other_added_years_are_reported(english, source, language):
    assert added(english, source, language)


def test_bad_era_words_is_a_rule_error():
    with pytest.raises(RuleError):
        _era_gloss({"era-words": "period|("})
    with pytest.raises(RuleError):
        _era_gloss({"era-words": 3})
    assert _era_gloss({}) is None
