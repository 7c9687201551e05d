"""English ways to say a source number without its digits (bilingual/number-missing's
`english-words`, Roman numerals, decades in words, "and two other"): what careful translators
write stays quiet; the same words beside a source number they do not say are still reported."""

from __future__ import annotations

import pytest

from tqlint.api import Linter
from tqlint.bilingual.numbers import NumberTables, english_idioms, english_quantities
from tqlint.packs.loader import resolve_pack

RULES = {rule.id: rule for rule in resolve_pack("bilingual").rules}
NUMBERS = RULES["bilingual/number-missing"].options
TABLES = NumberTables.from_options(NUMBERS["locales"], NUMBERS["scales"], NUMBERS["units"], NUMBERS["conversions"],
                                   NUMBERS["english-words"])
LINTER = Linter(no_config=True, select=("bilingual/number-missing",))


def missing(english: str, source: str, language: str) -> list[str]:
    return [f.message for f in LINTER.lint_pair(english, source, language).findings]


@pytest.mark.parametrize("english, source, language", [
    ("Exports have tripled since the spring.", "Der Export ist seit dem Frühjahr auf das 3-Fache gestiegen.", "de"),
    ("Prices went up fourfold.", "Ceny vzrostly 4krát.", "cs"),
    ("I check it a couple of times a week.", "Kontroluji to 2–3krát týdně.", "cs"),
    ("The pharmacy is open around the clock.", "Die Apotheke ist 24 Stunden geöffnet.", "de"),
    ("The trial lasted a fortnight.", "Der Prozess dauerte 14 Tage.", "de"),
    ("He rests for half an hour after lunch.", "Nach dem Mittagessen ruht er 30 Minuten.", "de"),
    ("The rule is set out in Chapter XIV.", "Die Regel steht in Kapitel 14.", "de"),
    ("Their music defined the seventies.", "Ihre Musik prägte die 70er.", "de"),
    ("Harvard and two other colleges signed.", "Unterschrieben haben 3 Hochschulen.", "de"),
    ("The minister made a U-turn on taxes.", "Der Minister vollzog bei den Steuern eine Wende um 180 Grad.", "de"),
    ("Half of the voters stayed at home.", "50 % der Wähler blieben zu Hause.", "de"),
    ("The loan is fully repaid.", "Der Kredit ist zu 100 % zurückgezahlt.", "de"),
    ("Mix it into a gallon of water.", "Mischen Sie es in 3,8 Liter Wasser.", "de"),
    ("She rebuilt the firm from scratch.", "Sie baute die Firma von 0 auf.", "de"),
])
def test_a_number_said_in_english_words_is_there(english, source, language):
    assert missing(english, source, language) == []


@pytest.mark.parametrize("english, source, language", [
    ("All of the guests left early.", "100 Gäste gingen früh.", "de"),  # 'all' says 100 %, not 100 people
    ("Half of the guests left early.", "50 Gäste gingen früh.", "de"),
    ("The pharmacy has staff around the clock.", "Die Apotheke hat 24 Angestellte.", "de"),  # 24 people, not hours
    ("The bridge took a week to build.", "Die Brücke wurde von 7 Arbeitern gebaut.", "de"),
    ("The minister made a U-turn on taxes.", "Der Minister senkte die Steuern um 180 Euro.", "de"),
    ("Exports have doubled since the spring.", "Der Export ist seit dem Frühjahr auf das 3-Fache gestiegen.", "de"),
    ("Harvard and two other colleges signed.", "Unterschrieben haben 4 Hochschulen.", "de"),
])
def test_the_same_words_beside_another_number_are_still_reported(english, source, language):
    assert len(missing(english, source, language)) == 1


def test_roman_numerals_are_read_only_when_strictly_formed():
    said = english_idioms("Part XIV, then II and XL; I was there; IIII and VX are not numerals.", TABLES, [])
    assert sorted(v for q in said for v in q.values if not q.needs_unit) == [2.0, 14.0, 40.0]


def test_and_n_other_counts_the_one_named():
    text = "Oslo and 4 other cities"
    said = english_idioms(text, TABLES, english_quantities(text, TABLES))
    assert any(5.0 in q.values for q in said)


def test_a_decade_word_is_its_tens_and_its_twentieth_century_years():
    said = english_idioms("in the Eighties", TABLES, [])
    assert {80.0, 1980.0} <= {v for q in said for v in q.values}


@pytest.mark.parametrize("table, words", [
    ({"twice": "two"}, "must give a number"),
    ({"twice": {"value": 2, "unit": "parsec"}}, "must be a unit"),
    ({"twi(ce": 2}, "not a valid regular expression"),
])
def test_a_bad_english_words_table_is_named(table, words):
    with pytest.raises(ValueError, match=words):
        NumberTables.from_options(NUMBERS["locales"], NUMBERS["scales"], NUMBERS["units"], None, table)
