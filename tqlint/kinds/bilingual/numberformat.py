"""`source-number-format`: a count the source groups in thousands, written in the English with
the source's dot (144.613 for the source's 144 613 or 144.613).

A monolingual rule cannot tell 144.613 from a decimal with three places; the source can. The
English number is reported when some source number of the same sentence is its grouped reading
and none is its decimal one; the fix writes the English grouping (144,613). Numbers with two or
more dot groups (1.250.000) are `en-news/dotted-millions`' without a source.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from tqlint.bilingual.numbers import NumberTables, source_quantities
from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import mapping, pairs

NEEDS_SOURCE = True
OPTIONS = {
    "locales": "per source language: `decimal` mark and `group` marks ('.', ',', ' '), as `source-numbers` reads them",
}
REQUIRED = ("locales",)
# One dot group after one to three digits, with no digit, mark or letter glued to either end
# (not 1.250.000, 3.14.2, v2.100 or 10.500,25).
_DOTTED = compile_pattern(r"(?<![\w.,])([1-9]\d{0,2})\.(\d{3})(?![\w]|[.,]\d)")
# A version, section or standard number keeps its dot in any language (version 2.100, ISO 9.001).
_LABEL_BEFORE = compile_pattern(r"(?i:\b(?:version|ver|v|release|update|build|firmware|patch|chapter|section|article|"
                                r"paragraph|clause|no|nr|number|iso|din|en|iec)\.?\s*$)")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    try:
        tables = NumberTables.from_options(mapping(options, "locales"), {}, {})
    except ValueError as exc:
        raise RuleError(str(exc), "locales") from None

    def find(doc, context):
        language = doc.bitext.language
        for pair in pairs(doc):
            if "." not in pair.target:
                continue
            dotted = list(_DOTTED.finditer(pair.target))
            if not dotted:
                continue
            sources = source_quantities(pair.source, language, tables)
            for match in dotted:
                if _LABEL_BEFORE.search(pair.target, max(0, match.start() - 12), match.start()):
                    continue
                grouped = float(match.group(1) + match.group(2))
                decimal = float(match.group(1) + "." + match.group(2))
                # (no source span on the hit: `en-news/dotted-thousands` flags some of these too, with
                # the same edit, and the engine keeps one of two such findings only when neither
                # names a stretch of the source)
                if any(_among(grouped, q.bare) for q in sources) and not any(_among(decimal, q.bare) for q in sources):
                    written = f"{match.group(1)},{match.group(2)}"
                    yield Hit.replace(pair.target_offset + match.start(), pair.target_offset + match.end(), (written,),
                                      f"'{match.group()}' groups thousands with a dot, as the source does: "
                                      f"English writes '{written}'.")

    return find


def _among(value: float, values) -> bool:
    return any(math.isclose(value, v, rel_tol=1e-9, abs_tol=1e-9) for v in values)
