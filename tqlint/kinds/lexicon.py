"""`lexicon`: single words left in the source language ("the square náměstí", "skoro-startup").

A word is flagged when it is far more frequent in another language than in English, by the word
lists of `wordfreq` (tqlint.kinds.frequencies builds and caches the table once), and is not a
name used as one. Only lowercase words count (a capitalised one may be a name); a word the article
also writes capitalised mid-sentence is a name ("jihlava" after "Jihlava"); so is a lowercase word in
a run of foreign words that holds a capitalised one ("Řád a pokrok", "Ärzte ohne Grenzen");
and words in short quotations or short brackets are titles, glosses or terms shown on purpose. The config's
`source-languages` narrows the languages that count. Words that sit together form one finding.
Most documents never reach the table: only words outside a compact English word set are looked up.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.engine.prefilter import LETTER_RUN, letter_runs
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.frequencies import FrequencyError, StoredTable, StoredWords, english_words, foreign_words

OPTIONS = {
    "languages": "wordfreq language codes whose words count as foreign (Latin-script languages)",
    "language-names": "mapping language code → name shown in messages (cs: Czech)",
    "min-zipf": "Zipf frequency a word needs in the other language (default 3.5: three times per million words)",
    "margin": "how much more frequent, on the Zipf scale, it must be there than in English (default 3.0)",
    "english-max": "a word this frequent in English (Zipf) is English, whatever else it is (default 2.5)",
    "min-length": "shortest word looked at, in letters (default 3)",
    "english-words": "English words rarer than `english-max` that other languages use more (milliard, …): never flagged",
    "letters": "mapping language code → letters English never writes (cs: řůěňďť): a lowercase word holding one "
    "is that language's even when the word lists lack it; with this option the rule reports only such words "
    "the lists do not know (the word-list rule reports the others)",
    "capitalise": "with `letters`: offer the capitalised word as an unsafe fix (a name written lower-case)",
}
REQUIRED = ("languages",)

_WORD = compile_pattern(r"(?<![\p{L}\p{M}\p{N}#@_/'’.·])\p{Latin}[\p{Latin}\p{M}]*(?![\p{L}\p{M}\p{N}_·]|['’.]\p{L})")
_SPACE = compile_pattern(r"[ \t]+")
_LATIN_RUN = compile_pattern(r"[\p{Latin}\p{M}]+")  # each _WORD is one of these runs, whole
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_agrees: dict[str, bool] = {}
_LAST_WORD = compile_pattern(r"(\p{L}[\p{L}\p{M}]*)[ \t]+$")
_SHORT_QUOTE = compile_pattern(r"[“\"«„‘]([^“”\"«»„‘’\n]{1,80})[”\"»“’]")
_SHORT_BRACKET = compile_pattern(r"\(([^()\n]{1,50})\)")
_JOINER = compile_pattern(r"[ \t-]+")
_OPENERS = "“\"‘'«„([{:—–-"


def has_fix(options) -> bool:
    return bool(options.get("capitalise"))


def _number(options, key, default, low, high) -> float:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise RuleError(f"`{key}` must be a number from {low} to {high}", key)
    return float(value)


def compile(options: dict, rule) -> Callable:
    languages = options.get("languages")
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) and x for x in languages):
        raise RuleError("`languages` must be a list of language codes", "languages")
    names = options.get("language-names") or {}
    if not isinstance(names, dict):
        raise RuleError("`language-names` must be a mapping of language code to name", "language-names")
    min_zipf = _number(options, "min-zipf", 3.5, 3.0, 8.0)  # (wordfreq's small lists stop at 3)
    margin = _number(options, "margin", 3.0, 0.5, 8.0)
    english_max = _number(options, "english-max", 2.5, 1.0, 8.0)
    min_length = int(_number(options, "min-length", 3, 1, 20))
    languages = tuple(sorted(set(languages)))
    english = _EnglishSet(options.get("english-words") or [])
    letters = _letters(options.get("letters"), languages)
    capitalise = bool(options.get("capitalise"))

    def find(doc, context):
        view = doc.view
        wanted = languages
        if context.source_languages:
            wanted = tuple(x for x in languages if x in context.source_languages)
            if not wanted:
                return
        marked = letters.get(wanted) if letters else None
        if letters and (marked is None or not marked.search(view)):
            return  # (most English never holds one of the letters: one scan decides)
        candidates = _candidates(doc, english, min_length, marked)
        if not candidates:
            return
        try:
            table = foreign_words(languages, min_zipf, margin, english_max)
        except FrequencyError as error:
            raise RuleError(str(error)) from None
        found = _Finder(doc, table, wanted, english)
        if marked is None:
            flagged = [m for m in candidates if found.foreign(m)]
        else:
            flagged = [m for m in candidates if m.group() not in table and found.free(m, in_names=False)]
        for group in _groups(view, flagged):
            text = view[group[0].start():group[-1].end()]
            if marked is not None:
                yield _marked_hit(view, group, text, letters.language(text, names), capitalise)
                continue
            language = names.get(found.language(group[0]), found.language(group[0]))
            yield Hit(group[0].start(), group[-1].end(), (),
                      f"'{text}' is {language}, not English: a word the translation left untranslated.")

    return find


def _same_class(char: str) -> bool:
    """Whether `char` is in _LATIN_RUN's class exactly when it is a letter (in LETTER_RUN's)."""
    known = _agrees.get(char)
    if known is None:
        known = _agrees[char] = bool(_LATIN_RUN.fullmatch(char)) == bool(LETTER_RUN.fullmatch(char))
    return known


def _latin_runs(doc) -> frozenset:
    """The distinct runs of _LATIN_RUN in the view, once per document (two rules ask). Where
    each character of the view is in _LATIN_RUN's class exactly when it is a letter, both
    classes cut the view into the same runs: then they are the shared word split
    (prefilter.letter_runs), which the doubled-word test has usually made already. True of all
    ASCII (tests/test_kind_lexicon.py); other characters are tried one by one. Real MT: 44 ->
    8 CPU-ms per MB for this step."""
    try:
        return doc._tqlint_latin_runs
    except AttributeError:
        pass
    view = doc.view
    if view.isascii() or all(map(_same_class, set(_NON_ASCII.findall(view)))):
        runs = letter_runs(doc)
    else:
        runs = frozenset(_LATIN_RUN.findall(view))
    doc._tqlint_latin_runs = runs
    return runs


def _candidates(doc, english: _EnglishSet, min_length: int, marked) -> list:
    """The words that may be foreign: long enough, lowercase, holding a marked letter if asked,
    not English. The test is one of the word's text alone, so it is made on the distinct runs of
    Latin letters (every word is one: _WORD's edges are where such a run ends), the English
    ones removed by a set difference, and only the passing texts are looked for as words
    (CPU-ms per MB: 104 -> 40 on the generated folder, 140 -> 76 on real MT)."""
    view = doc.view
    known = english.known()
    if known is None:  # (no word list: the test word by word raises what it always raised)
        return [m for m in _WORD.finditer(view) if len(m.group()) >= min_length and m.group().islower()
                and (marked is None or marked.search(m.group())) and not english.has(m.group())]
    words, extra = known
    runs = _latin_runs(doc).difference(extra)
    whole = words.whole if isinstance(words, StoredWords) else words
    if whole is not None:  # (a set: one difference; a stored list is searched only for the texts left)
        runs = runs.difference(whole)
    passing = {text for text in runs if len(text) >= min_length and text.islower()
               and (marked is None or marked.search(text)) and text not in words}
    # Where each passing text occurs as a word: _WORD at that offset, matching the whole run.
    # (Its matches never overlap, so these are exactly the ones finditer would give.)
    found = []
    for text in passing:
        at = view.find(text)
        while at != -1:
            match = _WORD.match(view, at)
            if match is not None and match.end() - at == len(text):
                found.append(match)
            at = view.find(text, at + 1)
    found.sort(key=lambda m: m.start())
    return found


class _Letters:
    """`letters`: per language, letters English never writes; one pattern per set of wanted languages."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self._patterns: dict[tuple[str, ...], regex.Pattern | None] = {}

    def get(self, wanted: tuple[str, ...]):
        if wanted not in self._patterns:
            chars = "".join(sorted({c for x in wanted for c in self.table.get(x, "")}))
            self._patterns[wanted] = compile_pattern("[" + regex.escape(chars) + "]") if chars else None
        return self._patterns[wanted]

    def language(self, text: str, names: dict) -> str:
        found = [x for x, chars in self.table.items() if any(c in chars for c in text)]
        return " or ".join(names.get(x, x) for x in found) or "another language"


def _letters(value, languages) -> _Letters | None:
    if value is None:
        return None
    if (not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and isinstance(v, str) and v and v == v.lower() for k, v in value.items())):
        raise RuleError("`letters` must map language codes to strings of lowercase letters", "letters")
    unknown = sorted(set(value) - set(languages))
    if unknown:
        raise RuleError(f"`letters` names languages not in `languages`: {', '.join(unknown)}", "letters")
    return _Letters(value)


def _marked_hit(view: str, group, text: str, language: str, capitalise: bool) -> Hit:
    start, end = group[0].start(), group[-1].end()
    message = (f"'{text}' has {language} letters and is written lower-case: a name left lower-case, "
               "or a word the translation left untranslated.")
    if not capitalise:
        return Hit(start, end, (), message)
    fixed = " ".join(m.group()[:1].upper() + m.group()[1:] for m in group)
    edits = tuple(Edit(m.start(), m.start() + 1, m.group()[:1].upper()) for m in group)
    return Hit(start, end, (edits,) if fixed != text else (), message)


class _EnglishSet:
    """The compact English word set that spares most words a look-up: wordfreq's small English
    list (Zipf 3 and above, about 30,000 words, read on first use), plus `english-words`."""

    def __init__(self, extra):
        if not isinstance(extra, list) or not all(isinstance(w, str) and w for w in extra):
            raise RuleError("`english-words` must be a list of words", "english-words")
        self.extra = frozenset(w.lower() for w in extra)
        self.words: StoredWords | frozenset | None = None

    def known(self) -> tuple[StoredWords | frozenset, frozenset] | None:
        """The two sets `has` looks in; None when the word list cannot be read."""
        try:
            self.has("")
        except RuleError:
            return None
        return (self.words or frozenset(), self.extra)

    def has(self, word: str) -> bool:
        if self.words is None:
            try:
                self.words = english_words(300)
            except FrequencyError as error:
                raise RuleError(str(error)) from None
        return word in self.words or word in self.extra


class _Finder:
    """Decides, word by word, whether a candidate is a foreign word used as one."""

    def __init__(self, doc, table: StoredTable | dict, languages: tuple[str, ...], english: _EnglishSet):
        self.view, self.table, self.languages, self.english = doc.view, table, frozenset(languages), english
        self.sentence_starts = [start for start, _ in doc.sentences]
        self._names: set[str] | None = None
        self._shown: list[tuple[int, int]] | None = None

    def language(self, match) -> str:
        entry = self.table.get(match.group().lower())
        return entry if isinstance(entry, str) else ""

    def foreign(self, match) -> bool:
        lower = match.group()
        if self.table.get(lower) not in self.languages or lower in self.english.extra:
            return False
        return self.free(match)

    def free(self, match, in_names: bool = True) -> bool:
        """Not a name used as one: not written capitalised elsewhere in the article, not in a
        short quotation or brackets and (`in_names`) outside foreign names. A word no word list
        knows, in letters English lacks, is no connector of a name ("Svaz měst a obcí" joins
        common words): beside a capitalised word it is a name that lost its capital."""
        lower = match.group()
        return ((not in_names or not self._in_name(match)) and lower not in self.names
                and not self._in_shown_text(match.start()))

    def _in_name(self, match) -> bool:
        """A lowercase word in a foreign name: the words around it, joined by spaces and each
        foreign or a short connector ("a", "pro", "de"), reach a capitalised foreign word:
        "Řád a pokrok", "Académie française", "Ärzte ohne Grenzen"."""
        for step in (-1, +1):
            at = match
            for _ in range(6):
                at = self._neighbour(at, step)
                if at is None:
                    break
                word = at.group()
                if word[0].isupper():
                    if not self.english.has(word.lower()):
                        return True
                    break
                if self.english.has(word) and len(word) > 3:
                    break
        return False

    def _neighbour(self, match, step: int):
        """The word just before (-1) or after (+1) the match, joined to it by spaces only."""
        if step > 0:
            gap = _SPACE.match(self.view, match.end())
            return _WORD.match(self.view, gap.end()) if gap else None
        head = self.view[max(0, match.start() - 40):match.start()]
        found = _LAST_WORD.search(head)
        return _WORD.match(self.view, match.start() - len(head) + found.start(1)) if found else None

    def _opens_sentence(self, offset: int) -> bool:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        before = self.view[self.sentence_starts[i] if i >= 0 else 0:offset].strip()
        return not before or before[-1] in _OPENERS

    @property
    def names(self) -> set[str]:
        """Words the article writes capitalised where no sentence starts: its names."""
        if self._names is None:
            self._names = {m.group().lower() for m in _WORD.finditer(self.view)
                           if m.group()[0].isupper() and not self._opens_sentence(m.start())}
        return self._names

    def _in_shown_text(self, offset: int) -> bool:
        """Inside a short quotation (a title, a term shown) or short brackets (a gloss)."""
        if self._shown is None:
            spans = [m.span(1) for m in _SHORT_QUOTE.finditer(self.view) if len(m.group(1).split()) <= 6]
            spans += [m.span(1) for m in _SHORT_BRACKET.finditer(self.view) if len(m.group(1).split()) <= 3]
            self._shown = sorted(spans)
        i = bisect.bisect_right(self._shown, (offset, float("inf"))) - 1
        return i >= 0 and self._shown[i][0] <= offset < self._shown[i][1]


def _groups(view: str, matches) -> list[list]:
    """Flagged words joined only by spaces or hyphens make one finding."""
    groups: list[list] = []
    for match in matches:
        if groups and _JOINER.fullmatch(view[groups[-1][-1].end():match.start()]):
            groups[-1].append(match)
        else:
            groups.append([match])
    return groups
