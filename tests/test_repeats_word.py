"""`repeats-word: true` lets a pattern rule skip a document in which no run of letters is followed
by the same run: it must never hide a match of the rules that declare it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqlint.engine.context import LintContext
from tqlint.engine.prefilter import neighbour_runs_alike
from tqlint.kinds import RuleError
from tqlint.kinds import pattern as pattern_kind
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_pack
from tqlint.text.document import plain_document


def _declaring():
    """The built-in rules that declare `repeats-word`, with their compiled patterns."""
    found = []
    for pack in ("en-news",):
        for rule in load_pack(builtin_pack(pack)).rules:
            if rule.options.get("repeats-word"):
                found.append((rule.id, pattern_kind.compile_regex(rule.options["pattern"], "pattern",
                                                                    bool(rule.options.get("ignore-case")))))
    return found


DECLARING = _declaring()

# Words with case twins the `regex` module folds together (long s, Kelvin sign, dotted I, final
# sigma, sharp s), marks, digits and separators the rules treat differently.
_WORDS = ["the", "The", "THE", "a", "A", "ſtop", "stop", "STOP", "Kilo", "\u212ailo", "kilo", "İstanbul",
          "istanbul", "ΣΟΦΙΑ", "σοφια", "σοφιας", "ß", "SS", "ss", "straße", "café", "cafe\u0301", "x2", "_a",
          "non-stop", "cross-border", "border", "Border", "Duran", "DURAN", "o'clock", "mahi", "ha"]
_GAPS = [" ", "  ", "\t", "\n", " \n ", "\n\n", ", ", "-", "'", "’", ". ", "_", "\u0301 ", "3 "]


def test_the_doubling_rules_declare_it():
    assert {rule_id for rule_id, _ in DECLARING} >= {"en-news/doubled-word", "en-news/compound-head-doubled",
                                                     "en-news/word-doubled-in-capitals"}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=12))
def test_no_match_is_hidden(parts):
    text = "".join(word + gap for word, gap in parts)
    doc = plain_document(text)
    for rule_id, compiled in DECLARING:
        if compiled.search(text):
            assert neighbour_runs_alike(doc), (rule_id, text)


@pytest.mark.parametrize("text, alike", [
    ("The plan was the the best.", True),
    ("It cost \u212ailo kilo.", True),           # Kelvin sign: a case twin of k
    ("a ſtop stop", True),                      # long s: a case twin of s
    ("Nothing here repeats at all.", False),
    ("the cat, the dog", False),                # alike, but not neighbours
    ("café cafe", False),                       # é is no case of e
])
def test_neighbour_runs(text, alike):
    assert neighbour_runs_alike(plain_document(text)) is alike


def test_a_rule_with_it_finds_what_it_found_without_it():
    options = {"pattern": r"\b(\p{L}+)\s+(?i:\1)\b", "fix": r"\1"}
    plain = pattern_kind.compile(dict(options), {})
    gated = pattern_kind.compile(dict(options, **{"repeats-word": True}), {})
    for text in ("We We met.", "No doubling here.", "ſo so", "x\n\nX"):
        doc = plain_document(text)
        assert [h.start for h in gated(doc, LintContext())] == [h.start for h in plain(doc, LintContext())]


def test_it_must_be_true_or_false():
    with pytest.raises(RuleError, match="repeats-word"):
        pattern_kind.compile({"pattern": "x", "repeats-word": "yes"}, {})
