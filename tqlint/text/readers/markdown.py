"""Markdown through markdown-it-py (CommonMark + tables).

Prose: headings, paragraphs, list items, blockquotes, table cells, and the headline fields of the
front matter (title, summary, … configurable). Not prose: the rest of the front matter,
fenced and indented code, inline code, HTML blocks and tags, link destinations, images, autolinks.
markdown-it gives block line maps but no inline offsets, so each inline child is located in the
original text with a cursor that only moves forward; what cannot be located is left out of the
prose view rather than guessed.
"""

from __future__ import annotations

import functools
import re

from tqlint.text.document import Document, DocumentBuilder, LineIndex
from tqlint.text.readers.simple_markdown import simple_blocks

_FRONT_MATTER_FENCES = ("---", "+++")


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # start-up: markdown-it loads only for Markdown

    # text_join is disabled so escapes and entities stay separate tokens carrying their markup.
    # The core "inline" rule is run by read_markdown itself, one block at a time, so that only
    # one block's inline tokens are alive at once.
    return MarkdownIt("commonmark").enable("table").disable(["text_join", "inline"])


# A block longer than this (characters) is read as plain text: markdown-it's inline tokens take
# hundreds of bytes each, so a megabyte of emphasis marks or brackets would take gigabytes and
# minutes; no real paragraph comes near it.
HUGE_BLOCK = 200_000


def front_matter_end(text: str) -> int:
    """Offset just past a leading YAML/TOML front matter block, or 0 if there is none."""
    first_line_end = text.find("\n")
    if first_line_end < 0 or text[:first_line_end].rstrip("\r") not in _FRONT_MATTER_FENCES:
        return 0
    fence = text[:first_line_end].rstrip("\r")
    pos = first_line_end + 1
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].rstrip("\r")
        if line == fence or (fence == "---" and line == "..."):
            return min(len(text), line_end + 1)
        pos = line_end + 1
    return 0  # an unclosed fence is an ordinary thematic break, not front matter


# Front-matter fields whose values are prose readers see: the headline and its standfirst.
DEFAULT_FRONT_MATTER_KEYS = ("title", "subtitle", "summary", "description")
# `key: value` (YAML) or `key = value` (TOML) on one line; a quoted value is read inside its quotes.
_FIELD = re.compile(r"""^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#|>'"][^\r\n]*?))[ \t]*\r?$""",
                    re.MULTILINE)


def _front_matter_fields(builder: DocumentBuilder, text: str, end: int, keys) -> None:
    """The values of `keys` in the front matter as prose blocks of their own (single-line
    values; a block scalar is left alone)."""
    for match in _FIELD.finditer(text, 0, end):
        if match.group(1).lower() not in keys:
            continue
        group = next(g for g in (2, 3, 4) if match.group(g) is not None)
        start, stop = match.start(group), match.end(group)
        if start == stop:
            continue
        if "\\" in text[start:stop] or "''" in text[start:stop]:  # an escape: prose only as a whole
            value = text[start:stop].replace("''", "'") if group == 3 else _unescape(text[start:stop])
            builder.metadata(start, stop, value)
        else:
            builder.metadata(start, stop)


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": " ", "t": " "}.get(m.group(1), m.group(1)), value)


def _skip_destination(text: str, pos: int, limit: int) -> int:
    """`pos` is just past a link's "]": skip "(destination "title")" or "[label]"."""
    if pos < limit and text[pos] == "(":
        depth, quote = 0, None
        for i in range(pos, limit):
            ch = text[i]
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'" and depth == 1 and text[i - 1].isspace():
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
        return pos
    if pos < limit and text[pos] == "[":
        close = text.find("]", pos, limit)
        return close + 1 if close >= 0 else pos
    return pos


def _matching_bracket(text: str, pos: int, limit: int) -> int:
    """`pos` is at "["; return the offset just past its matching "]" (or -1)."""
    depth = 0
    i = pos
    while i < limit:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


class _InlineWalker:
    def __init__(self, text: str, builder: DocumentBuilder):
        self.text = text
        self.builder = builder
        self.cursor = 0

    def walk(self, children, region_start: int, region_end: int) -> None:
        self.cursor = max(self.cursor, region_start)
        in_autolink = False
        for child in children:
            kind = child.type
            if in_autolink:
                if kind == "link_close":
                    in_autolink = False
                continue
            handler = getattr(self, "_" + kind, None)
            if handler is not None:
                in_autolink = bool(handler(child, region_end))
            elif child.markup:  # emphasis, strikethrough…: markup that is not prose
                self._skip(child.markup, region_end)
        self.builder.block_break(region_end)

    def _find(self, needle: str, limit: int) -> int:
        return self.text.find(needle, self.cursor, limit) if needle else -1

    def _skip(self, needle: str, limit: int) -> int:
        pos = self._find(needle, limit)
        if pos >= 0:
            self.cursor = pos + len(needle)
        return pos

    def _text(self, token, limit):
        pos = self._find(token.content, limit)
        if pos >= 0:
            self.builder.copy(pos, pos + len(token.content))
            self.cursor = pos + len(token.content)
        elif "|" in token.content:  # a table cell: markdown-it has unescaped its "\|"
            self._escaped_pipes(token.content, limit)

    def _escaped_pipes(self, content, limit):
        pos = self._find(content.replace("|", "\\|"), limit)
        if pos < 0:
            return
        for i, part in enumerate(content.split("|")):
            if i:
                self.builder.copy(pos + 1, pos + 2)  # the "|", its backslash left out
                pos += 2
            self.builder.copy(pos, pos + len(part))
            pos += len(part)
        self.cursor = pos

    def _text_special(self, token, limit):
        pos = self._find(token.markup, limit)
        if pos >= 0:
            self.builder.decoded(pos, pos + len(token.markup), token.content)
            self.cursor = pos + len(token.markup)

    def _softbreak(self, token, limit):
        pos = self._find("\n", limit)
        if pos >= 0:
            self.builder.copy(pos, pos + 1)
            self.cursor = pos + 1

    _hardbreak = _softbreak

    def _code_inline(self, token, limit):
        opening = self._find(token.markup, limit)
        if opening < 0:
            return
        closing = self.text.find(token.markup, opening + len(token.markup), limit)
        end = closing + len(token.markup) if closing >= 0 else opening + len(token.markup)
        self.builder.placeholder(opening, end)
        self.cursor = end

    def _html_inline(self, token, limit):
        self._skip(token.content, limit)

    def _image(self, token, limit):
        """The image is a placeholder; its alt text, which readers of a screen reader hear and
        everyone sees when the image fails, is prose of its own."""
        pos = self._find("![", limit)
        if pos < 0:
            return
        close = _matching_bracket(self.text, pos + 1, limit)
        end = _skip_destination(self.text, close, limit) if close >= 0 else pos + 2
        self.builder.placeholder(pos, pos + 2)
        if close > pos + 3:
            self.builder.metadata(pos + 2, close - 1)
        self.builder.placeholder(max(pos + 2, close - 1), end)
        self.cursor = end

    def _link_open(self, token, limit):
        if token.markup == "autolink":
            pos = self._find("<", limit)
            if pos >= 0:
                close = self.text.find(">", pos, limit)
                end = close + 1 if close >= 0 else pos + 1
                self.builder.placeholder(pos, end)
                self.cursor = end
            return True
        self._skip("[", limit)
        return False

    def _link_close(self, token, limit):
        pos = self._find("]", limit)
        if pos >= 0:
            self.cursor = _skip_destination(self.text, pos + 1, limit)


def read_markdown(text: str, front_matter_keys=DEFAULT_FRONT_MATTER_KEYS) -> Document:
    builder = DocumentBuilder(text, "markdown")
    body_start = front_matter_end(text)
    if body_start and front_matter_keys:
        _front_matter_fields(builder, text, body_start, {key.lower() for key in front_matter_keys})
    # Blank out the front matter but keep its lines, so markdown-it's line maps stay true.
    parsed = "\n" * text.count("\n", 0, body_start) + text[body_start:]
    lines = LineIndex(text)
    starts = lines._starts
    walker = _InlineWalker(text, builder)
    simple = simple_blocks(parsed) if len(parsed) <= HUGE_BLOCK else None
    blocks = _markdown_it_blocks(parsed) if simple is None else (("inline", *block) for block in simple)
    for kind, first, last, content, children in blocks:
        region_start = starts[first] if first < len(starts) else len(text)
        region_end = starts[last] if last < len(starts) else len(text)
        if kind == "html_block":  # a figure caption or a note in raw HTML is prose too
            if region_start >= walker.cursor:
                from tqlint.text.readers.html import collect_html  # start-up: html.parser only for HTML in Markdown

                builder.block_break(region_start)
                collect_html(builder, text, region_start, region_end)
                builder.block_break(region_end)
                walker.cursor = region_end
            continue
        if len(content) > HUGE_BLOCK:
            builder.copy(max(region_start, walker.cursor), region_end)
            builder.block_break(region_end)
            walker.cursor = max(walker.cursor, region_end)
            continue
        children = children() if callable(children) else children
        if children:
            walker.walk(children, region_start, region_end)
    return builder.build()


def _markdown_it_blocks(parsed: str):
    """(kind, first line, line after the last, content, inline tokens or a function giving
    them) of each inline and HTML block, as markdown-it parses `parsed`. Each block's inline
    tokens are made only when asked for, so only one block's are alive at once."""
    md, env = _parser(), dict[str, object]()

    def inline(content: str):
        children: list = []
        md.inline.parse(content, md, env, children)
        return children

    for token in md.parse(parsed, env):
        if token.type in ("inline", "html_block") and token.map:
            yield token.type, token.map[0], token.map[1], token.content, lambda content=token.content: inline(content)
