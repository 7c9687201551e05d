"""What careful translators legitimately write for a source's dates, names and words, which the
bilingual checks must not call errors (false alarms on human references), next to the errors
they must still catch. Every example is our own."""

from __future__ import annotations

import pytest

from tqlint.api import Linter
from tqlint.bilingual.dates import SourceMonths, english_dates, missing_fields, source_dates
from tqlint.bilingual.names import Name, rephrased
from tqlint.finding import Severity
from tqlint.packs.loader import resolve_pack

RULES = {rule.id: rule for rule in resolve_pack("bilingual").rules}
MONTHS = SourceMonths(RULES["bilingual/date-mismatch"].options["months"])
LINTER = Linter(no_config=True, select=("bilingual",))


def findings(target: str, source: str, language: str) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in LINTER.lint_pair(target, source, language).findings]


# --- dates and times ------------------------------------------------------------------------

@pytest.mark.parametrize("source, english", [
    ("um 16:32 Uhr", "the last set ended 16-32"),  # a score
    ("ab 15:00 Uhr", "open from 3 to 5 pm"),  # the first hour of a range
    ("am 18.01.", "on 18.01"),  # written with dots in English too
    ("am 3.4.2022", "from 3.4.2022"),
    ("am 12.01.", "on 12/01"),  # day first
])
def test_what_english_writes_for_a_source_date(source, english):
    (date,) = source_dates(source, "de", MONTHS)
    assert missing_fields(date, english_dates(english)) == []


def test_a_range_in_the_morning_is_not_the_afternoon():
    (date,) = source_dates("ab 15:00 Uhr", "de", MONTHS)
    assert missing_fields(date, english_dates("open from 3 to 5 am")) == ["hour"]


def test_a_version_number_is_no_date():
    assert source_dates("Die Version 4.5.6.7 kam heraus.", "de", MONTHS) == []


# --- names ----------------------------------------------------------------------------------

def test_a_numbered_code_may_turn_roman():
    assert rephrased(Name(0, 3, "WW2", "acronym"), "the WWII veterans")
    assert not rephrased(Name(0, 3, "WW2", "acronym"), "the WWI veterans")


def test_a_common_word_in_capitals_is_no_name():
    assert findings("He said there was nothing left.", "Er sagte, es sei NICHTS mehr übrig.", "de") == []


def test_a_surname_in_capitals_is_still_a_name():
    assert findings("The minister spoke.", "Minister Václav HAVEL sprach.", "cs") == [
        ("bilingual/name-missing", Severity.ERROR)]


def test_the_source_languages_own_abbreviation_spelled_out_is_only_info():
    assert findings("The private health insurers pay for it.", "Die PKV zahlt dafür.", "de") == [
        ("bilingual/name-missing", Severity.INFO)]
    # An abbreviation English uses too keeps the rule's severity.
    assert findings("The agency pays for it.", "Die NASA zahlt dafür.", "de") == [
        ("bilingual/name-missing", Severity.ERROR)]


def test_a_hashtag_of_a_common_word_may_be_translated_but_not_dropped():
    assert findings("Online under #WhatFor.", "Im Netz unter #Wozu.", "de") == []
    assert findings("Online under the hashtag.", "Im Netz unter #Wozu.", "de") == [
        ("bilingual/name-missing", Severity.ERROR)]


def test_a_hit_lowers_the_severity_but_never_raises_the_users(tmp_path):
    (tmp_path / ".tqlint.yaml").write_text("rules:\n  bilingual/name-missing: warning\n")
    linter = Linter(config_path=str(tmp_path / ".tqlint.yaml"), select=("bilingual",))
    pairs = [("The private health insurers pay for it.", "Die PKV zahlt dafür."),
             ("The agency pays for it.", "Die NASA zahlt dafür.")]
    assert [[f.severity for f in linter.lint_pair(t, s, "de").findings] for t, s in pairs] == [
        [Severity.INFO], [Severity.WARNING]]


# --- untranslated ---------------------------------------------------------------------------

def test_a_source_sentence_of_english_words_is_kept_on_purpose():
    assert findings("Early Spring Sale", "Early Spring Sale", "de") == []
    assert findings("Die Stadt schläft heute nicht", "Die Stadt schläft heute nicht", "de") == [
        ("bilingual/untranslated-sentence", Severity.ERROR)]


@pytest.mark.parametrize("target, source", [
    ("The party Sdružení nezávislých kandidátů won.", "Strana Sdružení nezávislých kandidátů vyhrála."),
    ("The film Život je krásný is showing.", "Film Život je krásný běží."),
    ("See mapy.cz for more.", "Více na mapy.cz."),
])
def test_source_words_inside_a_kept_name_or_address_are_not_untranslated(target, source):
    assert [rule for rule, _ in findings(target, source, "cs") if rule.startswith("bilingual/untranslated")] == []


def test_a_lone_source_word_is_still_untranslated():
    assert ("bilingual/untranslated-word", Severity.WARNING) in findings(
        "The mayor said the bridge is stále closed.", "Starosta řekl, že most je stále zavřený.", "cs")
