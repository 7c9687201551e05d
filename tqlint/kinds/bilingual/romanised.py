"""A word of a Cyrillic source carried into the translation in Latin letters (the `romanised`
mode of `source-untranslated`).

An engine that has no entry for a Russian or Ukrainian word (slang, a typo, a local term) often
spells it out in Latin letters: "the televizor said", "give us a pylesos", "a shchuka
of ten kilos". A name is written the same way on purpose, so only words the source writes lower-case
(Cyrillic capitalises names) are compared, and only lower-case words of the translation that
English's word list lacks altogether (Zipf 0: dacha, oblast, hryvnia are in it). Schemes differ
(kh/h, shch/sch, ya/ia, y/i), so both sides are reduced to a skeleton before they are compared.
"""

from __future__ import annotations

from functools import lru_cache

from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, word_list_option
from tqlint.kinds.bilingual import pairs

# one common romanisation per letter (Russian, Ukrainian, Belarusian); `_skeleton` evens out the rest
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ё": "e", "'": "", "’": "",
})
# spellings the schemes disagree on, each brought to one form (longest first)
_EVEN = (("shch", "sc"), ("sch", "sc"), ("kh", "h"), ("zh", "z"), ("ts", "c"), ("tz", "c"), ("ch", "c"),
         ("sh", "s"), ("j", "i"), ("y", "i"), ("x", "h"), ("w", "v"), ("ie", "e"), ("iu", "u"), ("ia", "a"),
         ("io", "o"), ("h", "g"))   # last: Ukrainian г is h, Russian г is g (and х, kh/h, meets them)
_DOUBLED = compile_pattern(r"(.)\1+")
_SOURCE_WORD = compile_pattern(r"[а-яёґєіїў][а-яёґєіїў'’]{3,}")   # lower-case Cyrillic: names are capitalised
_TARGET_WORD = compile_pattern(r"\b[a-z]{4,}\b")
_WEB = compile_pattern(r"\.\w")
_GLOSS = compile_pattern(r"[\"”’']?\s*\(")                 # a kept word glossed: "shalash" (a hut)
_OPENING, _CLOSING = "\"“„«", "\"”“»"


@lru_cache(maxsize=1 << 16)  # the same words recur in every translation of a document
def _skeleton(latin: str) -> str:
    for spelling, even in _EVEN:
        latin = latin.replace(spelling, even)
    return _DOUBLED.sub(r"\1", latin)


@lru_cache(maxsize=1 << 16)
def romanised(word: str) -> str:
    """The word's skeleton in Latin letters: equal for two romanisations of one Cyrillic word."""
    return _skeleton(word.casefold().translate(_LATIN))


def kept_words(options: dict) -> frozenset[str]:
    """The rule's `keep` list (words translators keep on purpose: dishes, customs), as skeletons."""
    return frozenset(romanised(word) for word in word_list_option(options, "keep"))


def carried_romanised(doc, lexicon: EnglishLexicon, kept: frozenset[str] = frozenset()):
    """Lower-case words of the translation (four letters or more) that spell out a lower-case word
    of the source sentence and that English's word list lacks. Left alone: part of a hyphenated
    word (tra-ta-tam), a word glossed in brackets, a web address, and a word inside a quotation
    of more than itself (a title the translation keeps)."""
    for pair in pairs(doc):
        target = pair.target
        # (a source without lower-case Cyrillic words, any but a Cyrillic one, costs one scan)
        spelt = {romanised(w.group()): w.group() for w in _SOURCE_WORD.finditer(pair.source)}
        if not spelt:
            continue
        for m in _TARGET_WORD.finditer(target):
            word = m.group()
            skeleton = _skeleton(word)
            source = spelt.get(skeleton)
            if source is None or skeleton in kept or not _plain(target, m.start(), m.end()):
                continue
            if lexicon(word) or lexicon.frequencies(word)[0] > 0:
                continue
            yield Hit(pair.target_offset + m.start(), pair.target_offset + m.end(),
                      message=f"{word!r} is the source's word {source!r} in Latin letters, carried over untranslated.",
                      source=(pair.link.source_start, pair.link.source_end))


def _plain(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1:start], text[end:end + 1]
    if before in "-/@#.'’" and before or after in "-'’" and after or _WEB.match(text, end) or _GLOSS.match(text, end):
        return False
    quoted = sum(text[:start].count(q) for q in _OPENING + "”»") % 2 == 1
    return not quoted or (before in _OPENING and after in _CLOSING)
