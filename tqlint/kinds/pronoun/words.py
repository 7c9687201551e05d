"""A document's words for the pronoun kind: tokens built column by column, the mention record,
and the spans inside quotation marks."""

from __future__ import annotations

import bisect
import functools
import re
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, itemgetter

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds.pronoun.knowledge import WORD

CONTRACTIONS = compile_pattern(r"^(he|she)['’](s|d|ll)$", regex.IGNORECASE)
_OPENERS = "“\"‘'«„([{:—–-"
_QUOTE_OR_BREAK = compile_pattern(r'[“”«»„"《》「」]|\n\s*\n')
_SWEDISH_OPENER = compile_pattern(r"(?:^|[\s/(\[])”\p{L}")


TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import NamedTuple, overload

    class Token(NamedTuple):
        """One word. A tuple, so that a document's tokens are built from `Columns` at C speed:
        documents holding a pronoun have thousands of words, and most are never looked at."""
        start: int
        end: int
        text: str  # without a possessive 's
        lower: str
        possessive: bool
        sentence: int
        sentence_start: bool
        capitalised: bool
else:  # the same tuple, made without importing typing (tests/test_kind_pronoun.py compares the fields)
    Token = namedtuple("Token", "start end text lower possessive sentence sentence_start capitalised")


@dataclass(frozen=True)
class Mention:
    """A name or noun phrase a pronoun may refer to: its span, its kind and its sentence."""

    start: int
    end: int
    kind: str
    sentence: int


_WORD_SPLIT = compile_pattern(f"({WORD.pattern})")  # split() keeps the words, and the gaps before them
# WORD in the standard library's engine, about a third cheaper: where `\w` (letters, digits and
# "_") takes the same characters as `[\p{L}\p{Nd}]` and no mark (`\p{M}`) occurs, it splits a
# text exactly as _WORD_SPLIT does. True of ASCII without "_"; other characters are tried
# one by one (`_same_in_both`).
_FAST_SPLIT = re.compile(r"(\w+(?:[-&'’.]\w+)*)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHAR, _MARK, _SRE_WORD_CHAR = compile_pattern(r"[\p{L}\p{Nd}]"), compile_pattern(r"\p{M}"), re.compile(r"\w")
_same: dict[str, bool] = {}
_POSSESSIVE_ENDS = ("'s", "'S", "’s", "’S")
_new_token = functools.partial(tuple.__new__, Token)


def _same_in_both(char: str) -> bool:
    known = _same.get(char)
    if known is None:
        known = _same[char] = (not _MARK.match(char)
                               and bool(_WORD_CHAR.match(char)) == bool(_SRE_WORD_CHAR.match(char)))
    return known


def split_words(view: str) -> list[str]:
    """`_WORD_SPLIT.split(view)`: [gap, word, gap, word, …, gap]."""
    if "_" not in view and (view.isascii() or all(map(_same_in_both, set(_NON_ASCII.findall(view))))):
        return _FAST_SPLIT.split(view)
    return _WORD_SPLIT.split(view)


def _ending_in_apostrophe_s(view: str, starts: list[int], words: list[str]) -> list[int]:
    """The indices of the words ending in 's (any of _POSSESSIVE_ENDS): the view is searched for
    the endings (a few fast scans) rather than every word asked, as most words have none."""
    found = []
    for ending in _POSSESSIVE_ENDS:
        at = view.find(ending)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and starts[i] + len(words[i]) == at + 2:
                found.append(i)
            at = view.find(ending, at + 2)
    return found


def contraction(text: str):
    """The match of "he's", "she'd"…, or None; the apostrophe test spares other words the regex."""
    return CONTRACTIONS.match(text) if "'" in text or "’" in text else None


class Columns:
    """A document's words as parallel lists (start, text, lower…), built with map() and list
    slicing rather than a Python loop per word, plus where each sentence's words begin."""

    def __init__(self, doc):
        view, bounds = doc.view, doc.sentences
        parts = split_words(view)  # [gap, word, gap, word, …, gap]
        words = parts[1::2]
        count = len(words)
        self.starts = list(accumulate(map(len, parts)))[0:2 * count:2]  # each word starts where its gap ends
        texts, possessive = words[:], [False] * count
        for i in _ending_in_apostrophe_s(view, self.starts, words):
            if len(words[i]) > 2 and not CONTRACTIONS.match(words[i]):
                texts[i], possessive[i] = words[i][:-2], True
        self.texts, self.possessive = texts, possessive
        self.lowers = list(map(str.lower, texts))
        self.capitalised = list(map(str.isupper, map(itemgetter(0), texts)))
        self._view = view
        # Word i belongs to the last sentence starting at or before it (the first sentence, if none).
        self.sentence_firsts = [0] + [bisect.bisect_left(self.starts, start) for start, _ in bounds[1:]] + [count]
        self.sentence = []
        for k in range(len(self.sentence_firsts) - 1):
            self.sentence.extend(repeat(k, self.sentence_firsts[k + 1] - self.sentence_firsts[k]))

    # `ends` and `first` are built when first asked for: a document whose pronouns have no
    # organisation or thing in reach (about two in five of real MT holding one) needs neither.
    @functools.cached_property
    def ends(self) -> list[int]:
        return list(map(add, self.starts, map(len, self.texts)))

    @functools.cached_property
    def first(self) -> list[bool]:
        """A sentence's first word opens it; so does a capitalised word after an opening quote,
        bracket, colon or dash ('“The', ': The', '— The'). Only a capitalised word's position
        matters (names, openers). (A gap follows the whole previous word, a possessive 's
        included; an 's ends in "s", never an opener, so it could not change the answer.)"""
        count, view, starts, texts, possessive = len(self.starts), self._view, self.starts, self.texts, self.possessive
        first = [False] * count
        for i in self.sentence_firsts[:-1]:
            if i < count:
                first[i] = True
        for i in compress(range(count), self.capitalised):
            if not first[i]:  # the gap before word i follows word i - 1 and its 's, if any
                gap = view[starts[i - 1] + len(texts[i - 1]) + 2 * possessive[i - 1] if i else 0:starts[i]].rstrip()
                first[i] = bool(gap) and gap[-1] in _OPENERS
        return first

    def tokens(self) -> Tokens:
        return Tokens(self)

    @functools.cached_property
    def distinct(self) -> set[str]:
        """The document's distinct lowercase words."""
        return set(self.lowers)

    _indexed: set[str] | frozenset[str] = frozenset()
    _hits: Sequence[int] = ()
    _hit_words: Sequence[str] = ()

    def index(self, *word_sets) -> None:
        """Find where the (lowercase) words of `word_sets` occur, in one scan over the document's words: a later
        `where` whose words all belong to them reads only those positions, not every word (the
        kind asks `where` five or six times per document, mostly for words of its lexicon)."""
        self._indexed = set().union(*(self.distinct & words for words in word_sets))
        self._hits = list(compress(range(len(self.lowers)), map(self._indexed.__contains__, self.lowers)))
        self._hit_words = list(map(self.lowers.__getitem__, self._hits))

    def where(self, *word_sets) -> list[int]:
        """Indices of the words whose lowercase form is in one of `word_sets`, in text order."""
        wanted = set().union(*(self.distinct & words for words in word_sets))
        if not wanted:
            return []
        if wanted <= self._indexed:  # every word in wanted was indexed: its positions are among the hits
            return list(compress(self._hits, map(wanted.__contains__, self._hit_words)))
        return list(compress(range(len(self.lowers)), map(wanted.__contains__, self.lowers)))

    # Starts and ends both increase strictly (words are disjoint and never empty): a bisection
    # finds a word, where a dict would cost an entry for every word of the document.
    def starting_at(self, offset: int) -> int:
        """The index of the word that starts at `offset` (which must be a word's start)."""
        return bisect.bisect_left(self.starts, offset)

    def ending_at(self, offset: int) -> int | None:
        """The index of the word that ends at `offset`, or None."""
        i = bisect.bisect_left(self.ends, offset)
        return i if i < len(self.ends) and self.ends[i] == offset else None


class Tokens(Sequence[Token]):
    """The columns' words as Tokens, each built when it is asked for: the passes look at the
    capitalised words, the nouns of their lists and their neighbours, a small share of a long
    document's words, and a list of every Token held 90 MB on a dense 4 MB article."""

    def __init__(self, columns: Columns):
        self._columns = columns
        self._count = len(columns.starts)

    def __len__(self) -> int:
        return self._count

    if TYPE_CHECKING:
        @overload
        def __getitem__(self, index: int) -> Token: ...

        @overload
        def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        # The columns are lists of one length (self._count): their own indexing handles a
        # negative index and raises IndexError out of range, as the checks it replaces did.
        c = self._columns
        try:
            return _new_token((c.starts[index], c.ends[index], c.texts[index], c.lowers[index], c.possessive[index],
                               c.sentence[index], c.first[index], c.capitalised[index]))
        except IndexError:
            raise IndexError("token index out of range") from None


def quoted_spans(view: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, paragraph by paragraph (an unclosed quote ends with it)."""
    closers = {"“": "”", "«": "»", "„": "“”", '"': '"', "《": "》", "「": "」"}
    spans, opened, opener = [], None, ""
    for match in _QUOTE_OR_BREAK.finditer(view):
        mark = match.group()
        if opened is None:
            if mark in closers:
                opened, opener = match.end(), mark
            elif mark == "”" and _SWEDISH_OPENER.match(view, match.start() - 1 if match.start() else 0):
                # ”…” as Swedish and Finnish write it, or a slip: a ” after a space, a slash or
                # a bracket and before a letter opens a quotation ("works”/”I interfere…”)
                opened, opener = match.end(), "“"
        elif mark in closers[opener] or mark.startswith("\n"):
            spans.append((opened, match.start()))
            opened = None
    if opened is not None:
        spans.append((opened, len(view)))
    return spans


def inside(spans, offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]

