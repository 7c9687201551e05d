"""Text that is not prose to rewrite: proper names, brands and emoticons.

A rule that is right about English prose can still be wrong inside a name: "Bild am Sonntag" is
a newspaper, not German left untranslated; "Yahoo!News" and "Gazeta.Ru" are spelled that way on
purpose; ":)" after a space is an emoticon, not a colon to pull back. For each finding the
engine asks this module which such spans lie round it, then drops any fix that would edit
inside one, and the finding itself when it lies wholly inside one. One mechanism
for every rule, so no rule needs its own list of exceptions.
"""

from __future__ import annotations

import regex

from tqlint.cache.patterns import compile_pattern

# Lower-case particles that join the capitalised words of a name in other languages
# ("Corriere dello Sport", "Bild am Sonntag", "Charles de Gaulle"). English words that could
# join two capitalised words in a sentence ("in", "an", "do", "on") are left out on purpose.
_PARTICLES = (
    "am im vom zum zur der die das des dem den von zu und auf aus bei unter "
    "de del della dello delle degli dei di da dos du la le les los las el al y e et sur "
    "van ter ten het bin ibn bint af av och"
).split()

# Words that start an English sentence: after "said.The" the dot ends a sentence whose space
# was lost, so "said.The" is not a brand. Brand suffixes are anything else short ("Gazeta.Ru").
_SENTENCE_STARTERS = frozenset(
    "a an and as at but by for from he her his how i if in it its my no not of on one our she "
    "so that the their then there these they this those to two we what when where which while "
    "who why with you your".split()
)

_CAP = r"\p{Lu}[\p{L}'’-]*"
_PARTICLE = "|".join(sorted(_PARTICLES, key=len, reverse=True))
# Each kind of span has its own pattern that starts where such a span can start (a capital, a
# mark between letters, a lower-case letter before a capital, a colon or bracket), so no
# alternation is tried at every character.
_NAME = compile_pattern(rf"{_CAP}[ \t]+(?:{_PARTICLE})(?:[ \t]+(?:{_PARTICLE}))*[ \t]+{_CAP}")
_BRAND_MARK = compile_pattern(r"(?<=[\p{L}\d])[!&+.](?=\p{L})")  # Yahoo!News, AT&T, Gazeta.Ru
_BRAND = compile_pattern(r"(?P<head>\p{L}[\p{L}\d]*)[!&+.](?P<tail>\p{L}[\p{L}\d]*)(?![\p{L}\d]|\.\p{L})")
_CAMEL_HUMP = compile_pattern(r"(?<=[a-z])[A-Z]")  # iPhone, eBay, YouTube, PayPal (ASCII: not mojibake)
_CAMEL = compile_pattern(r"(?:[a-z]+|[A-Z][a-z]+)[A-Z][A-Za-z]*(?![\p{L}\d])")
_TLDR = compile_pattern(r"(?<!\p{L})(?i:tl;dr)(?!\p{L})")
# emoticons, taken with the space round them: rules must not pull a space in next to them
_SMILEY = compile_pattern(r"(?<=^|[ \t])[:;=][-']?[()DPp\]\[/|]+(?=\s|$|[.,!?])", regex.M)  # :) ;-) =D
_BRACKETS = compile_pattern(r"(?<=\p{L}\s*)(?:\){2,}|\({2,})")  # Russian "))" and "(("
_WORD_CHAR = compile_pattern(r"[\p{L}\d]")


def find_protected_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of `text[start:end]` that fixes must not edit inside, in order."""
    end = len(text) if end is None else end
    spans = [m.span() for m in _NAME.finditer(text, start, end)]
    spans += [m.span() for m in _TLDR.finditer(text, start, end)]
    spans += [_with_spaces(text, m.start(), m.end(), after=False) for m in _SMILEY.finditer(text, start, end)]
    spans += [_with_spaces(text, m.start(), m.end(), after=True) for m in _BRACKETS.finditer(text, start, end)]
    for mark in _BRAND_MARK.finditer(text, start, end):
        match = _BRAND.match(text, _token_start(text, mark.start(), start), end)
        if match is not None and _is_brand(text, match):
            spans.append(match.span())
    for hump in _CAMEL_HUMP.finditer(text, start, end):
        match = _CAMEL.match(text, _token_start(text, hump.start(), start), end)
        if match is not None:
            spans.append(match.span())
    return sorted(set(spans))


def _with_spaces(text: str, start: int, end: int, after: bool) -> tuple[int, int]:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while after and end < len(text) and text[end] in " \t":
        end += 1
    return start, end


def _token_start(text: str, at: int, floor: int) -> int:
    while at > floor and _WORD_CHAR.match(text, at - 1):
        at -= 1
    return at


def _is_brand(text: str, match) -> bool:
    head, tail = match.group("head"), match.group("tail")
    mark = text[match.start("tail") - 1]
    before = text[match.start() - 1] if match.start() > 0 else " "
    if before in ".&" or tail.lower() in _SENTENCE_STARTERS:
        return False
    if mark == ".":
        # a domain-like suffix after a word (Gazeta.Ru, Lenta.ru); not an abbreviation such as
        # z.B. or EE.UU., and not a sentence run into the next
        return len(head) >= 3 and any(c.islower() for c in head) and len(tail) <= 3
    if mark == "&":  # AT&T, H&M; "victory&quot;" is an HTML entity
        return head[0].isupper() and tail[0].isupper()
    return True


# How far from a finding a protected span can begin: longer than any name or brand token.
_REACH = 120
# The view is scanned in chunks of this size, each on first need (with _REACH to spare at both
# ends, so a span across a chunk boundary is found whole).
_CHUNK = 4096


class ProtectedSpans:
    """The protected spans of one document's prose view near the places asked about: only the
    chunks of the document that hold a finding are ever scanned."""

    def __init__(self, view: str):
        self._view = view
        self._chunks: dict[int, list[tuple[int, int]]] = {}

    def _chunk(self, index: int) -> list[tuple[int, int]]:
        spans = self._chunks.get(index)
        if spans is None:
            view = self._view
            lo = max(0, index * _CHUNK - _REACH)
            while lo > 0 and not view[lo - 1].isspace():  # start the scan at a word boundary
                lo -= 1
            spans = find_protected_spans(view, lo, min(len(view), (index + 1) * _CHUNK + _REACH))
            self._chunks[index] = spans
        return spans

    def _around(self, start: int, end: int):
        index = start // _CHUNK
        if index == end // _CHUNK:  # one chunk (most questions): its spans, no set to skip repeats
            return [span for span in self._chunk(index) if span[1] >= start and span[0] <= end]
        return list(self._across(start, end))

    def _across(self, start: int, end: int):
        seen = set()
        for index in range(start // _CHUNK, end // _CHUNK + 1):
            for s, e in self._chunk(index):
                if e >= start and s <= end and (s, e) not in seen:
                    seen.add((s, e))
                    yield s, e

    def near(self, start: int, end: int) -> bool:
        """Is any protected span within [start, end] (touching it counts)? No span near an edit
        means none near any part of it either."""
        return bool(self._around(start, end))

    def holds(self, start: int, end: int) -> bool:
        """True when [start, end) lies wholly inside one protected span."""
        for s, e in self._around(start, end):
            if s <= start and end <= e:
                return True
        return False

    def edit_inside(self, start: int, end: int, replacement: str | None = None) -> bool:
        """True when replacing [start, end) would change text inside a protected span. An edit
        that only touches its edge (a comma after a name) is allowed, and so is one that covers
        a whole span and keeps it in its replacement (dropping the quotation marks round a name)."""
        for s, e in self._around(start, end):
            if start == end:
                if s < start < e:
                    return True
            elif start < e and end > s:
                if replacement is not None and start <= s and e <= end and self._view[s:e] in replacement:
                    continue
                return True
        return False
