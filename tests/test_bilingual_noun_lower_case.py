"""bilingual/source-noun-lower-case: a noun of a German source (capitalised there) that the
translation copies lower-case, and that English's word list lacks."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

RULE = "bilingual/source-noun-lower-case"


def findings(text, source, language="de"):
    return bilingual_findings(RULE, text, source, language)


def test_a_german_noun_copied_lower_case_is_flagged_without_a_fix():
    [finding] = findings("The old shed was full of gerümpel and boxes.",
                         "Der alte Schuppen war voller Gerümpel und Kisten.")
    assert finding.text == "gerümpel"
    assert "Gerümpel" in finding.message
    assert not finding.fixes


@pytest.mark.parametrize("text, source, language", [
    # a loan English lists (carport, wlan)
    ("Thieves took two bikes from a carport in the village.", "Diebe stahlen zwei Fahrräder aus einem Carport im Dorf.", "de"),
    # the translation kept the capital: not this rule's
    ("The old shed was full of Gerümpel and boxes.", "Der alte Schuppen war voller Gerümpel und Kisten.", "de"),
    # the source writes it lower-case too (an adjective, a verb)
    ("The old shed was full of gerümpel and boxes.", "Der alte Schuppen war voller gerümpel und Kisten.", "de"),
    # in quotation marks: a word quoted on purpose
    ("Locals call it \"zwiebelkuchen\" here.", "Die Leute hier nennen es Zwiebelkuchen.", "de"),
    # beside a name
    ("The team of Trainer schweinsteiger won.", "Das Team von Trainer Schweinsteiger gewann.", "de"),
    # Czech capitalises names only: name-lower-case's
    ("Buses go via jihlavu to the lake.", "Autobusy jedou přes Jihlavu k jezeru.", "cs"),
])
def test_no_copied_noun_no_finding(text, source, language):
    assert findings(text, source, language) == []


def test_the_first_part_of_a_hyphenated_source_compound_is_a_noun_too():
    [finding] = findings("She won the zweierbob race on Saturday.",
                         "Sie gewann am Samstag das Zweierbob-Rennen.")
    assert finding.text == "zweierbob"


def test_a_word_capitalised_only_at_a_sentence_start_is_no_sign_of_a_noun():
    assert findings("The tyres are unplattbar, says the maker.",
                    "Unplattbar sind die Reifen, sagt der Hersteller.") == []
