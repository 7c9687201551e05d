"""The `recase` kind: a word in the wrong case, mended by changing its case only."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, recase
from tqlint.text.document import plain_document


def fixes(text, **options):
    find = recase.compile(options, {})
    return [(text[h.start:h.end], h.fixes[0][0].replacement) for h in find(plain_document(text), LintContext())]


def test_each_case():
    assert fixes("Fans of the club and The team cheered.", pattern=r"(?<=and )(?P<word>The)(?= \p{Ll})",
                 to="lower") == [("The", "the")]
    assert fixes("update the bios now", pattern=r"\bbios\b", to="upper") == [("bios", "BIOS")]
    assert fixes("said dvořák today", pattern=r"(?<=said )\p{Ll}+", to="title") == [("dvořák", "Dvořák")]


def test_a_word_already_in_the_case_is_not_flagged():
    assert fixes("update the BIOS now", pattern=r"(?i)\bbios\b", to="upper") == []


def test_options_are_checked():
    with pytest.raises(RuleError):
        recase.compile({"pattern": "x", "to": "sideways"}, {})
