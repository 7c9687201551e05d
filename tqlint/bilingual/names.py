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
# Fullwidth Latin letters, digits and signs (ＮＡＴＯ, Ｐｓ５) are the ASCII ones: one code point
# for one, so offsets hold.
HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Where a URL written into a Chinese or Japanese sentence ends: at the first character of that
# script or its punctuation (http://example.com）下载… is http://example.com).
_URL_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


@dataclass(frozen=True)
class Name:
    start: int  # offsets into the source text
    end: int
    text: str
    kind: str  # url, email, handle, acronym, latin, transliterated
    phrase: str = ""  # a Latin-script word's whole run of words (Wall Street Journal), for its initials


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
        url = _URL_END.split(m.group(), maxsplit=1)[0].rstrip(".,;:!?)]'’")
        if len(url) > 3:
            found.append(Name(m.start(), m.start() + len(url), url, "email" if "@" in url and "://" not in url else "url"))
    found.extend(Name(m.start(), m.end(), m.group(), "handle") for m in _HANDLE.finditer(text))
    text = text.translate(HALFWIDTH)
    # Acronyms with letters beyond ASCII (ČR, ZŠ) are the source language's own, and English
    # spells them out; two or more in a row are a headline in capitals, not acronyms.
    found.extend(Name(m.start(), m.end(), m.group(), "acronym") for m in _ACRONYM.finditer(text)
                 if regex.fullmatch(r"[A-Za-z\d&-]+", m.group()) and not _shouted(text, m))
    if _script_of(language, text) == "latin":
        # (iPhone, eBay; not zB, German for "e.g.")
        found.extend(Name(m.start(), m.end(), m.group(), "latin") for m in _MIXED_CASE.finditer(text) if len(m.group()) >= 3)
    else:
        for m in _LATIN_RUN.finditer(text):
            for word in _WORD.finditer(m.group()):
                # Telegram-канал, QR-код: the hyphen (or apostrophe) joins the name to a word of the source
                trimmed = word.group().strip("-'’")
                start = m.start() + word.start() + word.group().index(trimmed) if trimmed else 0
                if len(trimmed) >= 2 and regex.search(r"\p{Latin}", trimmed):
                    found.append(Name(start, start + len(trimmed), trimmed, "latin", m.group()))
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


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
# An English plural or possessive after a name or acronym (three BTGs, the NPCs', Apps).
_INFLECTED = r"(?:'?s|s'|es)?"


def _english_form(text: str) -> str:
    return _folded(text.translate(HALFWIDTH).translate(_APOSTROPHES))


def present(name: Name, english: str) -> bool:
    """Is a URL, handle, acronym or Latin-script name of the source in the English as it is
    (case, accents and an English plural aside; PlayStation5 may be PlayStation 5, Amazonpay
    Amazon Pay)?"""
    if name.kind in ("url", "email", "handle"):
        return name.text.casefold() in english.casefold()
    folded = _english_form(name.text)
    if len(folded) >= 5:  # long enough that spaces, hyphens and dots between its letters are safe to allow
        pattern = "[ .'-]?".join(regex.escape(c) for c in folded)
    else:
        pattern = regex.sub(r"(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})", "[ -]?", regex.escape(folded))
    # (HDMIx1: a count after a name in a product list)
    return regex.search(r"(?<![\p{L}\d])" + pattern + _INFLECTED + r"(?:(?![\p{L}\d])|(?=x\d))", _english_form(english)) is not None


_ARTICLES = frozenset({"The", "A", "An", "Der", "Die", "Das", "Le", "La", "Les", "El", "Il"})
# Letters European languages spell where English writes others (Omikron, Brasil, Kolumbien).
_LOOSE = str.maketrans({"k": "c", "z": "s"})


def _loose(text: str) -> str:
    return text.casefold().translate(_LOOSE)


_ROMAN = regex.compile(r"(?<![\p{L}\d])(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})(?![\p{L}\d])")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_DIGITS = regex.compile(r"\d+(?:[.,]\d+)?")
_RUNS = regex.compile(r"\p{L}+|\d+")


def _roman(value: int) -> str:
    tens, units = divmod(value, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]


def roman_value(numeral: str) -> int:
    total = 0
    for i, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _numbers_in(english: str) -> set[float]:
    """The numbers an English text writes in digits (0.5, 10) or in Roman numerals (VI)."""
    found = {float(m.group().replace(",", ".")) for m in _DIGITS.finditer(english)}
    found |= {float(roman_value(m.group())) for m in _ROMAN.finditer(english)
              if len(m.group()) > 1 or m.group() in ("V", "X")}  # a lone I is the pronoun
    return found


def rephrased(name: Name, english: str) -> bool:
    """Is a name or code of the source in the English in another writing, as translators do:
    a code's number and word rewritten (AM10 as 10:59am, FANTASY6 as Fantasy VI, 2019WINTER as
    Winter 2019), a Roman numeral as digits (XXI as 21st), a run of Latin words joined or cut
    (What's App as WhatsApp) or shortened to its initials (Wall Street Journal as WSJ)?"""
    if name.kind in ("url", "email", "handle"):
        return False  # written exactly, or not at all
    folded = _english_form(english)
    if name.phrase and name.phrase != name.text:
        words = [w.strip("-'’.") for w in name.phrase.split()]
        capitals = "".join(w[0] for w in words if w[:1].isupper() and w not in _ARTICLES)
        joined = Name(0, 0, regex.sub(r"['’.-]", "", "".join(words)), name.kind)
        if (len(capitals) >= 2 and present(Name(0, 0, capitals, "acronym"), english)) or present(joined, english):
            return True
    if _ROMAN.fullmatch(name.text) and len(name.text) > 1:
        return float(roman_value(name.text)) in _numbers_in(english)
    if len(name.text) >= 5 and name.text.istitle() and _loose(_english_form(name.text)) in _loose(folded):  # Omikron: Omicron
        return present(Name(0, 0, _loose(name.text), name.kind), _loose(folded))
    runs = _RUNS.findall(_english_form(name.text))
    digits = [r for r in runs if r.isdigit()]
    if not digits or len(runs) < 2:
        return False
    if len(digits) == 1 and 0 < int(digits[0]) < 40:  # WW2 as WWII
        roman = _roman(int(digits[0]))
        if present(Name(0, 0, "".join(roman if r.isdigit() else r for r in runs), name.kind), english):
            return True
    numbers = _numbers_in(english)
    words = regex.findall(r"\p{L}+", folded)
    return (all(float(d) in numbers for d in digits)
            and all(any(w.startswith(r) for w in words) for r in runs if not r.isdigit()))


_PINYIN = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def borrowed_word(name: Name, language: str | None, lexicon) -> bool:
    """A lower-case English word inside a text of another script (order, check, submarine in a
    Chinese sentence): a word the writer borrowed, which a translation rephrases like any other,
    not a name. `lexicon`: is a word English (tqlint.bilingual.lexicon.EnglishLexicon)."""
    if name.kind != "latin" or not name.text.islower() or _script_of(language, name.phrase or name.text) == "latin":
        return False
    if language == "zh" and _PINYIN.search(name.text):
        return True  # 屮（chè）: how a character is read, which the English spells into the name
    try:
        return bool(lexicon(name.text))
    except ImportError:  # wordfreq (the bilingual extra) is not installed: every word counts
        return False


def source_own(name: Name, source: str, language: str | None, lexicon) -> str | None:
    """What a token of a Latin-script source is when it is the source language's own rather
    than a name: "word", a common word of the language written in capitals for emphasis
    (NICHTS, EINZIGEN) or made a hashtag (#Wozu); "abbreviation", the language's own
    abbreviation, rare in English (PKV, MWST), which translators spell out about as often as they
    keep; None for anything else, a surname in capitals after a given name (Václav HAVEL) too.
    `lexicon`: word frequencies (tqlint.bilingual.lexicon.EnglishLexicon)."""
    if name.kind not in ("acronym", "handle") or _script_of(language, source) != "latin":
        return None
    word = name.text.strip("#@")
    if not word.isalpha():
        return None
    try:
        english, own = lexicon.frequencies(word)
    except ImportError:  # wordfreq (the bilingual extra) is not installed
        return None
    if name.kind == "handle":  # (#NAME# is a placeholder, kept as it is)
        return "word" if own >= 4.0 and not name.text.endswith("#") else None
    before = regex.search(r"(\p{Lu}\p{Ll}+)\s+$", source[max(0, name.start - 30):name.start])
    if before and lexicon.frequencies(before.group(1))[1] < 6.0:  # (not after an article: Die PKV)
        return None  # a surname in capitals after a given name
    if len(word) >= 4 and own >= 4.0 and own >= english + 1:
        return "word"
    if english < 2.5 and own >= 3.0:
        return "abbreviation"
    return None
