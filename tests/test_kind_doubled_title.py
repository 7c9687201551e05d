"""The `doubled-title-word` kind: an English word doubled with a capital both times."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, doubled_title
from tqlint.text.document import plain_document


def hits(text, **options):
    find = doubled_title.compile(options, {})
    return list(find(plain_document(text), LintContext()))


def test_an_english_word_doubled_in_capitals_is_flagged_and_the_second_copy_dropped():
    text = "Our Spring Sale Sale starts on Monday."
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "Sale Sale"
    [edit] = hit.fixes[0]
    assert text[:edit.start] + edit.replacement + text[edit.end:] == "Our Spring Sale starts on Monday."


def test_names_pinyin_syllables_and_rare_words_are_left_alone():
    assert hits("The consultant Lan Lan and the driver Han Han met at Run Run Shaw Hospital.") == []
    assert hits("Duran Duran played in Walla Walla.", names=["Duran", "Walla"]) == []
    assert hits("They ate Yokan Yokan after dinner.") == []  # not an English word


def test_a_word_said_three_times_is_a_chant():
    assert hits("The fans sang Glory Glory Glory all night.") == []


def test_lower_case_doubles_are_the_doubled_word_rules():
    assert hits("The the sale sale ended.") == []


def test_min_zipf_sets_how_common_the_word_must_be():
    text = "A Magnifier Magnifier for reading."
    assert len(hits(text, **{"min-zipf": 2.0})) == 1
    assert hits(text, **{"min-zipf": 3.0}) == []


@pytest.mark.parametrize("options, key", [({"min-zipf": "high"}, "min-zipf"), ({"names": "Walla"}, "names"),
                                          ({"skip": "(unclosed"}, "skip"), ({"skip": 3}, "skip")])
def test_options_are_checked(options, key):
    with pytest.raises(RuleError) as error:
        doubled_title.compile(options, {})
    assert error.value.key == key
