"""`straight-quote-balance`: typewriter quotation marks (") that open or close nothing.

A straight mark does not say which way it faces, but its neighbours do: after a space and before
a word it opens, after a word or punctuation and before a space it closes, and `, "` before a
space closes a quotation whose mark came loose. Paragraph by paragraph the marks must alternate.
Two errors are left by machine translation that works sentence by sentence:

- a quotation opened and never closed: the closing mark belongs at the end of the paragraph
  (unless one of the next few paragraphs continues the quotation, opening with a mark of its
  own, or closes it, as sentence-by-sentence text does);
- a closing mark with no opening one: the quotation most likely began at the start of the first
  paragraph after the last one holding a quotation mark (looking back at most `max-back`
  paragraphs), and the opening mark belongs there.

A text of one paragraph (a segment of sentence-by-sentence text, a table cell) that starts inside
a quotation (its first mark closes) or ends inside one (it opens with a mark never closed) is a
piece of a longer quotation and is not flagged for that.

The finding sits where the missing mark goes, so the reader looks where the mend belongs. With
`offer-fix: true` the insertion is offered as a fix (never safe: where a quotation starts is a
matter of meaning; human translations of sentence-by-sentence sources rarely add the mark). A paragraph holding a mark
whose direction cannot be told (glued to words on both sides, or spaced on both sides after a
word) is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError

OPTIONS = {
    "mark": "the quotation mark to pair (default the straight double quote \")",
    "max-back": "how many paragraphs back a quotation closed without an opening mark may have begun (default 3)",
    "offer-fix": "offer the missing mark's insertion as a fix (default false: the finding only points there)",
    "paragraphs": "`auto` (lines are paragraphs in a text with no blank line, else blank lines part them), "
    "`line` or `blank-line` (default auto)",
}
REQUIRED = ()

OPEN, CLOSE, UNKNOWN = 1, 2, 3
_BLANK_LINE = compile_pattern(r"\n[ \t]*\n")
_LAST_WORDS = compile_pattern(r"\S+(?:\s+\S+)?\s*$")
_FIRST_WORD = compile_pattern(r"\s*(\S+)")
# a question or exclamation, then a sentence in the narrator's words (a capital, no mark; a
# speaker's "I", "we" or "you" more likely goes on speaking)
_ASKED_THEN_TOLD = compile_pattern(r"\S+([?!]) +(?!(?:I|We|You|My|Our|Your|Let|Please)\b)\p{Lu}\p{Ll}*")


def has_fix(options) -> bool:
    return bool(options.get("offer-fix", False))


def compile(options: dict, rule) -> Callable:
    mark = options.get("mark", '"')
    if not isinstance(mark, str) or len(mark) != 1:
        raise RuleError("`mark` must be one character", "mark")
    max_back = options.get("max-back", 3)
    if not isinstance(max_back, int) or isinstance(max_back, bool) or max_back < 0:
        raise RuleError("`max-back` must be a whole number, 0 or more", "max-back")
    offer_fix = has_fix(options)
    mode = options.get("paragraphs", "auto")
    if mode not in ("auto", "line", "blank-line"):
        raise RuleError("`paragraphs` must be `auto`, `line` or `blank-line`", "paragraphs")

    def find(doc, context):
        view = doc.view
        if mark not in view:
            return
        paragraphs = _paragraphs(view, mode)
        states = [_marks(view, start, end, mark) for start, end in paragraphs]
        lone = len(paragraphs) == 1
        for i, marks in enumerate(states):
            if marks is None:
                continue
            first_close_unopened, open_at_end = _walk(marks)
            if lone:  # a text of one paragraph (a segment, a cell) may be a piece of a longer quotation
                first_close_unopened, open_at_end = _outside_excerpt(view, paragraphs[0], marks,
                                                                     first_close_unopened, open_at_end)
            if open_at_end is not None and not _continues(view, paragraphs, states, i + 1, max_back):
                yield _offered(_close_at_end(view, paragraphs[i], mark, open_at_end), offer_fix)
            if first_close_unopened is not None and not _open_before(states, i - 1, max_back):
                yield _offered(_open_at_start(view, paragraphs, states, i, max_back, mark, first_close_unopened),
                               offer_fix)

    return find


def _offered(hit: Hit, offer_fix: bool) -> Hit:
    return hit if offer_fix else Hit(hit.start, hit.end, (), hit.message)


def _paragraphs(view: str, mode: str) -> list[tuple[int, int]]:
    if mode == "line" or mode == "auto" and not _BLANK_LINE.search(view):
        breaks = regex.finditer(r"\n", view)
    else:
        breaks = _BLANK_LINE.finditer(view)
    spans, start = [], 0
    for match in breaks:
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(view)))
    return [(s, e) for s, e in spans if view[s:e].strip()]


def _direction(view: str, at: int) -> int:
    before = view[at - 1] if at > 0 else " "
    after = view[at + 1] if at + 1 < len(view) else " "
    spaced_before, spaced_after = before.isspace() or before in "([{—–", after.isspace()
    if spaced_before and not spaced_after:
        return OPEN
    if before.isdigit() and spaced_after:
        return UNKNOWN  # 6" across: inches
    if not spaced_before and (spaced_after or after in ".,;:!?)]}—–"):
        return CLOSE
    if spaced_before and spaced_after and at >= 2 and view[at - 2] in ",.!?":
        return CLOSE  # `…, " said` – a closing mark came loose from its quotation
    return UNKNOWN


def _marks(view: str, start: int, end: int, mark: str):
    """[(offset, direction)] of the paragraph's marks; None when one cannot be told, or when
    the paragraph mixes in curly marks (“We won," – the curly rules judge those)."""
    if mark == '"' and ("“" in view[start:end] or "”" in view[start:end]):
        return None
    found = []
    at = view.find(mark, start, end)
    while at != -1:
        direction = _direction(view, at)
        if direction == UNKNOWN:
            return None
        found.append((at, direction))
        at = view.find(mark, at + 1, end)
    return found


def _walk(marks):
    """(first closing mark with no opening one, opening mark left open at the end)."""
    open_at, unopened = None, None
    for at, direction in marks:
        if direction == OPEN:
            if open_at is not None:
                return unopened, None  # two openings in a row: which one is wrong is unclear
            open_at = at
        elif open_at is None:
            if unopened is None:
                unopened = at
        else:
            open_at = None
    return unopened, open_at


def _outside_excerpt(view, paragraph, marks, first_close_unopened, open_at_end):
    """In a text of one paragraph, a closing mark that is its first mark closes a quotation begun
    before the text, and an opening mark at its very start opens one that goes on after it:
    neither is missing a partner that the text could hold."""
    if first_close_unopened is not None and first_close_unopened == marks[0][0]:
        first_close_unopened = None
    if open_at_end is not None and not view[paragraph[0]:open_at_end].strip():
        open_at_end = None
    return first_close_unopened, open_at_end


def _continues(view, paragraphs, states, i, max_back) -> bool:
    """Is a quotation left open before paragraph i continued there or within a few paragraphs
    without marks? A paragraph continues it when its first mark closes a quotation it did not
    open, or opens again at the paragraph's very start (sentence-by-sentence text repeats the
    mark); a paragraph whose first mark opens a quotation of its own in mid-sentence ends the
    reach: the quotation before it was never closed."""
    for k in range(i, min(i + max_back + 1, len(states))):
        if states[k] is None:
            return True  # a paragraph we cannot read
        if states[k]:
            at, direction = states[k][0]
            return direction == CLOSE or not view[paragraphs[k][0]:at].strip()
    return False


def _open_before(states, i, max_back) -> bool:
    """Was a quotation left open in paragraph i, or in one shortly before it with only
    paragraphs without marks between (so a closing mark after them is its end)?"""
    for k in range(i, max(i - max_back - 1, -1), -1):
        if states[k] is None:
            return True
        if states[k]:
            return _walk(states[k])[1] is not None
    return False


def _close_at_end(view, paragraph, mark, opened) -> Hit:
    start, end = paragraph
    asked = _ASKED_THEN_TOLD.search(view, opened, end)
    if asked:  # "How about this? And the song took shape…": a question or a cry ends the quotation
        stop = asked.end(1)
        return Hit(asked.start(), asked.end(), ((Edit(stop, stop, mark),),),
                   "A quotation opened in this paragraph is not closed: the closing mark probably "
                   "belongs after the question or exclamation.")
    match = _LAST_WORDS.search(view, start, end)
    last = match.start() if match else start
    stop = end
    while stop > start and view[stop - 1].isspace():
        stop -= 1
    return Hit(last, stop, ((Edit(stop, stop, mark),),),
               "A quotation opened in this paragraph is not closed: the closing mark probably belongs here.")


def _is_heading_like(view: str, paragraph: tuple[int, int]) -> bool:
    """A paragraph that ends on a letter or digit, with no punctuation: a headline, title or
    label, which a quotation does not run on from into the body below it."""
    text = view[paragraph[0]:paragraph[1]].rstrip()
    return bool(text) and text[-1].isalnum()


def _open_at_start(view, paragraphs, states, i, max_back, mark, closing) -> Hit:
    first = i
    while (first > 0 and i - first < max_back and states[first - 1] is not None and not states[first - 1]
           and not _is_heading_like(view, paragraphs[first - 1])):
        first -= 1
    if first > 0 and i - first == max_back and states[first - 1] is not None and not states[first - 1]:
        first = i  # no earlier quotation within reach: the quotation's start is anyone's guess
    start = paragraphs[first][0]
    word = _FIRST_WORD.match(view, start)
    assert word is not None, "the paragraph holds at least its closing mark"
    at = word.start(1)
    if first == i:  # one paragraph: the finding covers the quotation, and the mark may be stray
        return Hit(at, closing + 1, ((Edit(at, at, mark),), (Edit(closing, closing + 1, ""),)),
                   "A quotation is closed without an opening mark: it probably opens at the start "
                   "of the paragraph, unless the closing mark is stray.")
    return Hit(at, word.end(1), ((Edit(at, at, mark),),),
               "A quotation is closed later without an opening mark: it probably opens here.")
