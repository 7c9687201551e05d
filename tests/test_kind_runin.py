"""The `run-in-capital` kind: a heading, list item or sentence run into the text before it."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, runin
from tqlint.text.document import plain_document

NOT_AFTER = ["the", "of", "in", "said", "visited"]


def hits(text, **options):
    options.setdefault("not-after", NOT_AFTER)
    find = runin.compile(options, {})
    return [text[h.start:h.end] for h in find(plain_document(text), LintContext())]


def test_a_common_word_run_in_with_a_capital_is_flagged():
    text = "The lid shuts tight Colour options: the colour is grey or blue."
    assert hits(text) == ["Colour"]


def test_a_word_the_text_never_writes_in_lower_case_is_taken_for_a_name():
    assert hits("The team flew home Tuesday and rested.") == []


def test_a_word_the_text_capitalises_elsewhere_mid_sentence_is_left_alone():
    text = "Members of the governing Unity party met; unity was the theme, and a Unity spokesman spoke."
    assert hits(text) == []
    assert hits(text, **{"max-capitalised": 2}) == ["Unity"]


def test_words_after_which_a_capital_is_normal_are_options():
    text = "Tourists visited Bath today; a hot bath was waiting."
    assert hits(text) == []
    assert hits(text, **{"not-after": ["the"]}) == ["Bath"]


def test_not_words_are_left_to_other_rules():
    text = "He fixed the roof Guard rails came later, and a guard stood by."
    assert hits(text) == ["Guard"]
    assert hits(text, **{"not-words": ["Guard"]}) == []


@pytest.mark.parametrize("options, key", [
    ({"not-after": "the"}, "not-after"),
    ({"not-after": [], "not-words": [1]}, "not-words"),
    ({"not-after": [], "max-capitalised": 0}, "max-capitalised"),
    ({"not-after": [], "max-capitalised": True}, "max-capitalised"),
])
def test_bad_options_name_the_option(options, key):
    with pytest.raises(RuleError) as error:
        runin.compile(options, {})
    assert error.value.key == key


def test_a_common_word_before_a_label_colon_needs_no_lower_case_use():
    text = "The case is solid metal Screen size: thirteen inches."
    assert hits(text) == []
    assert hits(text, **{"label-min-zipf": 4}) == ["Screen"]


def test_a_rare_word_before_a_colon_is_taken_for_a_name():
    assert hits("The guests were greeted by the chef Kral: a tall man.", **{"label-min-zipf": 4}) == []


def test_label_min_zipf_must_be_in_range():
    with pytest.raises(RuleError) as error:
        runin.compile({"not-after": [], "label-min-zipf": 9}, {})
    assert error.value.key == "label-min-zipf"


def test_a_lower_case_use_that_differs_only_by_case_folding_still_counts():
    # "Strasse" folds to "strasse", as does "straße": the substring test that spares the word
    # counts must not take the ß spelling for no lower-case use. (The long s "ſ" folds to "s".)
    assert hits("We crossed the main Strasse today; the straße was busy.") == ["Strasse"]
    assert hits("The cart went over Stones quickly; the ſtones were wet.") == ["Stones"]
    assert runin._folds_to_itself("plain text, café and naïve") is True
    assert runin._folds_to_itself("die straße") is False


def test_a_name_the_text_never_writes_in_lower_case_is_skipped_early_with_labels_on():
    assert hits("The team flew home Tuesday and rested.", **{"label-min-zipf": 4}) == []
    assert hits("The lid shuts tight Colour options: the colour is grey.", **{"label-min-zipf": 4}) == ["Colour"]


def test_after_many_name_candidates_the_counts_take_over_and_find_the_same():
    # Each substring test may read the whole text: past runin._MAX_SCANS of them the word
    # counts are built, and a run-in word after many names is still found.
    names = " ".join(f"we met K{chr(97 + k)}{chr(97 + k)}o today." for k in range(runin._MAX_SCANS + 4))
    text = names + " The lid shuts tight Colour options: the colour is grey."
    assert hits(text) == ["Colour"]
