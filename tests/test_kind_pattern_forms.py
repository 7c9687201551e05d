"""The `pattern` kind's `group-forms`: a named group written in another form in the fix."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, pattern
from tqlint.text.document import plain_document


def fixes(text, **options):
    find = pattern.compile(options, {})
    return [[edits[0].replacement for edits in h.fixes] for h in find(plain_document(text), LintContext())]


def test_upper_and_table_forms():
    options = {"pattern": r"(?P<c>\p{Lu}\p{Ll}+), (?P<m>[A-Z][a-z]+) (?P<d>\d+):", "fix": r"\g<c>, \g<m> \g<d> --",
               "group-forms": {"c": "upper", "m": {"October": "Oct."}}}
    assert fixes("Harbin, October 4: snow fell.", **options) == [["HARBIN, Oct. 4 --"]]
    assert fixes("Harbin, May 4: snow fell.", **options) == [["HARBIN, May 4 --"]]  # not in the table: kept


def test_a_numbered_reference_keeps_the_text_as_written():
    options = {"pattern": r"(?P<n>2nd) and", "fix": [r"\g<n> and", r"\g<1> and"], "group-forms": {"n": {"2nd": "second"}}}
    assert fixes("the 2nd and last", **options) == [["second and", "2nd and"]]


def test_lower_form_and_a_backslash_in_the_text_is_literal():
    assert fixes(r"see A\B", pattern=r"(?P<x>A\\B)", fix=r"\g<x>", **{"group-forms": {"x": "lower"}}) == [["a\\b"]]


@pytest.mark.parametrize("forms", [{"y": "upper"}, {"x": "sideways"}, {"x": {"a": 1}}, ["x"]])
def test_forms_are_checked(forms):
    with pytest.raises(RuleError):
        pattern.compile({"pattern": r"(?P<x>a)", "fix": r"\g<x>", "group-forms": forms}, {})
