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
