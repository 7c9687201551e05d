"""HTML: text nodes are prose; tags, comments, script and style are not. Entities are decoded
in the view and map back to the whole entity in the file."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from tqlint.document import Document, DocumentBuilder, LineIndex

# Tags whose boundaries end a paragraph for sentence splitting.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead title tr ul""".split()
)
# <title> is metadata, like Markdown front matter, and pages repeat it in their <h1>.
_SKIPPED_TAGS = frozenset(("script", "style", "template", "noscript", "code", "pre", "svg", "math", "title"))


class _ProseCollector(HTMLParser):
    def __init__(self, builder: DocumentBuilder, lines: LineIndex):
        super().__init__(convert_charrefs=False)
        self._builder = builder
        self._line_starts = lines._starts
        self._skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # "<![" without a name: CPython's parser raises; skip it as markup
            return i + 3

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())

    def handle_data(self, data):
        if self._skip_depth:
            return
        start = self._offset()
        # getpos() points at the start of this chunk; the chunk is the original text verbatim.
        if self._builder.text.startswith(data, start):
            self._builder.copy(start, start + len(data))

    def _reference(self, raw: str):
        if self._skip_depth:
            return
        start = self._offset()
        if self._builder.text.startswith(raw, start):
            self._builder.decoded(start, start + len(raw), html.unescape(raw))

    def handle_entityref(self, name):
        raw = f"&{name};"
        start = self._offset()
        if not self._builder.text.startswith(raw, start):
            raw = f"&{name}"
        self._reference(raw)

    def handle_charref(self, name):
        raw = f"&#{name};"
        start = self._offset()
        if not self._builder.text.startswith(raw, start):
            raw = f"&#{name}"
        self._reference(raw)


def read_html(text: str) -> Document:
    builder = DocumentBuilder(text, "html")
    collector = _ProseCollector(builder, LineIndex(text))
    collector.feed(text)
    collector.close()
    return builder.build()
