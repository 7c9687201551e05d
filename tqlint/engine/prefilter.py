"""Cheap tests that let a rule skip a document it cannot fire on.

Scanning a document with a regex costs far more than asking whether a literal occurs in it
(`str.__contains__` runs at gigabytes a second; a regex that starts with a class, a lookbehind or
an alternation tries every position). So each rule may carry a *requirement*: literals of which at
least one must occur in the document for the rule to possibly match.

- A `pattern` rule's requirement is derived from its regex (tqlint.engine.required): literals
  that every match must contain, e.g. `grew\\s+with` needs "grew".
- Any rule may declare `requires: [literal, …]` (case-insensitive) in its YAML.
- `phrase` tables use the document's set of words (see `ascii_words`).
"""

from __future__ import annotations

import re
from itertools import compress
from operator import eq, not_

import regex

# Characters outside ASCII that the `regex` module's IGNORECASE matches with an ASCII letter or
# digit (found by trying every code point): folded to that letter before comparing.
ASCII_CASE_TWINS = (("\u0130", "i"), ("\u017f", "s"), ("\u212a", "k"))


class Requirement:
    """For each group of `literals`, at least one of its literals occurs in the document's prose
    view (case-insensitively when `ignore_case`, in which case the literals are lowercase ASCII).
    `Requirement(["a", "b"])` is one group; `Requirement.all_of([["a", "b"], ["c"]])` is two."""

    __slots__ = ("groups", "ignore_case")
    groups: tuple[tuple[str, ...], ...]

    def __init__(self, literals, ignore_case: bool):
        self.groups = (self._group(literals),)
        self.ignore_case = ignore_case

    @staticmethod
    def _group(literals) -> tuple:
        # Shortest first: the likeliest to be present, and a present literal ends the group's
        # check where each absent one costs a scan of the whole document. A literal holding
        # another of the group is dropped: where it occurs, so does the shorter one ("russian"
        # after "russia"), so its scan could only repeat a failure.
        kept: list[str] = []
        for literal in sorted(set(literals), key=lambda s: (len(s), s)):
            if not any(shorter in literal for shorter in kept):
                kept.append(literal)
        return tuple(kept)

    @classmethod
    def all_of(cls, groups, ignore_case: bool) -> Requirement:
        made = cls((), ignore_case)
        made.groups = tuple(cls._group(g) for g in groups)
        return made

    @property
    def literals(self) -> tuple:
        """The literals of the first (most selective) group, longest first."""
        return tuple(sorted(self.groups[0], key=lambda s: (-len(s), s)))

    def __call__(self, doc) -> bool:
        haystack = folded_view(doc) if self.ignore_case else doc.view
        for group in self.groups:  # (plain loops: this runs for every rule on every document)
            for literal in group:
                if literal in haystack:
                    break
            else:
                return False
        return True

    def __repr__(self) -> str:
        shown = " & ".join(repr(list(g)) for g in self.groups)
        return f"Requirement({shown}, ignore_case={self.ignore_case})"


class WordRequirement:
    """Some phrase has all its ASCII words among the document's words (see `ascii_words`), or
    one of `chunks` (caseless text, for phrases without such words) occurs in its view: what a
    phrase table needs. `phrases` is a list of word lists, one per phrase."""

    __slots__ = ("by_key", "keys", "chunks")

    def __init__(self, phrases, chunks=()):
        self.by_key: dict[str, list[frozenset]] = {}
        for words in phrases:
            words = frozenset(words)
            if words:
                self.by_key.setdefault(max(sorted(words), key=len), []).append(words)
        self.keys = frozenset(self.by_key)
        self.chunks = tuple(sorted(set(chunks)))

    def __call__(self, doc) -> bool:
        if self.keys:
            words = ascii_words(doc)
            if not self.keys.isdisjoint(words):
                for key in self.keys & words:
                    for group in self.by_key[key]:
                        if group <= words:
                            return True
        if self.chunks:
            view = doc.view
            for chunk in self.chunks:
                if chunk in view:
                    return True
        return False

    def phrases(self) -> list:
        return sorted(sorted(group) for groups in self.by_key.values() for group in groups)

    def __repr__(self) -> str:
        return f"WordRequirement({self.phrases()!r}, {list(self.chunks)!r})"


def lazy(compile_matcher):
    """A matcher compiled on its first call: rules a run never needs are never compiled."""
    compiled = None

    def find(doc, context):
        nonlocal compiled
        if compiled is None:
            compiled = compile_matcher()
        return compiled(doc, context)

    return find


def guarded(matcher, requirement: Requirement | None):
    """`matcher` that returns nothing at once on documents failing `requirement`."""
    if requirement is None:
        return matcher

    def find(doc, context):
        if not requirement(doc):
            return ()
        return matcher(doc, context)

    find.requirement = requirement  # type: ignore[attr-defined]
    return find


# --- what a document offers ------------------------------------------------------------------

def folded_view(doc) -> str:
    """The prose view in lowercase, with the non-ASCII twins of ASCII letters folded to them;
    computed once per document."""
    try:
        return doc._tqlint_folded
    except AttributeError:
        pass
    view = doc.view
    if not view.isascii():
        for twin, letter in ASCII_CASE_TWINS:
            if twin in view:
                view = view.replace(twin, letter)
    doc._tqlint_folded = view.lower()
    return doc._tqlint_folded


_WORD = re.compile(r"[a-z0-9]+")


def ascii_words(doc) -> frozenset:
    """Every maximal run of ASCII letters and digits in the folded view: a phrase whose word
    (lowercased) is not here cannot occur in the document."""
    try:
        return doc._tqlint_words
    except AttributeError:
        pass
    doc._tqlint_words = frozenset(_WORD.findall(folded_view(doc)))
    return doc._tqlint_words


def has_ascii_words(doc) -> bool:
    """Whether `ascii_words(doc)` is already at hand (costs nothing)."""
    return hasattr(doc, "_tqlint_words")


LETTER_RUN = regex.compile(r"\p{L}+", regex.VERSION0)
_ALIKE = regex.compile(r"(\p{L}+) (?i:\1)", regex.VERSION0)  # the rules' own back-reference, case aside


def neighbour_runs_alike(doc) -> bool:
    r"""Whether some run of letters (`\p{L}+`, whole) is followed by the same run, case aside,
    as the next run of letters in the prose view (whatever stands between them). A rule whose
    every match holds a run of letters and, after spaces or a line break, a back-reference to it
    ending where the letters do (doubled-word: "the the") needs this; most documents hold no
    such pair. Runs of ASCII letters are compared lower-cased (for them the same answer as the
    back-reference); a run holding another letter is compared by the back-reference itself
    with its neighbours of the same length (case twins such as "ſ" and "s", "K" and "k")."""
    try:
        return doc._tqlint_runs_alike
    except AttributeError:
        pass
    runs = LETTER_RUN.findall(doc.view)
    if not hasattr(doc, "_tqlint_letter_runs"):
        doc._tqlint_letter_runs = frozenset(runs)  # kept for letter_runs: the same scan, not made twice
    lowered = list(map(str.lower, runs))
    alike = True in map(eq, lowered, lowered[1:])
    if not alike and not doc.view.isascii():
        for i in compress(range(len(runs)), map(not_, map(str.isascii, runs))):
            if any(0 <= j < len(runs) and len(runs[j]) == len(runs[i])
                   and _ALIKE.fullmatch(f"{runs[min(i, j)]} {runs[max(i, j)]}") for j in (i - 1, i + 1)):
                alike = True
                break
    doc._tqlint_runs_alike = alike
    return alike


def letter_runs(doc) -> frozenset:
    r"""The document's words, shared: the distinct runs of letters (`\p{L}+`, whole) in the prose
    view, computed once per document (by neighbour_runs_alike, which scans for them anyway, or
    here). A kind whose words are runs of some other class of characters may take these where
    every character of the view is in both classes or in neither (then the runs are the same;
    see tqlint.kinds.lexicon `_latin_runs`)."""
    try:
        return doc._tqlint_letter_runs
    except AttributeError:
        pass
    doc._tqlint_letter_runs = frozenset(LETTER_RUN.findall(doc.view))
    return doc._tqlint_letter_runs


def key_words(phrase: str) -> list[str]:
    """The ASCII words of a phrase as `ascii_words` would cut them from a document."""
    text = phrase
    for twin, letter in ASCII_CASE_TWINS:
        text = text.replace(twin, letter)
    return _WORD.findall(text.lower())


# --- kept with the pack in the parse cache (tqlint.cache.packs) ----------------------------------

def requirement_to_json(requirement):
    if requirement is None:
        return None
    if isinstance(requirement, WordRequirement):
        return {"phrases": requirement.phrases(), "chunks": list(requirement.chunks)}
    return {"all": [list(g) for g in requirement.groups], "ignore_case": requirement.ignore_case}


def requirement_from_json(data):
    if data is None:
        return None
    if "phrases" in data:
        return WordRequirement(data["phrases"], data["chunks"])
    groups = data["all"]
    if not groups or not all(g and all(isinstance(x, str) for x in g) for g in groups):
        raise ValueError("malformed requirement")
    return Requirement.all_of(groups, bool(data["ignore_case"]))
