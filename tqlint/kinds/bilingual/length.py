"""`source-length`: what the translation left out or added, from lengths.

A source sentence the aligner found no translation for (an omission), a target sentence with no
source (an addition), and a translated sentence much shorter or longer than its source predicts:
the length model of the language pair (tqlint.text.lengths, learned from human translations)
says how many standard deviations off it is, and `threshold` how many are too many.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import flag, mapping, number
from tqlint.text import lengths
from tqlint.text.align import length_score
from tqlint.text.bitext import text_length

NEEDS_SOURCE = True
OPTIONS = {
    "check": "`omission` (the target is short, or missing) or `addition` (long, or without a source); default omission",
    "threshold": "standard deviations of the length model beyond which a sentence is reported (default 4)",
    "thresholds": "per source language, overriding `threshold` (`zh: 4.5`)",
    "min-source": "characters a source sentence needs before its length is judged (default 30)",
    "unaligned": "also report sentences the aligner paired with nothing (default true)",
}
REQUIRED = ()


def has_fix(options: dict) -> bool:
    return False


def compile(options: dict, rule) -> Callable:
    check = options.get("check", "omission")
    if check not in ("omission", "addition"):
        raise RuleError("`check` must be `omission` or `addition`", "check")
    threshold = number(options, "threshold", 4.0)
    per_language = {str(k): float(v) for k, v in mapping(options, "thresholds").items()}
    min_source = number(options, "min-source", 30)
    unaligned = flag(options, "unaligned", True)

    def find(doc, context):
        bitext = doc.bitext
        ratio, variance = lengths.model_for(bitext.language)
        limit = per_language.get(bitext.language or "", threshold)
        links = bitext.links
        for index, link in enumerate(links):
            if link.omitted or link.added:
                if unaligned:
                    yield from _unaligned(doc, links, index, check)
                continue
            source_length = text_length(bitext.source_of(link))
            if source_length < min_source:
                continue
            score = length_score(source_length, text_length(doc.view[link.target_start:link.target_end]), ratio, variance)
            if (check == "omission" and score < -limit) or (check == "addition" and score > limit):
                how = "shorter" if score < 0 else "longer"
                yield Hit(link.target_start, link.target_end, source=(link.source_start, link.source_end),
                          message=f"This sentence is far {how} than its source ({abs(score):.1f} standard deviations): "
                                  f"{'something may be missing' if score < 0 else 'something may have been added'}.")

    return find


def _unaligned(doc, links, index: int, check: str):
    link = links[index]
    if check == "addition" and link.added:
        yield Hit(link.target_start, link.target_end, message="This sentence has no counterpart in the source.")
    elif check == "omission" and link.omitted:
        # Shown on the neighbouring translated sentence: the omission sits next to it.
        neighbours = [other for other in links[index + 1:] + links[:index][::-1] if other.target_end > other.target_start]
        if neighbours:
            shown = doc.bitext.source_of(link)
            excerpt = shown if len(shown) <= 80 else shown[:77] + "…"
            yield Hit(neighbours[0].target_start, neighbours[0].target_end, source=(link.source_start, link.source_end),
                      message=f"The source's sentence {excerpt!r} has no translation here.")
