"""LSP positions ⇄ tqlint offsets.

tqlint counts code points from the start of the text (Python str indices). LSP counts lines and,
within a line, units of the negotiated position encoding: UTF-16 code units by default, UTF-8
bytes or UTF-32 code units (= code points) where both sides agree. An emoji is one code point,
two UTF-16 units and four UTF-8 bytes; CJK is one, one and three; a combining mark is a code
point of its own in all three.

LSP lines end at '\\n', '\\r\\n' or '\\r' (and nowhere else: not at U+2028 or form feed, where
str.splitlines would split). A column past the end of its line means the end of the line; one
inside a character (half a surrogate pair, a byte in the middle of a UTF-8 sequence) means the
start of that character.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def choose_encoding(offered: Sequence[str] | None) -> str:
    """The position encoding to use: code points (UTF-32) where the client offers them, as they
    need no conversion, then UTF-8, else UTF-16, which every client must support."""
    offered = tuple(offered or ())
    for encoding in (UTF32, UTF8):
        if encoding in offered:
            return encoding
    return UTF16


def _char_units(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == UTF16:
        return 2 if code > 0xFFFF else 1
    if encoding == UTF8:
        # Lone surrogates (possible in a str decoded from JSON) count as their 3-byte form.
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 1


def units(text: str, encoding: str) -> int:
    """How many units of `encoding` the text is."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def index_for_units(line: str, column: int, encoding: str) -> int:
    """The code-point index in `line` that `column` units of `encoding` reach (see module doc)."""
    if column <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(column, len(line))
    counted = 0
    for index, char in enumerate(line):
        counted += _char_units(char, encoding)
        if counted > column:
            return index
    return len(line)


class LineMap:
    """Where each LSP line starts and ends in a text, found once; converts both ways."""

    def __init__(self, text: str):
        self.text = text
        self._starts = [0]
        self._ends = []  # where each line's content ends (its line break excluded)
        for match in _LINE_BREAK.finditer(text):
            self._ends.append(match.start())
            self._starts.append(match.end())
        self._ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_text(self, line: int) -> str:
        return self.text[self._starts[line]:self._ends[line]]

    def line_end(self, line: int) -> int:
        """The offset where the line's content ends (before its line break)."""
        return self._ends[line]

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """(line, character), both 0-based, of a code-point offset. An offset inside a '\\r\\n'
        pair counts as the end of its line."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        column_end = min(offset, self._ends[line])
        return line, units(self.text[start:column_end], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The code-point offset of an LSP position; a line past the end means the end of the text."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start = self._starts[line]
        return start + index_for_units(self.text[start:self._ends[line]], character, encoding)


def apply_change(text: str, start: tuple[int, int] | None, end: tuple[int, int] | None,
                 new_text: str, encoding: str = UTF16) -> tuple[str, int, int]:
    """`text` with the range start..end (LSP positions; None: the whole text) replaced by
    `new_text`, as a textDocument/didChange event describes it. Returns the new text and the
    code-point span [first, last) of the old text that was replaced."""
    if start is None or end is None:
        return new_text, 0, len(text)
    lines = LineMap(text)
    first, last = lines.offset(*start, encoding), lines.offset(*end, encoding)
    first, last = min(first, last), max(first, last)
    return text[:first] + new_text + text[last:], first, last
