"""HTML: text nodes are prose; tags, comments, script and style are not. Entities are decoded
in the view and map back to the whole entity in the file."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from tqlint.text.document import Document, DocumentBuilder, LineIndex

# Tags whose boundaries end a paragraph for sentence splitting.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead title tr ul""".split()
)
# Elements without an end tag: a lang attribute on them has no text to cover.
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A page's <title> is prose: it is the headline readers see in search results and tabs, and a
# machine translation's mistakes there are the first a reader meets.
_SKIPPED_TAGS = frozenset(("script", "style", "template", "noscript", "code", "pre", "svg", "math"))
# Attributes a reader sees as text: image descriptions and tooltips.
_PROSE_ATTRIBUTES = ("alt", "title")
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


class _ProseCollector(HTMLParser):
    """Feeds the text nodes of `text[base:]` (what is fed to it) to the builder, in order."""

    def __init__(self, builder: DocumentBuilder, lines: LineIndex, base: int = 0):
        super().__init__(convert_charrefs=False)
        self._builder = builder
        self._line_starts = lines._starts
        self._base = base
        self._skip_depth = 0
        # Elements marked as another language (<p lang="es">, an embedded post quoted in the
        # original): their text is not the article's English and is not linted. Each entry is
        # [tag, nested same-name tags still open], so the right end tag closes it.
        self._foreign: list[list] = []
        self._in_title = False  # inside <title>: the page's headline, a metadata block

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._base + self._line_starts[line - 1] + column

    @property
    def _skipping(self) -> bool:
        return bool(self._skip_depth or self._foreign)

    def _track_language(self, tag: str, attrs) -> None:
        if self._foreign and self._foreign[-1][0] == tag:
            self._foreign[-1][1] += 1
            return
        language = next((value for name, value in attrs if name in ("lang", "xml:lang") and value), None)
        if language and not language.strip().lower().startswith("en"):
            self._foreign.append([tag, 0])

    def _close_language(self, tag: str) -> None:
        if self._foreign and self._foreign[-1][0] == tag:
            if self._foreign[-1][1]:
                self._foreign[-1][1] -= 1
            else:
                self._foreign.pop()

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # "<![" without a name: CPython's parser raises; skip it as markup
            return i + 3

    def handle_starttag(self, tag, attrs):
        self._in_title = self._in_title or tag == "title"
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        if tag not in _VOID_TAGS:
            self._track_language(tag, attrs)
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())
        self._attributes(attrs)

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())
        self._attributes(attrs)

    def _attributes(self, attrs) -> None:
        """alt and title values as prose blocks of their own, mapped to where they stand."""
        if self._skipping or not any(name in _PROSE_ATTRIBUTES and value for name, value in attrs):
            return
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if not self._builder.text.startswith(raw, start):
            return
        for match in _ATTRIBUTE.finditer(raw):
            if match.group(1).lower() not in _PROSE_ATTRIBUTES:
                continue
            group = next(g for g in (2, 3, 4) if match.group(g) is not None)
            value_start, value_end = start + match.start(group), start + match.end(group)
            if value_start == value_end:
                continue
            value = self._builder.text[value_start:value_end]
            # an entity: the value is prose only as a whole
            self._builder.metadata(value_start, value_end, html.unescape(value) if "&" in value else None)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        self._close_language(tag)
        if tag in _BLOCK_TAGS:
            self._builder.block_break(self._offset())

    def handle_data(self, data):
        if self._skipping:
            return
        start = self._offset()
        # getpos() points at the start of this chunk; the chunk is the original text verbatim.
        if not self._builder.text.startswith(data, start):
            return
        if self._in_title:
            self._builder.metadata(start, start + len(data))
        else:
            self._builder.copy(start, start + len(data))

    def _reference(self, raw: str):
        if self._skipping:
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
    collect_html(builder, text, 0, len(text))
    return builder.build()


def collect_html(builder: DocumentBuilder, text: str, start: int, end: int) -> None:
    """The prose of the HTML in text[start:end] into `builder` (a whole page, or a raw HTML
    block inside Markdown), each piece mapped to its place in `text`."""
    chunk = text[start:end]
    collector = _ProseCollector(builder, LineIndex(chunk), base=start)
    collector.feed(chunk)
    collector.close()
