"""The `stutter` kind: two to six words said twice in a row."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.fixer import apply_edits
from tqlint.kinds import RuleError, stutter
from tqlint.text.document import plain_document


def run(text, **options):
    hits = list(stutter.compile(options, {})(plain_document(text), LintContext()))
    fixed, rejected = apply_edits(text, [h.fixes[0][0] for h in hits])
    assert not rejected
    return [text[h.start:h.end] for h in hits], fixed


def test_the_longest_run_is_one_stutter():
    assert run("They left the scene of the scene of the fire.") == (
        ["the scene of the scene of"], "They left the scene of the fire.")


def test_brackets_commas_and_quotes_between_copies():
    assert run("Labels read (new stock) (new stock) today.")[1] == "Labels read (new stock) today."
    assert run("We hired site managers, site managers and cooks.")[1] == "We hired site managers and cooks."
    assert run('He said "not now" "not now" twice.')[1] == 'He said "not now" twice.'


def test_a_bracket_round_the_second_copy_goes_with_it():
    assert run("It means before Christ (before Christ), not after.")[1] == "It means before Christ, not after."


def test_chants_new_clauses_and_explaining_brackets_are_not_stutters():
    assert run('They chanted "open borders, open borders, open borders" all night.') == ([], 'They chanted "open borders, open borders, open borders" all night.')
    assert run("The king beats the knights, the knights beat the pawns.")[0] == []
    assert run("The guarantee is 2 years (2 years for the frame, 1 for the paint).")[0] == []
    # a second copy that ends the list is the engine's
    assert run("Green tea, black tea, black tea and others.")[0] == ["black tea, black tea"]
    assert run("It sells maps, old maps, old maps")[0] == ["old maps, old maps"]


def test_what_english_repeats_on_purpose_or_what_is_not_one_phrase():
    assert run("She called again and again and again.")[0] == []
    assert run("We will win. We will win.")[0] == []  # sentences: repeated-sentence's business
    assert run("It rose 5 5 percent.")[0] == []
    assert run("Rain fell, fell hard.")[0] == []


def test_options():
    assert run("a red car a red car", **{"min-words": 4})[0] == []
    assert run("go home go home now", **{"may-repeat": []})[0] == ["go home go home"]
    with pytest.raises(RuleError):
        stutter.compile({"min-words": 3, "max-words": 2}, {})
    with pytest.raises(RuleError):
        stutter.compile({"may-repeat": "again"}, {})
