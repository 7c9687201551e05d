"""The `dash-consistency` kind: a spaced hyphen in a text that sets real dashes between words elsewhere."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, dashes
from tqlint.text.document import plain_document


def fixes(text, **options):
    find = dashes.compile(options, {})
    return [(h.start, text[h.start:h.end], h.fixes[0][0].replacement) for h in find(plain_document(text), LintContext())]


def test_hyphen_takes_the_dash_the_text_uses_most():
    text = "The vote – the first – was close – very close.\nOne — two.\nThe mayor stayed calm - she knew."
    assert fixes(text) == [(text.index(" - "), " - ", " – ")]


def test_a_text_of_hyphens_only_is_house_style():
    assert fixes("The mayor stayed calm - she knew - and smiled.") == []


def test_ranges_and_unspaced_dashes_do_not_count():
    assert fixes("Open 9 – 5 daily.\nThe Prague—Brno line reopened - at last.") == []
    assert fixes("Others — writers — came.\nSee pages 3 - 5.") == []


def test_min_dashes():
    text = "Others — writers — came.\nThe capital is far - and growing."
    assert len(fixes(text, **{"min-dashes": 2})) == 1
    assert fixes(text, **{"min-dashes": 3}) == []
    with pytest.raises(RuleError):
        dashes.compile({"min-dashes": 0}, {})
