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
    # The search finds the run of letters and dots ending at the dot, within the 12 characters
    # before it. Where that run is a plain ASCII word after a space (most dots), the window's
    # last whitespace-separated piece is that run (a space is neither letter nor dot): answered
    # with str methods, without the search.
    window = text[max(0, dot - 12):dot]
    pieces = window.rsplit(None, 1)  # [] where the window is all whitespace ("\n\n." opening a text)
    if pieces:
        last = pieces[-1]
        if last.isalpha() and last.isascii() and window.endswith(last):
            return last.lower() in _ABBREVIATIONS or (len(last) == 1 and last.isupper())
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    # A single capital initial ("J. K. Rowling") never ends a sentence.
    return token in _ABBREVIATIONS or (len(token) == 1 and word.group(1)[-1].isupper())


def _stripped(text: str, start: int, stop: int) -> tuple[int, int]:
    """(start, stop) moved inward past whitespace (str.isspace), by str.strip in C; (start, start)
    when only whitespace is left."""
    piece = text[start:stop]
    body = piece.strip()
    if not body:
        return start, start
    if piece[0].isspace():  # everything before the body's first character is whitespace
        start += piece.find(body[0])
    return start, start + len(body)


def split_sentences(text: str):
    """Yield (start, end) offsets of sentences; whitespace between them belongs to neither."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        at, end = match.span()
        # (_is_abbreviation answers False for any boundary but a dot: "!", "?", "…", a blank line)
        if text[at] == "." and _is_abbreviation(text, at):
            continue
        sentence = _stripped(text, start, end)
        if sentence[1] > sentence[0]:
            yield sentence
        start = end
    sentence = _stripped(text, start, len(text))
    if sentence[1] > sentence[0]:
        yield sentence
