"""Names and codes a translation keeps as they are: URLs, e-mail addresses, @handles, #tags,
acronyms and codes (NATO, A320, COVID-19), Latin-script names inside a text of another script,
and names in another script that English spells out (Зеленський → Zelenskyy), found through a
transliteration table per script (from the rule's YAML: each letter's Latin spellings).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from tqlint.text.document import URL_RE

_HANDLE = regex.compile(r"(?<![\w@#])[@#][\p{Latin}\d_]{2,}(?![\p{L}\d_])#?")
_ACRONYM = regex.compile(r"(?<![\p{L}\d-])(?:\p{Lu}[\p{Lu}\d&]*\p{Lu}[\p{Lu}\d]*|\p{Lu}+\d+[\p{Lu}\d]*|\d+\p{Lu}+)(?:-\d+)?(?![\p{L}\d]|:\d|-\p{L})")
_MIXED_CASE = regex.compile(r"(?<![\p{L}\d])\p{Ll}+\p{Lu}[\p{L}\d]*(?![\p{L}\d])")
_LATIN_RUN = regex.compile(r"(?<![\p{L}\d])\p{Latin}[\p{Latin}\p{M}\d'’.&-]*(?:\s+\p{Latin}[\p{Latin}\p{M}\d'’.&-]*)*")
_CAPITALISED = regex.compile(r"(?<![\p{L}\d-])(\p{Lu}\p{Ll}{2,}(?:-\p{Lu}?\p{Ll}+)?)(?![\p{L}\d])")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;…»«\"“”„(\[–—-]\s*|\n\s*)$")
_WORD = regex.compile(r"[\p{L}\p{M}\d'’-]+")


@dataclass(frozen=True)
class Name:
    start: int  # offsets into the source text
    end: int
    text: str
    kind: str  # url, email, handle, acronym, latin, transliterated


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _folded(text: str) -> str:
    return _strip_marks(text).casefold()


_NON_LATIN = frozenset("ru uk be bg sr mk kk zh ja ko el he ar fa ur hi bn th ka hy am".split())


def _script_of(language: str | None, text: str) -> str:
    if language:
        return "other" if language in _NON_LATIN else "latin"
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if regex.match(r"\p{Latin}", c))
    return "latin" if letters and latin / len(letters) > 0.5 else "other"


def source_names(text: str, language: str | None, transliterated: bool = False) -> list[Name]:
    """The names and codes of a source text that its translation should carry over."""
    found: list[Name] = []
    for m in URL_RE.finditer(text):
        found.append(Name(m.start(), m.end(), m.group(), "email" if "@" in m.group() and "://" not in m.group() else "url"))
    found.extend(Name(m.start(), m.end(), m.group(), "handle") for m in _HANDLE.finditer(text))
    # Acronyms with letters beyond ASCII (ČR, ZŠ) are the source language's own, and English
    # spells them out; two or more in a row are a headline in capitals, not acronyms.
    found.extend(Name(m.start(), m.end(), m.group(), "acronym") for m in _ACRONYM.finditer(text)
                 if regex.fullmatch(r"[A-Za-z\d&-]+", m.group()) and not _shouted(text, m))
    if _script_of(language, text) == "latin":
        found.extend(Name(m.start(), m.end(), m.group(), "latin") for m in _MIXED_CASE.finditer(text))
    else:
        for m in _LATIN_RUN.finditer(text):
            for word in _WORD.finditer(m.group()):
                if len(word.group()) >= 2 and regex.search(r"\p{Latin}", word.group()):
                    found.append(Name(m.start() + word.start(), m.start() + word.end(), word.group(), "latin"))
        if transliterated:
            found.extend(_capitalised_names(text))
    return _without_overlaps(found)


def _shouted(text: str, match) -> bool:
    before = regex.search(r"(\p{Lu}{2,})\s+$", text[max(0, match.start() - 20):match.start()])
    after = regex.match(r"\s+\p{Lu}{2,}(?![\p{L}])", text[match.end():])
    return bool(before or after)


def _capitalised_names(text: str) -> list[Name]:
    """Capitalised words of a non-Latin script that do not start a sentence: names."""
    names = []
    for m in _CAPITALISED.finditer(text):
        word = m.group(1)
        if regex.search(r"\p{Latin}", word) or _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
            continue
        names.append(Name(m.start(), m.end(), word, "transliterated"))
    return names


def _without_overlaps(found: list[Name]) -> list[Name]:
    kept: list[Name] = []
    for name in sorted(found, key=lambda n: (n.start, -(n.end - n.start))):
        if kept and name.start < kept[-1].end:
            continue
        kept.append(name)
    return kept


class Transliterator:
    """Each letter of a script → its Latin spellings; a name is found in English when some
    English word starts with one spelling of its stem (the name less its case ending)."""

    def __init__(self, table: dict, exonyms: dict | None = None, stem: float = 0.7, min_stem: int = 4):
        self.table = {}
        for letter, spellings in table.items():
            options = spellings if isinstance(spellings, list) else [spellings]
            if not isinstance(letter, str) or not 1 <= len(letter) <= 2 or not all(isinstance(s, str) for s in options):
                raise ValueError(f"transliteration: {letter!r} must be a letter (or two) mapped to its Latin spellings")
            self.table[letter.casefold()] = tuple(sorted({_folded(s) for s in options}, key=len, reverse=True))
        self.exonyms: list[tuple[str, tuple[str, ...]]] = []
        for stem_text, english in (exonyms or {}).items():
            options = english if isinstance(english, list) else [english]
            if not all(isinstance(o, str) for o in options):
                raise ValueError(f"exonyms: {stem_text!r} must map to English names")
            self.exonyms.append((str(stem_text).casefold(), tuple(_folded(o) for o in options)))
        self.stem, self.min_stem = stem, min_stem

    def pattern(self, word: str) -> regex.Pattern | None:
        """A regex for English words that spell out `word`'s stem; None when a letter is unknown."""
        letters = word.casefold()
        length = min(len(letters), max(self.min_stem, round(len(letters) * self.stem)))
        parts, i = [], 0
        while i < length:
            pair = letters[i:i + 2]
            if len(pair) == 2 and pair in self.table:  # a pair spelled as one sound (дж → j), or letter by letter
                parts.append("(?:" + self._one(pair)[3:-1] + "|" + self._one(pair[0]) + self._one(pair[1]) + ")")
                i += 2
                continue
            if letters[i] not in self.table:
                return None
            parts.append(self._one(letters[i]))
            i += 1
        return regex.compile(r"(?<![\p{L}])" + "".join(parts), regex.IGNORECASE)

    def _one(self, letters: str) -> str:
        spellings = self.table.get(letters)
        return "(?:" + "|".join(regex.escape(s) for s in spellings) + ")" if spellings else "(?:(?!))"

    def found_in(self, word: str, english: str) -> bool:
        folded = _folded(english)
        for stem_text, options in self.exonyms:
            if word.casefold().startswith(stem_text) and any(o in folded for o in options):
                return True
        pattern = self.pattern(word)
        return pattern is None or pattern.search(folded) is not None

    def spelling_in(self, word: str, english: str) -> tuple[int, int] | None:
        """The span of the English word that spells out `word`, or None."""
        pattern = self.pattern(word)
        folded = _folded(english)
        if pattern is None or len(folded) != len(english):
            return None
        match = pattern.search(folded)
        if match is None:
            return None
        end = match.end()
        while end < len(english) and (english[end].isalpha() or english[end] in "-'’"):
            end += 1
        return match.start(), end


def present(name: Name, english: str) -> bool:
    """Is a URL, handle, acronym or Latin-script name of the source in the English as it is
    (case and accents aside for words; PlayStation5 may be PlayStation 5)?"""
    if name.kind in ("url", "email", "handle"):
        return name.text.casefold() in english.casefold()
    pattern = regex.sub(r"(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})", "[ -]?", regex.escape(_folded(name.text)))
    return regex.search(r"(?<![\p{L}\d])" + pattern + r"(?![\p{L}\d])", _folded(english)) is not None
