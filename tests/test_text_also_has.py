"""`text-also-has`: a pattern rule's matches count only where the whole text also shows the style
the option names (digit grouping for a rule on "7 thousand")."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, RuleTimeout
from tqlint.kinds import pattern as pattern_kind
from tqlint.text.document import plain_document

OPTIONS = {"pattern": r"\b(?P<n>\d+) thousand\b", "text-also-has": r"\b\d{1,3},\d{3}\b", "fix": r"\g<n>,000"}


def spans(text, **options):
    find = pattern_kind.compile(options, {})
    return [text[h.start:h.end] for h in find(plain_document(text), LintContext())]


def test_matches_count_where_the_text_shows_the_style():
    assert spans("Some 7 thousand left.\n\nAbout 29,300 stayed; 8 thousand came.", **OPTIONS) == [
        "7 thousand", "8 thousand"]


def test_matches_are_dropped_where_it_does_not():
    assert spans("Some 7 thousand left; 8 thousand came.", **OPTIONS) == []
    assert spans("Some 7 thousand left; 8 thousand came.", **{k: v for k, v in OPTIONS.items()
                                                              if k != "text-also-has"}) == ["7 thousand", "8 thousand"]


def test_a_bad_expression_is_an_error():
    with pytest.raises(RuleError):
        pattern_kind.compile({**OPTIONS, "text-also-has": "("}, {})


def test_a_runaway_expression_is_stopped_and_named():
    find = pattern_kind.compile({**OPTIONS, "text-also-has": r"(a|aa)+b"}, {})
    context = LintContext(timeout_floor=0.3)
    text = "Some 7 thousand left.\n\n" + "a" * 60 + "\n"
    with pytest.raises(RuleTimeout):
        list(find(plain_document(text), context))
