"""A Document is the original text plus a *prose view*: the words a reader sees, with markup,
code and URLs taken out, and a map from every view offset back to the original text.

Rules only ever see the prose view; the engine maps their spans and edits back, so every offset
a user sees points into the file as it is on disk. An edit is mapped only where the original text
under it is exactly the prose it replaces, so a fix can never eat a hidden URL or a code span.
"""

from __future__ import annotations

import bisect
import functools
import re

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.text.sentences import split_sentences

# What a piece of the view is made of.
COPY = 0  # copied verbatim from the original
DECODED = 1  # an entity or escape, decoded; editable only as a whole
PLACEHOLDER = 2  # stands for code, an image or a URL; never editable
BREAK = 3  # a block boundary the original does not spell out; never editable

PLACEHOLDER_CHAR = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: not a word character, not punctuation
BLOCK_BREAK = "\n\n"

# Bare URLs, e-mail addresses and domain names are not prose in any reader.
# (CJK and fullwidth punctuation ends one: "https://example.com/p/1，或搜索" is a link and a Chinese clause.)
_CJK_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
URL_RE = compile_pattern(
    rf"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”{_CJK_PUNCTUATION}]*[^\s<>\"“”.,;:!?)\]'’{_CJK_PUNCTUATION}]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    rf"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|co\.uk|eu|ro|fr|de|es|it|cn)\b(?:/[^\s<>\"{_CJK_PUNCTUATION}]*[\w/])?",
    regex.IGNORECASE,
)
# Each alternative of URL_RE needs one of these; each starts with a literal, which the regex
# module finds at memchr speed, where URL_RE itself tries every word start (20x slower).
_URL_HINTS = (
    compile_pattern(r"\.(?:com|org|net|gov|edu|io|co\.uk|eu|ro|fr|de|es|it|cn)\b", regex.IGNORECASE),
    compile_pattern(r"www\.", regex.IGNORECASE),
)


def _may_hold_url(chunk: str) -> bool:
    return "@" in chunk or "://" in chunk or ("." in chunk and any(h.search(chunk) for h in _URL_HINTS))


_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Offset → 1-based (line, column), built once per text with a bisect over line starts."""

    def __init__(self, text: str):
        starts = [0]
        if "\r" in text:  # a lone CR ends a line too (old Mac files; markdown-it counts it so)
            starts += [m.end() for m in _LINE_BREAK.finditer(text)]
        else:
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end offsets (end excludes the newline) of a 1-based line."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else None
        return start, end if end is not None else -1

    def line_count(self) -> int:
        return len(self._starts)


class DocumentBuilder:
    """Collects prose pieces in reading order; readers call it, then `build()`."""

    def __init__(self, text: str, syntax: str):
        self.text = text
        self.syntax = syntax
        self._parts: list[str] = []
        self._view_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int] = []
        self._kinds: list[int] = []
        self._length = 0
        self._metadata: list[tuple[int, int]] = []

    def _add(self, value: str, orig_start: int, orig_end: int, kind: int) -> None:
        if not value:
            return
        self._parts.append(value)
        self._view_starts.append(self._length)
        self._orig_starts.append(orig_start)
        self._orig_ends.append(orig_end)
        self._kinds.append(kind)
        self._length += len(value)

    def copy(self, start: int, end: int) -> None:
        """Add text[start:end] as prose, with URLs inside it replaced by placeholders."""
        if start >= end:
            return
        chunk = self.text[start:end]
        cursor = 0
        if _may_hold_url(chunk):  # most prose holds no URL: skip the costly scan
            for match in URL_RE.finditer(chunk):
                self._add(chunk[cursor:match.start()], start + cursor, start + match.start(), COPY)
                self.placeholder(start + match.start(), start + match.end())
                cursor = match.end()
        self._add(chunk[cursor:], start + cursor, end, COPY)

    @property
    def length(self) -> int:
        """The view's length so far (where the next piece will start)."""
        return self._length

    def decoded(self, start: int, end: int, value: str) -> None:
        self._add(value, start, end, DECODED)

    def placeholder(self, start: int, end: int) -> None:
        self._add(PLACEHOLDER_CHAR, start, end, PLACEHOLDER)

    def metadata(self, start: int, end: int, value: str | None = None) -> None:
        """A headline field (front matter, <title>, alt text) as a block of its own: prose to
        check, but not a paragraph of the article (a page repeats its title in its heading)."""
        self.block_break(start)
        view_start = self._length
        if value is None:
            self.copy(start, end)
        else:
            self.decoded(start, end, value)
        if self._length > view_start:
            self._metadata.append((view_start, self._length))
        self.block_break(end)

    def block_break(self, at: int) -> None:
        if self._parts and not self._parts[-1].endswith(BLOCK_BREAK):
            self._add(BLOCK_BREAK, at, at, BREAK)

    def build(self) -> Document:
        return Document(
            self.text, self.syntax, "".join(self._parts), self._view_starts, self._orig_starts,
            self._orig_ends, self._kinds, tuple(self._metadata),
        )


class Document:
    """The original `text`, its prose `view`, and the mapping between them."""

    def __init__(self, text, syntax, view, view_starts, orig_starts, orig_ends, kinds, metadata=()):
        self.text = text
        self.syntax = syntax  # the file's markup: markdown, html or text
        self.view = view
        self._view_starts = view_starts
        self._orig_starts = orig_starts
        self._orig_ends = orig_ends
        self._kinds = kinds
        # View spans of headline fields (front matter, <title>, alt text): prose, not paragraphs.
        self.metadata: tuple[tuple[int, int], ...] = metadata
        # The source-language text this document translates (a tqlint.text.bitext.Bitext), when
        # it is at hand; rules that need it are skipped without it.
        self.bitext = None

    @functools.cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @functools.cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) view offsets of each sentence, computed once and shared by all rules."""
        return tuple(split_sentences(self.view))

    def _piece_at(self, offset: int) -> int:
        return bisect.bisect_right(self._view_starts, offset) - 1

    def _piece_end(self, index: int) -> int:
        if index + 1 < len(self._view_starts):
            return self._view_starts[index + 1]
        return len(self.view)

    def to_source_start(self, offset: int) -> int:
        if not self._view_starts:
            return 0
        if offset >= len(self.view):
            return self._orig_ends[-1]
        i = self._piece_at(offset)
        if self._kinds[i] == COPY:
            return self._orig_starts[i] + offset - self._view_starts[i]
        return self._orig_starts[i]

    def to_source_end(self, offset: int) -> int:
        if not self._view_starts:
            return 0
        if offset <= 0:
            return self._orig_starts[0]
        i = self._piece_at(offset - 1)
        if self._kinds[i] == COPY:
            return self._orig_starts[i] + offset - self._view_starts[i]
        return self._orig_ends[i]

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        source_start = self.to_source_start(start)
        return source_start, max(source_start, self.to_source_end(end)) if end > start else source_start

    def to_source_edit(self, edit: Edit) -> Edit | None:
        """Map a view edit to the original, or None where the original under it is not plain
        prose (hidden markup, a placeholder, a partly covered entity, a block boundary)."""
        start, end = edit.start, edit.end
        if not self._view_starts:
            return None
        if start == end:
            if start > 0 and self._kinds[self._piece_at(start - 1)] == COPY:
                return Edit(self.to_source_end(start), self.to_source_end(start), edit.replacement)
            if start < len(self.view) and self._kinds[self._piece_at(start)] == COPY:
                return Edit(self.to_source_start(start), self.to_source_start(start), edit.replacement)
            return None
        starts = self._view_starts
        first = bisect.bisect_right(starts, start) - 1
        if first >= 0 and self._kinds[first] == COPY and end <= len(self.view) and (
                first + 1 == len(starts) or end <= starts[first + 1]):
            # Within one copied piece (most edits): the offset shift of that piece, as the general
            # path below would compute it with three more searches.
            shift = self._orig_starts[first] - starts[first]
            return Edit(start + shift, end + shift, edit.replacement)
        last = self._piece_at(end - 1)
        for i in range(first, last + 1):
            kind = self._kinds[i]
            if kind in (PLACEHOLDER, BREAK):
                return None
            if kind == DECODED and (start > self._view_starts[i] or end < self._piece_end(i)):
                return None
            if i < last and self._orig_ends[i] != self._orig_starts[i + 1]:
                return None
        return Edit(self.to_source_start(start), self.to_source_end(end), edit.replacement)

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding view `offset` ((0, 0) before the first one)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[i] if i >= 0 else (0, 0)


def plain_document(text: str, syntax: str = "text") -> Document:
    """The whole text is prose (URLs aside)."""
    builder = DocumentBuilder(text, syntax)
    builder.copy(0, len(text))
    return builder.build()
