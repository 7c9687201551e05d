"""The `lexicon` kind's `letters` option: lower-case words in letters English never writes, which
no word list knows (a name that lost its capital, a rare source word)."""

from __future__ import annotations

import functools

import pytest

from tqlint.engine.context import LintContext
from tqlint.fixer import apply_edits
from tqlint.kinds import RuleError, lexicon
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_packs_dir
from tqlint.text.document import plain_document


@functools.cache
def _rule():
    pack = load_pack(builtin_packs_dir() / "en-news" / "mt-source-letters.yaml")
    [rule] = pack.rules
    return rule


def hits(text, languages=()):
    return list(_rule().matcher(plain_document(text), LintContext(source_languages=languages)))


@pytest.mark.parametrize("text, word, fixed", [
    ("A spokesman, Jan vondřich, confirmed it.", "vondřich", "A spokesman, Jan Vondřich, confirmed it."),
    ("Buses go on to kouřim and hořice.", "kouřim", "Buses go on to Kouřim and hořice."),
    ("The ferry left from gdańsk at dawn.", "gdańsk", None),  # ń is not a Polish-only letter here
])
def test_lower_case_words_with_source_letters(text, word, fixed):
    found = hits(text)
    if fixed is None:
        assert found == []
        return
    first = found[0]
    assert text[first.start:first.end] == word
    assert "Czech" in first.message and "lower-case" in first.message
    assert apply_edits(text, first.fixes[0])[0] == fixed


@pytest.mark.parametrize("text", [
    "A spokesman, Jan Vondřich, confirmed it.",  # capitalised: a name
    "Vondřich spoke first; vondřich's deputy spoke later.",  # the article writes it capitalised
    "Czech says “řádek” for a line.",  # a term shown in quotation marks
    "The main náměstí was full.",  # a common word: the word-list rule's
    "The naïve plan met a façade of support.",  # letters English does use
])
def test_names_terms_and_english_letters_are_left_alone(text):
    assert hits(text) == []


def test_source_languages_narrow_the_letters():
    text = "They met in łódź and in brno."
    assert [text[h.start:h.end] for h in hits(text)] == ["łódź"]
    assert hits(text, languages=("cs",)) == []


@pytest.mark.parametrize("letters", [{"cs": ""}, {"cs": "Ř"}, ["ř"], {"xx": "ř"}])
def test_letters_option_is_checked(letters):
    with pytest.raises(RuleError):
        lexicon.compile({"languages": ["cs"], "letters": letters}, {})
