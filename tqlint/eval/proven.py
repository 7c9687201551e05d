"""Errors in machine translation that its source and a human reference prove.

Each extractor is a pure function of one segment: `(mt, refs)` or `(source, mt, refs)` → the
errors it proves in `mt`, as spans. A span is an error only where the references (careful English
made from the same source) write the same thing otherwise: what a reference also writes is taken
to be right (a name, a symbol, a quoted title). docs/scoring.md defines every class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from tqlint.bilingual.lexicon import EnglishLexicon  # noqa: F401  (where eval and the bilingual rules share it)


@dataclass(frozen=True)
class ProvenError:
    cls: str  # decimal-comma, dotted-thousands, source-quotes, source-script, untranslated, doubled-word
    start: int  # code-point offsets into the MT
    end: int
    text: str


CLASSES = ("decimal-comma", "dotted-thousands", "source-quotes", "source-script", "untranslated", "doubled-word")

# A number: no digit, letter, point or comma glued before it; none after it but a lone point or
# comma that ends a sentence or clause ("rose 3,5." is the number 3,5).
_EDGE_BEFORE = r"(?<![\w.,])"
_EDGE_AFTER = r"(?![\w]|[.,]\d)"
_DECIMAL_COMMA = regex.compile(_EDGE_BEFORE + r"(\d+),(\d+)" + _EDGE_AFTER)
_DOTTED_THOUSANDS = regex.compile(_EDGE_BEFORE + r"\d{1,3}(?:\.\d{3})+" + _EDGE_AFTER)
_COMMA_THOUSANDS_OR_PLAIN = regex.compile(_EDGE_BEFORE + r"\d{1,3}(?:,\d{3})+" + _EDGE_AFTER + "|"
                                          + _EDGE_BEFORE + r"\d+" + _EDGE_AFTER)

# Quotation marks no English style uses: German and Czech low-high, guillemets, CJK corner
# brackets, fullwidth and double-prime quotes. (“ ” ‘ ’ " ' are English, whichever way round.)
SOURCE_QUOTES = "„‚«»‹›「」『』〝〞〟＂＇‟"
_SOURCE_QUOTE = regex.compile("[" + regex.escape(SOURCE_QUOTES) + "]")

# Letters of any script but Latin (not the micro sign nor the modifier letters such as ʼ, which are
# at home in English text),
# and the punctuation of CJK text: its symbols block, the katakana middle dot, fullwidth forms.
_FOREIGN = (r"[\p{L}--\p{Latin}--[\xB5\u02B0-\u02FF]]"
            r"|[[\u3000-\u303F\u30FB\uFF01-\uFF65\uFFE0-\uFFEE]--[" + regex.escape(SOURCE_QUOTES) + "]]")
_SCRIPT_RUN = regex.compile(rf"(?:{_FOREIGN})(?:{_FOREIGN}|\p{{M}})*(?:\s+(?:{_FOREIGN})(?:{_FOREIGN}|\p{{M}})*)*",
                            regex.V1)

_LATIN_WORD = regex.compile(r"(?<![\w])\p{Latin}[\p{Latin}\p{M}]*(?![\w])")
_WORD = regex.compile(r"\w+")
_DOUBLED = regex.compile(r"(?<!\w)(\p{L}+)\s+\1(?!\w)", regex.IGNORECASE)
# Doubled words that are good English ("what he had had", "said that that was").
DOUBLING_ALLOWED = frozenset({"had", "that"})


def _numbers(pattern, text: str) -> set[str]:
    return {m.group() for m in pattern.finditer(text)}


def decimal_commas(mt: str, refs: tuple[str, ...]) -> list[ProvenError]:
    """`3,5` in the MT where a reference writes `3.5` and none writes `3,5`."""
    ref_points = set().union(*(_numbers(_NUMBER_WITH_POINT, r) for r in refs)) if refs else set()
    errors = []
    for m in _DECIMAL_COMMA.finditer(mt):
        as_point = f"{m.group(1)}.{m.group(2)}"
        if as_point in ref_points and not any(_has_number(r, m.group()) for r in refs):
            errors.append(ProvenError("decimal-comma", m.start(), m.end(), m.group()))
    return errors


_NUMBER_WITH_POINT = regex.compile(_EDGE_BEFORE + r"\d+\.\d+" + _EDGE_AFTER)


def _has_number(text: str, number: str) -> bool:
    return regex.search(_EDGE_BEFORE + regex.escape(number) + _EDGE_AFTER, text) is not None


def dotted_thousands(mt: str, refs: tuple[str, ...]) -> list[ProvenError]:
    """`1.000` in the MT where a reference writes the same digits as `1,000` or `1000` and none
    writes `1.000`."""
    ref_values = {n.replace(",", "") for r in refs for n in _numbers(_COMMA_THOUSANDS_OR_PLAIN, r)}
    errors = []
    for m in _DOTTED_THOUSANDS.finditer(mt):
        if m.group().replace(".", "") in ref_values and not any(_has_number(r, m.group()) for r in refs):
            errors.append(ProvenError("dotted-thousands", m.start(), m.end(), m.group()))
    return errors


def source_quotes(mt: str, refs: tuple[str, ...]) -> list[ProvenError]:
    """Each quotation mark of SOURCE_QUOTES in the MT that no reference uses."""
    return [ProvenError("source-quotes", m.start(), m.end(), m.group())
            for m in _SOURCE_QUOTE.finditer(mt) if not any(m.group() in r for r in refs)]


def source_script(mt: str, refs: tuple[str, ...]) -> list[ProvenError]:
    """Each run of non-Latin letters or CJK punctuation in the MT (words of it separated only by
    spaces make one run) that no reference contains as it stands."""
    return [ProvenError("source-script", m.start(), m.end(), m.group())
            for m in _SCRIPT_RUN.finditer(mt) if not any(m.group() in r for r in refs)]


def untranslated_words(source: str, mt: str, refs: tuple[str, ...], is_english: Callable[[str], bool]) -> list[ProvenError]:
    """Each Latin-script word of the MT (two letters or more, not more than one of them a capital:
    `NATO`, `iPhone` and `IEs` are acronyms and brands) that stands in the source as it is (case
    aside), is no English word (`is_english`) and is in no reference: a word a reference keeps is
    a name or a loan the translator kept."""
    source_words = {w.casefold() for w in _LATIN_WORD.findall(source)}
    ref_words = {w.casefold() for r in refs for w in _WORD.findall(r)}
    errors = []
    for m in _LATIN_WORD.finditer(mt):
        word = m.group().casefold()
        if (len(word) >= 2 and _capitals(m.group()) <= 1 and word in source_words and word not in ref_words
                and not is_english(m.group())):
            errors.append(ProvenError("untranslated", m.start(), m.end(), m.group()))
    return errors


def _capitals(word: str) -> int:
    return sum(1 for c in word if c.isupper())


def doubled_words(mt: str, refs: tuple[str, ...]) -> list[ProvenError]:
    """A word written twice in a row ("the the", case aside) that no reference doubles;
    DOUBLING_ALLOWED are good English doubled."""
    errors = []
    for m in _DOUBLED.finditer(mt):
        if m.group(1).casefold() in DOUBLING_ALLOWED:
            continue
        pair = regex.compile(rf"(?<!\w){regex.escape(m.group(1))}\s+{regex.escape(m.group(1))}(?!\w)", regex.IGNORECASE)
        if not any(pair.search(r) for r in refs):
            errors.append(ProvenError("doubled-word", m.start(), m.end(), m.group()))
    return errors


def proven_errors(source: str, mt: str, refs: tuple[str, ...], is_english: Callable[[str], bool]) -> list[ProvenError]:
    """Every class at once, in the order of CLASSES, each sorted by position."""
    return [*decimal_commas(mt, refs), *dotted_thousands(mt, refs), *source_quotes(mt, refs),
            *source_script(mt, refs), *untranslated_words(source, mt, refs, is_english), *doubled_words(mt, refs)]
