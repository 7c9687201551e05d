"""A small, fast sentence splitter for news prose, tuned to not split after abbreviations."""

from __future__ import annotations

from tqlint.cache.patterns import compile_pattern

# A sentence ends at . ! ? or … (with closing quotes or brackets after it) followed by space and
# something that can start a sentence; paragraph breaks always end one.
_BOUNDARY = compile_pattern(
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[\p{Lu}\d])|\n[ \t]*\n\s*|[.!?…]+[\"'”’»)\]]*\s*$"
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen gov sen rep lt col sgt capt cmdr adm jr sr inc ltd co corp vs
    etc e.g i.e no nos jan feb mar apr aug sep sept oct nov dec mt ft rev hon est approx dept
    fig u.s u.k u.n e.u a.m p.m d.c l.a n.y""".split()
)
_WORD_BEFORE = compile_pattern(r"([\p{L}.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # Answers the search below would give, without it: seven letters before the dot are a word
    # longer than any abbreviation; no letter, dot or line break before it, and there is no word.
    if dot >= 7 and text[dot - 7:dot].isalpha():
        return False
    if dot and not (text[dot - 1].isalpha() or text[dot - 1] in ".\n"):
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    # A single capital initial ("J. K. Rowling") never ends a sentence.
    return token in _ABBREVIATIONS or (len(token) == 1 and word.group(1)[-1].isupper())


def _stripped(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return start, stop


def split_sentences(text: str):
    """Yield (start, end) offsets of sentences; whitespace between them belongs to neither."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith((".", "!", "?", "…")) and _is_abbreviation(text, match.start()):
            continue
        sentence = _stripped(text, start, match.end())
        if sentence[1] > sentence[0]:
            yield sentence
        start = match.end()
    sentence = _stripped(text, start, len(text))
    if sentence[1] > sentence[0]:
        yield sentence
