"""`quote-balance`: English “ ” that certainly pair with nothing in their paragraph.

News quotations may run over several paragraphs (each continuation paragraph opens with “ and
only the last one closes), and an excerpt may start or end inside a quotation, so only what no
such reading explains is flagged. (Source-language marks are the `quote-style` kind.)
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError

OPTIONS = {
    "mode": "removed: `mode: convert` is now the quote-style kind",
}
REQUIRED = ()


def has_fix(options) -> bool:
    return False


def compile(options: dict, rule) -> Callable:
    if "mode" in options:
        raise RuleError("`mode` is gone: a rule that converts source-language marks is `kind: quote-style`; "
                        "quote-balance only finds unpaired English marks", "mode")
    return _find_unbalanced


# ------------------------------------------------------------------------------------ balance

# “ and „ open; ” closes; a straight " closes an open quotation or opens one (mixed styles are
# another problem than a quotation left open). ” right after a digit closes an open quotation
# (“Ne Zha 2”, “Agenda 2030”); with nothing open it is an inch or second sign (6.1”).
_BALANCE_MARKS = compile_pattern(r'[“„"”]|\n')
_OPENING_POSITION = compile_pattern(r"(?:^|(?<=[\s(\[]))”(?=[\p{L}\d])")
_LINE_START = compile_pattern(r"[ \t>*#\-]*\Z")  # only indentation or list/quote markup before it
# “ after the punctuation that ends quoted words, with no ” left on its line: it ends the open
# quotation, turned round ("…we did, “the paper quotes him."), rather than opening another.
_TURNED_CLOSING = compile_pattern(r"[,.!?] “[^”\n]*(?:\n|\Z)")


def _find_unbalanced(doc, context):
    view = doc.view
    if "“" not in view and "”" not in view and "„" not in view:
        return
    walk = _Walk(view)
    for match in _BALANCE_MARKS.finditer(view):
        mark, pos = match.group(), match.start()
        if mark == "\n":
            walk.new_line(pos)
            continue
        first = walk.first_in_line
        walk.first_in_line = False
        if mark in "“„":
            yield from walk.opening(pos, first)
        else:
            yield from walk.closing(mark, pos, first)
        walk.seen_mark = True
    # A quotation still open at the end may go on past the excerpt: not certainly wrong.


class _Walk:
    """The state of one pass over a document's quotation marks."""

    def __init__(self, view: str):
        self.view = view
        self.stack: list[int] = []  # positions of open quotations (innermost last)
        self.stack_from_earlier_line = False
        self.seen_mark = False  # any quotation mark earlier in the document
        self.excerpt_closed = False  # a stray ” in the first line was taken to close the excerpt's start
        self.first_in_line = True
        self.line_start = 0

    def new_line(self, pos: int) -> None:
        self.line_start = pos + 1
        self.first_in_line = True
        self.stack_from_earlier_line = bool(self.stack)

    def opening(self, pos: int, first: bool):
        stack = self.stack
        if stack and _TURNED_CLOSING.match(self.view, pos - 2):
            stack.pop()  # `…you did, “KPRC-TV quotes him.`: a closing mark turned round (another rule's)
            return
        if not (stack and self.stack_from_earlier_line and first):
            stack.append(pos)
            return
        if _LINE_START.match(self.view, self.line_start, pos):
            stack[-1] = pos  # a continuation paragraph of a quotation that runs over several: it reopens
        else:
            # A new quotation starts mid-line while the earlier one was never closed (a straight
            # " may have been an inch sign: not certain).
            if self.view[stack[-1]] != '"':
                yield Hit(stack[-1], stack[-1] + 1, (), _UNCLOSED)
            self.stack = [pos]
        self.stack_from_earlier_line = False

    def closing(self, mark: str, pos: int, first: bool):
        view = self.view
        if self.stack:  # ” or " closes the innermost open quotation
            self.stack.pop()
        elif mark == "”" and pos and view[pos - 1].isdigit():
            pass  # nothing open: an inch or second sign
        elif mark == '"':
            self.stack.append(pos)  # "…” mixes styles, but pairs
        elif _OPENING_POSITION.match(view, pos):
            self.stack.append(pos)  # ”…” (Swedish, Finnish style): a wrong glyph, but it does open
        elif mark == "”" and not (first and not self.seen_mark) and not self._closes_excerpt_start():
            # Nothing is open. Only the very first mark of a document may close a quotation that
            # began before the excerpt (or the first stray one in its first line, after
            # quotations nested in it: `who “believe less”, rose to 20%,” she said`).
            yield Hit(pos, pos + 1, (), _STRAY_CLOSE)

    def _closes_excerpt_start(self) -> bool:
        """Does a stray ” in the first line close the quotation the excerpt began inside? Once,
        and only when the text does not itself open with a quotation mark."""
        if self.line_start or self.excerpt_closed or self.view.lstrip()[:1] in "“„\"":
            return False
        self.excerpt_closed = True
        return True


_UNCLOSED = (
    "This quotation mark opens a quotation that is never closed: a new quotation starts before "
    "any closing ”. Close it where the quoted words end."
)
_STRAY_CLOSE = (
    "This closing quotation mark ” closes nothing: no quotation is open before it. Either the "
    "opening “ was lost or the mark is left over."
)
