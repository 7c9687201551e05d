"""Bilingual rule kinds: each compares the target (the document) with its source
(`doc.bitext`), link by link, and says what the English does not carry over. They declare
NEEDS_SOURCE, so the engine runs them only on documents that have a source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tqlint.bilingual.names import Transliterator
from tqlint.kinds import RuleError
from tqlint.text.bitext import Link


@dataclass(frozen=True)
class Pair:
    """One aligned stretch: the link, its target and source text, and the paragraph around it
    (a number a translator moved to the next sentence is still in the paragraph)."""

    link: Link
    target: str
    source: str
    paragraph: Link

    @property
    def target_offset(self) -> int:
        return self.link.target_start

    @property
    def source_offset(self) -> int:
        return self.link.source_start


def pairs(doc) -> Iterator[Pair]:
    """Every link that has text on both sides, with its paragraph."""
    bitext = doc.bitext
    paragraphs = bitext.paragraphs
    p = 0
    for link in bitext.links:
        while p + 1 < len(paragraphs) and paragraphs[p].target_end <= link.target_start and paragraphs[p].source_end <= link.source_start:
            p += 1
        if link.target_end > link.target_start and link.source_end > link.source_start:
            yield Pair(link, doc.view[link.target_start:link.target_end], bitext.source_of(link),
                       paragraphs[p] if paragraphs else link)


def mapping(options: dict, key: str, default=None) -> dict:
    value = options.get(key, default)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RuleError(f"`{key}` must be a mapping", key)
    return value


def flag(options: dict, key: str, default: bool) -> bool:
    value = options.get(key, default)
    if not isinstance(value, bool):
        raise RuleError(f"`{key}` must be true or false", key)
    return value


def number(options: dict, key: str, default: float) -> float:
    value = options.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise RuleError(f"`{key}` must be a number of at least 0", key)
    return float(value)


def transliterator_from(options: dict) -> Transliterator:
    """The rule's `transliteration` and `exonyms` options as one Transliterator (a RuleError
    naming the option when they are malformed)."""
    try:
        return Transliterator(mapping(options, "transliteration"), mapping(options, "exonyms"))
    except ValueError as exc:
        raise RuleError(str(exc), "transliteration") from None
