"""Requirements let rules skip documents; they must never change what a rule finds."""

from __future__ import annotations

import pytest
import regex
from conftest import load_rules
from hypothesis import given, settings
from hypothesis import strategies as st

from tqlint.engine.context import LintContext
from tqlint.engine.prefilter import Requirement, ascii_words, folded_view, key_words
from tqlint.engine.required import derive
from tqlint.text.document import plain_document
from tqlint.yamlio import YamlError


@pytest.mark.parametrize("pattern, ignore_case, literals", [
    (r"grew\s+with\s+\d+", False, ["grew"]),
    (r"\bSUA\b", False, ["SUA"]),
    (r"(?i)\b(?:rose|grew|fell)\s+with", False, ["fell", "grew", "rose"]),
    (r"\b(?:Rose|Grew)\b", True, ["grew", "rose"]),
    (r"(?<=[“„][^“”\n]*)x”", False, ["x”"]),  # a positive lookbehind is required too
    (r"\p{Lu}SUA\b", False, ["SUA"]),  # regex-only syntax is read as "some character"
    (r"(?:percent){2,}", False, ["percent"]),
])
def test_derived_literals(pattern, ignore_case, literals):
    requirement = derive(pattern, ignore_case)
    assert requirement is not None and sorted(requirement.literals) == sorted(x.lower() for x in literals)


@pytest.mark.parametrize("pattern", [
    r"(?:foo){e<=1}",       # fuzzy matching: 'fo' matches too
    r"[[:alpha:]]+x",       # a POSIX class that `re` would read as a set of literals
    r"(?|(a)|(b))",         # branch reset
    r"\L<words>",           # a named list
    r"(?V1)[[a-z]--[aeiou]]",
    r"a?",                  # nothing certain
    r"(?:x|\w)",            # one alternative has no literal
    r"(?!foo)\w+",          # a negative lookahead requires nothing
    r"(a)\1",               # back-references add nothing, and 'a' is in every article
    r"[,;][ \t]*\.",        # punctuation every article holds: a check that never skips
])
def test_nothing_uncertain_or_useless_is_derived(pattern):
    assert derive(pattern, False) is None


def test_cased_letters_beyond_ascii_break_a_literal():
    """Their lowercase can depend on context (final sigma): only ASCII, caseless characters and
    the case twins of ASCII letters go into a literal, which is read from the folded view."""
    assert derive(r"(?i)ţară", False).literals == ("ar",)
    assert derive(r"(?i)Straße", False).literals == ("stra",)
    requirement = derive(r"„[^“]+“ said", False)
    assert requirement.literals == ("“ said",) and requirement(plain_document("„Yes“ said Ana."))


def test_case_twins_are_folded():
    # The regex module's IGNORECASE matches the Kelvin sign with k, long s with s, İ with i.
    doc = plain_document("The \u212aing's \u017fpeech in \u0130stanbul.")
    assert {"king", "speech", "istanbul"} <= ascii_words(doc)
    assert "king" in folded_view(doc)
    for word in ("King", "speech"):
        assert regex.search(f"(?i){word}", doc.view)
        assert derive(f"(?i){word}", False)(doc)


def test_key_words_cut_like_documents():
    assert key_words("prime-minister") == ["prime", "minister"]
    assert key_words("café au lait") == ["caf", "au", "lait"]
    assert key_words("，") == []


def test_a_literal_holding_a_shorter_one_of_its_group_is_not_scanned_for():
    requirement = Requirement(["russian", "prussia", "russia", "iran"], ignore_case=True)
    assert requirement.groups == (("iran", "russia"),)
    assert Requirement.all_of([["ab", "abc"], ["x", "yx"]], ignore_case=False).groups == (("ab",), ("x",))


class TestDeclaredRequires:
    RULE = r"""
rules:
  - id: slow-thing
    kind: pattern
    category: Fluency/Grammar
    severity: warning
    message: "x"
    pattern: '(?<=\w)\s+(?:done|made)\b'
    requires: [Done, made]
    no-fix: "test"
    examples:
      flag: ["it was done"]
      pass: ["it was"]
"""

    def test_a_rule_skips_documents_without_its_literals(self, tmp_path):
        rule = load_rules(tmp_path, self.RULE).rules[0]
        assert rule.matcher.requirement.literals == ("done", "made")
        assert list(rule.matcher(plain_document("It was done."), LintContext()))
        assert not list(rule.matcher(plain_document("It was."), LintContext()))

    def test_exact_case_literals_must_occur_as_written(self, tmp_path):
        text = self.RULE.replace(r"(?:done|made)\b", r"(?:done|Made)\b").replace(
            "requires: [Done, made]", "requires: [done, Made]\n    requires-case: exact").replace(
            '"it was done"', '"it was Made"')
        rule = load_rules(tmp_path, text).rules[0]
        assert not rule.matcher.requirement.ignore_case
        assert list(rule.matcher(plain_document("It was Made."), LintContext()))
        assert not list(rule.matcher(plain_document("It was made."), LintContext()))  # skipped, not scanned
        with pytest.raises(YamlError, match=r"rule 'slow-thing': `requires-case` must be"):
            load_rules(tmp_path, text.replace("requires-case: exact", "requires-case: upper"))

    @pytest.mark.parametrize("bad", ["done", "[]", "[1]", "['']"])
    def test_invalid_requires_is_an_error_with_a_line(self, tmp_path, bad):
        text = self.RULE.replace("requires: [Done, made]", f"requires: {bad}")
        with pytest.raises(YamlError, match=r"rules.yaml:\d+: rule 'slow-thing': `requires`"):
            load_rules(tmp_path, text)


# --- properties: a requirement is implied by every match ------------------------------------

ATOMS = ["a", "b", "ab", "K", "s", "é", "\\.", ",", " ", "\\s", "\\w", "\\d", "[ab]", "[^a]", "."]


@st.composite
def patterns(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 9 if depth < 2 else 5))
        if choice <= 5:
            parts.append(draw(st.sampled_from(ATOMS)))
        elif choice == 6:
            parts.append("(?:" + "|".join(draw(st.lists(patterns(depth + 1), min_size=1, max_size=3))) + ")")
        elif choice == 7:
            parts.append("(?:" + draw(patterns(depth + 1)) + ")" + draw(st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "+?"])))
        elif choice == 8:
            parts.append("(?=" + draw(patterns(depth + 1)) + ")")
        else:
            parts.append("(?<=" + draw(st.sampled_from(ATOMS)) + ")")
    return "".join(parts)


TEXT = st.text(alphabet="abAB sSKk\u212a\u017f\u0130ié.,\n1", max_size=40)


@settings(max_examples=400, deadline=None)
@given(patterns(), TEXT, st.booleans())
def test_a_match_always_meets_the_requirement(pattern, text, ignore_case):
    try:
        compiled = regex.compile(pattern, regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0))
    except regex.error:
        return
    requirement = derive(pattern, ignore_case)
    if requirement is not None and compiled.search(text):
        assert requirement(plain_document(text)), (pattern, text, requirement)


PHRASES = ["grew with", "actual", "prime-minister", "in the frame of", "café", "，", "Kelvin", "a"]
PROSE = st.lists(st.sampled_from(PHRASES + ["the", "GREW", "With", "\u212aelvin", "caf", " ", "\n", ", ", "-"]),
                 max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6, unique=True), PROSE, st.booleans())
def test_phrase_tables_find_exactly_what_the_whole_table_finds(phrases, text, case_sensitive):
    from tqlint.kinds import phrase as phrase_kind
    from tqlint.kinds.phrase import _alternative

    options = {"phrases": {p: "x" for p in phrases}, "case-sensitive": case_sensitive}
    find = phrase_kind.compile(options, None)
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    ordered = sorted({(p if case_sensitive else p.lower()) for p in phrases}, key=len, reverse=True)
    whole = regex.compile("|".join(_alternative(p) for p in ordered), flags)
    expected = [m.span() for m in whole.finditer(text)]
    assert [(h.start, h.end) for h in find(plain_document(text), LintContext())] == expected


def test_requirement_repr_and_order():
    requirement = Requirement(["b", "aa", "b"], ignore_case=False)
    assert requirement.literals == ("aa", "b")
    assert "aa" in repr(requirement)


def test_a_pattern_needs_every_literal_it_contains():
    requirement = derive(r"\b[Tt]he\s+past\s+(?:Monday|Tuesday)\b", False)
    assert [sorted(g) for g in requirement.groups] == [["monday", "tuesday"], ["past"]]
    assert requirement(plain_document("It rained the past Monday."))
    assert not requirement(plain_document("It rained last Monday."))


def test_a_phrase_needs_all_its_words():
    from tqlint.kinds import phrase as phrase_kind

    requirement = phrase_kind.requirement({"phrases": {"police chef": "police chief", "spy chef": None}})
    assert requirement(plain_document("The police chef resigned."))
    assert not requirement(plain_document("The police chief met a chef."[:18]))
    assert not requirement(plain_document("Police said the union chief resigned."))
