"""What careful translators legitimately write for a source's dates, names and words, which the
bilingual checks must not call errors (false alarms on human references), next to the errors
they must still catch. Every example is our own."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.bilingual.names import Name, rephrased
from tqlint.finding import Severity

LINTER = Linter(no_config=True, select=("bilingual",))


def findings(target: str, source: str, language: str) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in LINTER.lint_pair(target, source, language).findings]


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
