"""A translation next to its source: the source's own Document, its language, and which
stretch of the source each stretch of the target translates (links, in view offsets).

The engine hands it to rules as `doc.bitext` (None when there is no source); rule kinds that
need it declare NEEDS_SOURCE and are skipped without it. Links come either from the units of a
translation file or a dataset (already aligned) or from aligning two articles: paragraphs
first, then the sentences inside each aligned group of paragraphs (tqlint.text.align).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from tqlint.text import lengths
from tqlint.text.align import Bead, align
from tqlint.text.document import Document, DocumentBuilder
from tqlint.text.sentences import split_sentences

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
# Chinese and Japanese end sentences without a following space (or capital).
_CJK_END = regex.compile(r"[。！？!?]+[」』”’）)]*")
CJK_LANGUAGES = ("zh", "ja", "ko")


def text_length(text: str) -> int:
    """Characters that are not white space: the length the aligner compares."""
    return sum(1 for c in text if not c.isspace())


@dataclass(frozen=True)
class Link:
    """Target view span ↔ source view span; an empty side (start == end) has no counterpart
    there: a source stretch with an empty target was left out, a target stretch with an empty
    source was added."""

    target_start: int
    target_end: int
    source_start: int
    source_end: int

    @property
    def omitted(self) -> bool:
        return self.target_start == self.target_end and self.source_end > self.source_start

    @property
    def added(self) -> bool:
        return self.source_start == self.source_end and self.target_end > self.target_start


@dataclass
class Bitext:
    source: Document  # the source text's own document (its view, and offsets into its file)
    language: str | None  # the source language (ISO 639-1), when known
    links: tuple[Link, ...]  # sentence groups, in order
    paragraphs: tuple[Link, ...]  # paragraph groups (the units of a translation file), in order

    def source_of(self, link: Link) -> str:
        return self.source.view[link.source_start:link.source_end]

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [link.target_start for link in self.links]

    def link_at(self, offset: int) -> Link | None:
        """The link whose target holds view `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            link = self.links[i]
            if link.target_start <= offset < link.target_end:
                return link
            if link.target_end <= offset:
                return None
            i -= 1
        return None


def paragraph_spans(view: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of a view (block breaks separate them)."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(view):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(view)))
    return [s for s in (_trimmed(view, a, b) for a, b in spans) if s[1] > s[0]]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def source_sentences(view: str, start: int, end: int, language: str | None) -> list[tuple[int, int]]:
    """Sentences of view[start:end] in the source language (CJK ends sentences without a space)."""
    spans = [(start + a, start + b) for a, b in split_sentences(view[start:end])]
    if language not in CJK_LANGUAGES:
        return spans
    result = []
    for a, b in spans:
        cursor = a
        for match in _CJK_END.finditer(view, a, b):
            if match.end() < b:
                result.append(_trimmed(view, cursor, match.end()))
                cursor = match.end()
        result.append(_trimmed(view, cursor, b))
    return [s for s in result if s[1] > s[0]]


def _lengths(view: str, spans) -> list[int]:
    return [text_length(view[a:b]) for a, b in spans]


def _links(beads: list[Bead], targets, sources, target_floor: int, source_floor: int) -> list[Link]:
    """Beads over spans as links; an empty side sits where the previous piece ended."""
    links, target_at, source_at = [], target_floor, source_floor
    for bead in beads:
        t = (targets[bead.target[0]][0], targets[bead.target[-1]][1]) if bead.target else (target_at, target_at)
        s = (sources[bead.source[0]][0], sources[bead.source[-1]][1]) if bead.source else (source_at, source_at)
        links.append(Link(t[0], t[1], s[0], s[1]))
        target_at, source_at = t[1], s[1]
    return links


def align_documents(target: Document, source: Document, language: str | None) -> Bitext:
    """Align two articles: their paragraphs, then the sentences inside each aligned group."""
    ratio, variance = lengths.model_for(language)
    target_paragraphs, source_paragraphs = paragraph_spans(target.view), paragraph_spans(source.view)
    beads = align(_lengths(source.view, source_paragraphs), _lengths(target.view, target_paragraphs), ratio, variance)
    paragraphs = _links(beads, target_paragraphs, source_paragraphs, 0, 0)
    sentences: list[Link] = []
    for group in paragraphs:
        targets = [s for s in target.sentences if group.target_start <= s[0] < group.target_end]
        sources = source_sentences(source.view, group.source_start, group.source_end, language)
        inner = align(_lengths(source.view, sources), _lengths(target.view, targets), ratio, variance)
        sentences.extend(_links(inner, targets, sources, group.target_start, group.source_start))
    return Bitext(source, language, tuple(sentences), tuple(paragraphs))


def units_bitext(source: Document, language: str | None, units) -> Bitext:
    """A bitext whose links are given: `units` are (target start, target end, source start,
    source end) view spans, one per unit of a translation file or a dataset record."""
    links = tuple(Link(*unit) for unit in units)
    return Bitext(source, language, links, links)


def joined_document(parts, separator: str = "\n\n") -> tuple[Document, list[tuple[int, int]]]:
    """Plain texts joined by `separator` as one document, with each part's view span: the
    segments of a dataset or an evaluation file, linted as the paragraphs of one text."""
    text = separator.join(parts)
    builder = DocumentBuilder(text, "text")
    spans, at = [], 0
    for index, part in enumerate(parts):
        if index:
            builder.copy(at, at + len(separator))
            at += len(separator)
        start = builder.length
        builder.copy(at, at + len(part))
        spans.append((start, builder.length))
        at += len(part)
    return builder.build(), spans


def pair_segments(targets, sources, language: str | None, separator: str = "\n\n") -> Document:
    """Target segments as one document whose bitext links each to its source segment."""
    target, target_spans = joined_document(targets, separator)
    source, source_spans = joined_document(sources, separator)
    target.bitext = units_bitext(source, language, [(*t, *s) for t, s in zip(target_spans, source_spans)])
    return target
