"""`source-untranslated`: source text carried into the translation as it was.

Three things, each switchable: a target sentence that is its source sentence (case, spacing and
punctuation aside); a target sentence most of whose words are source words that are no English
words; and (`words: true`) a single source word carried over that is no English word (names,
capitalised, are left alone: they are kept on purpose). "English word" is wordfreq's say
(tqlint.bilingual.lexicon), which the bilingual extra installs. Other modes (`lowered-names`,
`lowered-nouns`, `shape`, `misspelt`, `romanised`) report one narrower form of a carried-over word each.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import flag, number, pairs
from tqlint.kinds.bilingual.romanised import carried_romanised, kept_words
from tqlint.kinds.setphrases import OPTION as SET_PHRASES_OPTION
from tqlint.kinds.setphrases import compile_set_phrases, spans

NEEDS_SOURCE = True
OPTIONS = {
    "sentences": "report a target sentence that is its source sentence (default true)",
    "mostly": "report a target sentence whose share of carried-over non-English words is at least this (default 0.5; 0: off)",
    "words": "report each carried-over lower-case word that is no English word and a common word of the source "
             "language, outside quotes and names (default false)",
    "min-words": "a sentence needs this many words to be judged (default 3)",
    "lowered-names": "instead, report each lower-case word of the translation that is no English word and that "
                     "the source writes only capitalised, not at a sentence start: a name that lost its capital "
                     "(default false)",
    "noun-capitals": "source languages that capitalise every noun, where a capital is no sign of a name "
                     "(default [de, lb])",
    "lowered-nouns": "instead, for the `noun-capitals` languages only, report each lower-case word of the "
                     "translation that the source writes only capitalised (a noun of the source) and that "
                     "English's word list lacks altogether: a noun the engine took for a word and copied (default false)",
    "source-zipf": "with `words`: [min, max], how common (wordfreq's Zipf scale) the word must be in the source "
                   "language, max excluded (default [3, null]: a common word of it)",
    "english-zipf-max": "with `words` or `shape`: flag only a word at most this common in English (default: none; "
                        "0: a word English's list lacks altogether)",
    "alone": "with `words`: leave alone a word beside another carried-over non-English word, a phrase or "
             "title kept on purpose (pacta sunt servanda) (default false)",
    "shape": "instead, report each word of the translation that this pattern matches whole, that stands in its "
             "source sentence (case aside) and is no English word, whatever its case or frequency: a form no "
             "English text uses (a pinyin gloss with tone marks, a lower-case abbreviation without vowels)",
    "languages": "with `shape`: only these source languages (default: all)",
    "misspelt": "instead, report each lower-case word of the translation that stands in its source sentence, "
                "lower-case too, that no word list has, and that one slip of typing (outside the case ending) or "
                "one lost accent makes of a common word of the source language or of English: a typo of the "
                "source copied (default false)",
    "romanised": "instead, report each lower-case word of the translation that spells out in Latin letters a "
                 "lower-case word of its Cyrillic source sentence and that English's word list lacks altogether "
                 "(tqlint.kinds.bilingual.romanised) (default false)",
    "set-phrases": SET_PHRASES_OPTION + "; with `sentences`/`mostly`: their words are not counted",
    "keep": "with `romanised`: words translators keep on purpose (dishes, customs, institutions), in any "
            "romanisation: never flagged (default none)",
}
REQUIRED = ()
_WORD = compile_pattern(r"(?<![\w'’@#/.-])\p{L}[\p{L}\p{M}'’-]*\p{L}(?![\w'’-])")
# a `shape` word may lead a hyphenated compound the translation made of it ("zzs-medical")
_SHAPE_WORD = compile_pattern(r"(?<![\w'’@#/.-])\p{L}[\p{L}\p{M}]*\p{L}(?![\w'’])")
_NORMAL = compile_pattern(r"[\W_]+")


def has_fix(options: dict) -> bool:
    return bool(options.get("lowered-names"))


def compile(options: dict, rule) -> Callable:
    lexicons: dict[str | None, EnglishLexicon] = {}
    if flag(options, "misspelt", False):
        return lambda doc, context: _misspelt(doc, lexicons.setdefault(doc.bitext.language, EnglishLexicon(doc.bitext.language)))
    if flag(options, "romanised", False):
        kept = kept_words(options)
        return lambda doc, context: carried_romanised(doc, lexicons.setdefault(doc.bitext.language, EnglishLexicon(doc.bitext.language)), kept)
    shape = _shape(options)
    if shape is None:
        return _compile_sentences_and_words(options)
    return lambda doc, context: _shaped(doc, shape, lexicons.setdefault(doc.bitext.language, EnglishLexicon(doc.bitext.language)))


def _compile_sentences_and_words(options: dict) -> Callable:
    sentences = flag(options, "sentences", True)
    mostly = number(options, "mostly", 0.5)
    words = flag(options, "words", False)
    min_words = number(options, "min-words", 3)
    lowered = flag(options, "lowered-names", False)
    nouns = flag(options, "lowered-nouns", False)
    noun_capitals = _languages(options.get("noun-capitals", ["de", "lb"]))
    rare = _Rarity.from_options(options)
    set_phrases = compile_set_phrases(options)
    lexicons: dict[str | None, EnglishLexicon] = {}

    def find(doc, context):
        language = doc.bitext.language
        lexicon = lexicons.setdefault(language, EnglishLexicon(language))
        if lowered or nouns:  # names lower-cased under other sources, nouns under German
            if language not in noun_capitals:
                yield from (() if nouns else _lowered_names(doc, lexicon))
            else:
                yield from (_lowered_nouns(doc, lexicon) if nouns else ())
            return
        for pair in pairs(doc):
            target_words = _outside(list(_WORD.finditer(pair.target)), spans(pair.target, set_phrases))
            if len(target_words) < min_words:
                continue
            if sentences and _NORMAL.sub(" ", pair.target).strip().casefold() == _NORMAL.sub(" ", pair.source).strip().casefold():
                # (not a sentence of names and English words the source quotes: Early Spring Sale)
                if any(m.group().islower() and not lexicon(m.group()) for m in target_words):
                    yield _sentence(pair, "This is the source sentence, left untranslated.")
                continue
            source_words = {m.group().casefold() for m in _WORD.finditer(pair.source)}
            carried = [m for m in target_words if m.group().casefold() in source_words and not _english(lexicon, m.group())]
            if mostly and len(carried) >= min_words and len(carried) / len(target_words) >= mostly:
                yield _sentence(pair, f"Most of this sentence is the source's words, left untranslated ({len(carried)} of {len(target_words)}).")
                continue
            if words:
                in_source = {_folded(m.group()) for m in _WORD.finditer(pair.source)}
                for m in carried:
                    if (_plain_word(pair.target, m) and rare.fits(lexicon, m.group())
                            and not _BRAND_MARK.match(pair.target, m.end())
                            and not (rare.alone and _beside_carried(pair.target, carried, m))
                            and not _in_kept_name(pair.target, target_words, m, in_source)):
                        yield Hit(pair.target_offset + m.start(), pair.target_offset + m.end(),
                                  message=f"{m.group()!r} is the source's word, carried over untranslated.",
                                  source=(pair.link.source_start, pair.link.source_end))

    return find


@dataclass(frozen=True)
class _Rarity:
    """How common a carried-over word must be in the source language and how rare in English."""
    source_min: float = 3.0
    source_max: float | None = None
    english_max: float | None = None
    alone: bool = False

    @classmethod
    def from_options(cls, options: dict) -> _Rarity:
        bounds = options.get("source-zipf", [3.0, None])
        if (not isinstance(bounds, list) or len(bounds) != 2 or not isinstance(bounds[0], (int, float))
                or not (bounds[1] is None or isinstance(bounds[1], (int, float)))):
            raise RuleError("`source-zipf` must be [min, max] (max a number or null)", "source-zipf")
        below = options.get("english-zipf-max")
        if below is not None and not isinstance(below, (int, float)):
            raise RuleError("`english-zipf-max` must be a number", "english-zipf-max")
        return cls(float(bounds[0]), None if bounds[1] is None else float(bounds[1]),
                   None if below is None else float(below), flag(options, "alone", False))

    def fits(self, lexicon: EnglishLexicon, word: str) -> bool:
        if self.source_max is None and self.english_max is None:
            return lexicon.common_in_source(word, self.source_min)
        english, source = lexicon.frequencies(word)
        if self.english_max is not None and english > self.english_max:
            return False
        return source >= self.source_min and (self.source_max is None or source < self.source_max)


# a brand or trade mark (mfx®), kept as its owner writes it
_BRAND_MARK = compile_pattern(r"[®™]")


def _beside_carried(text: str, carried: list, match) -> bool:
    """Is another carried-over non-English word next to this one, only spaces between?"""
    return any(m is not match and (text[m.end():match.start()].isspace() or text[match.end():m.start()].isspace())
               for m in carried)


def _languages(value, key: str = "noun-capitals") -> frozenset:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise RuleError(f"`{key}` must be a list of language codes", key)
    return frozenset(value)


def _shape(options: dict) -> tuple | None:
    """The `shape` pattern, the source languages it is for (None: all) and the English Zipf a word
    may reach (None: any), or None without one."""
    source = options.get("shape")
    if source is None:
        return None
    if not isinstance(source, str):
        raise RuleError("`shape` must be a pattern", "shape")
    only = _languages(options["languages"], "languages") if "languages" in options else None
    try:
        return compile_pattern(source), only, _Rarity.from_options(options).english_max
    except regex.error as error:
        raise RuleError(f"`shape` is not a valid pattern: {error}", "shape") from error


def _shaped(doc, shaped: tuple, lexicon: EnglishLexicon):
    """Words of the translation of the rule's `shape` that stand in their source sentence, case
    aside, and are no English words (with `english-zipf-max`, no more common in English than that:
    0 leaves alone every loan English's list has); a brand (mfx®) and a web address (efotbal.cz)
    are left alone."""
    shape, only, english_max = shaped
    if only is not None and doc.bitext.language not in only:
        return
    for pair in pairs(doc):
        source_words = None
        for m in _SHAPE_WORD.finditer(pair.target):
            word = m.group()
            if not shape.fullmatch(word):
                continue
            if source_words is None:
                source_words = {w.group().casefold() for w in _WORD.finditer(pair.source)}
            if (word.casefold() in source_words and not lexicon(word) and not _BRAND_MARK.match(pair.target, m.end())
                    and not regex.match(r"\.\w", pair.target[m.end():])
                    and (english_max is None or lexicon.frequencies(word)[0] <= english_max)):
                yield Hit(pair.target_offset + m.start(), pair.target_offset + m.end(),
                          source=(pair.link.source_start, pair.link.source_end))


def _misspelt(doc, lexicon: EnglishLexicon):
    """Lower-case words of the translation that its source sentence writes the same way, that
    neither English nor the source language has (below Zipf 1.5 in the source's list; not
    English), and that one slip of typing turns into a common word (`_slip_of`): a misspelling of
    the source ("someting", "extistent", "noham" for nohám) copied, which a translation corrects."""
    for pair in pairs(doc):
        source_words = None
        for m in _WORD.finditer(pair.target):
            word = m.group()
            if len(word) < 4 or not word.isalpha() or not _plain_word(pair.target, m):
                continue
            if source_words is None:
                source_words = {w.group() for w in _WORD.finditer(pair.source)}
            if word not in source_words or lexicon(word) or lexicon.frequencies(word)[1] >= 1.5:
                continue
            meant = _slip_of(word, lexicon)
            if meant is not None:
                yield Hit(pair.target_offset + m.start(), pair.target_offset + m.end(),
                          message=f"{word!r} is a misspelt word of the source ({meant!r}?), carried over untranslated.",
                          source=(pair.link.source_start, pair.link.source_end))


_SLIP_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüßáéíóúýčďěňřšťůžąęłńśźżőűàèìòùâêîôûçñ"


def _slip_of(word: str, lexicon: EnglishLexicon) -> str | None:
    """A common word of English or the source language that one slip makes `word`: a letter
    dropped, doubled, swapped with its neighbour or struck for another, where the slip starts
    before the last two letters (a changed ending is a case form, Czech příkopa for příkopě, not a
    typo); or an accent lost or changed anywhere (noham for nohám). The word meant must be a
    thousand times commoner than `word` and at least Zipf 3.5 (3.0 for an accent)."""
    from wordfreq import zipf_frequency  # optional (the bilingual extra), and slow to load

    english, source = lexicon.frequencies(word)
    floor = max(english, source) + 3.0
    language = lexicon.source_language
    for candidate, accent in _slips(word):
        least = max(floor, 3.0 if accent else 3.5)
        if zipf_frequency(candidate, "en") >= least:
            return candidate
        if language and language != "en":
            try:
                if zipf_frequency(candidate, language) >= least:
                    return candidate
            except (ImportError, LookupError):  # no list for the language
                language = None
    return None


def _slips(word: str):
    """Every word one slip away from `word`, with whether the slip is a changed accent."""
    inner_end = len(word) - 2  # a slip starting here or later touches only the ending
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        inner = i < inner_end
        if tail and inner:
            yield head + tail[1:], False
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:], False
        for letter in _SLIP_LETTERS:
            if tail and letter != tail[0]:
                accent = _bare(letter) == _bare(tail[0])
                if inner or accent:
                    yield head + letter + tail[1:], accent
            if inner:
                yield head + letter + tail, False


def _bare(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0]


_CAPITAL = compile_pattern(r"\p{Lu}")
_OPENERS = frozenset(".!?:;\"„“”«»()[]-–—•")


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but spaces, or a sentence mark or an opening one, before `start`."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in _OPENERS


def _lowered_names(doc, lexicon: EnglishLexicon):
    """Lower-case words of the translation that the source writes capitalised, and never
    lower-case, where no sentence starts: names ("Široká", "Jihlavou") whose capital the translation
    lost. A word English has is left alone ("havel" is no word, "mill" is)."""
    for pair in pairs(doc):
        source, target = pair.source, pair.target
        if not _CAPITAL.search(source):
            continue
        capital, lower = set(), set()
        for m in _WORD.finditer(source):
            word = m.group()
            if word.islower():
                lower.add(word)
            elif word[:1].isupper() and not _opens_sentence(source, m.start()):
                capital.add(word.casefold())
        # only names the target holds in lower case are worth a scan of its words
        names = {name for name in capital - lower if name in target}
        if not names:
            continue
        # a word the translation also writes capitalised (in the source's title it quotes: "the
        # emollient in the ... Night Emollient Kit") is a common noun beside that name, where
        # English knows the word at all
        titled = {w.casefold() for w in _WORD.findall(target) if w[:1].isupper()}
        for m in _WORD.finditer(target):
            word = m.group()
            if (word in names and word.islower() and not lexicon(word)
                    and not (word in titled and lexicon.frequencies(word)[0] > 0)):
                start = pair.target_offset + m.start()
                yield Hit(start, start + len(word), ((Edit(start, start + 1, word[0].upper()),),),
                          f"The source writes {word[0].upper() + word[1:]!r} with a capital: a name written lower-case.",
                          (pair.link.source_start, pair.link.source_end))


# a capitalised word of a noun-capitalising source: consumed from its capital, no lookbehind
_SOURCE_NOUN = compile_pattern(r"\p{Lu}\p{Ll}{3,}(?![\p{L}\p{M}])")


def _lowered_nouns(doc, lexicon: EnglishLexicon):
    """For a source that capitalises every noun (German): lower-case words of the translation
    that the source writes only capitalised, where no sentence starts, and that English's list
    lacks altogether (Zipf 0; loans such as carport, chansons and wlan are in it): a noun the
    engine copied as if it were an English word ("fourth in the monobob"). At least four letters,
    outside quotation marks and beside no name; no fix (it needs translating)."""
    for pair in pairs(doc):
        source, target = pair.source, pair.target
        seen: set[str] = set()
        for noun in _SOURCE_NOUN.finditer(source):
            word = noun.group()
            lowered = word[0].lower() + word[1:]
            if lowered not in target or lowered in seen or _opens_sentence(source, noun.start()):
                continue  # (the substring test drops nearly every noun before any regex runs)
            bounded = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-]){regex.escape(lowered)}(?![\p{{L}}\p{{M}}'’-])")
            if bounded.search(source):
                continue  # the source writes it lower-case too: no noun
            seen.add(lowered)
            for m in bounded.finditer(target):
                if _plain_word(target, m) and not lexicon(lowered) and lexicon.frequencies(lowered)[0] == 0:
                    start = pair.target_offset + m.start()
                    yield Hit(start, m.end() + pair.target_offset,
                              message=f"{lowered!r} is the source's noun {word!r}, carried over untranslated.",
                              source=(pair.link.source_start, pair.link.source_end))


_NAME_NEIGHBOUR = compile_pattern(r"\p{Lu}\p{L}*[\s-]*$")
_QUOTES = "\"“”„«»‘’'"


def _plain_word(text: str, match) -> bool:
    """A lower-case word of at least three letters, outside quotation marks and not part of a
    name (Ceské dráhy) or an address (mapy.cz): the kind a translator would have translated."""
    word = match.group()
    if not word.islower() or len(word) < 3 or regex.match(r"\.\w", text[match.end():]):
        return False
    before, after = text[max(0, match.start() - 30):match.start()], text[match.end():match.end() + 30]
    if _NAME_NEIGHBOUR.search(before) or regex.match(r"[\s-]*\p{Lu}", after):
        return False
    opened = text[:match.start()]  # quotes opened before the word and not yet closed
    return not (sum(opened.count(q) for q in _QUOTES if q not in "’'") % 2 and any(q in after for q in _QUOTES))


_GAP = compile_pattern(r"[\s\-–—,]*")


def _in_kept_name(text: str, words: list, match, in_source: set[str]) -> bool:
    """Is the word inside a run of source words that starts with a capital: a name or title the
    translation keeps in its own language (Sdružení nezávislých kandidátů; Život je krásný)?"""
    index = next(i for i, m in enumerate(words) if m.start() == match.start())
    while index > 0 and _GAP.fullmatch(text[words[index - 1].end():words[index].start()]) \
            and _folded(words[index - 1].group()) in in_source:
        index -= 1
        if words[index].group()[0].isupper():
            return True
    return False


def _folded(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def _english(lexicon: EnglishLexicon, word: str) -> bool:
    return word[0].isupper() or lexicon(word)  # a capitalised word kept from the source is a name


def _outside(words: list, phrases: list[tuple[int, int]]) -> list:
    """The word matches that lie outside every set phrase (a Latin maxim English keeps)."""
    if not phrases:
        return words
    return [m for m in words if not any(start <= m.start() < end for start, end in phrases)]


def _sentence(pair, message: str) -> Hit:
    return Hit(pair.link.target_start, pair.link.target_end, message=message,
               source=(pair.link.source_start, pair.link.source_end))
