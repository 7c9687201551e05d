"""`glossary`: the desk's term list (`glossary:` in .tqlint.yaml, CSV or TBX), both ways.

`direction: source` (the default): where a source term stands in the source, its English term
must stand in the translation; a forbidden variant there is replaced by the English term (the
fix the desk's list makes certain). `direction: target`: an English term of the list whose
source term the aligned source does not have (the word may translate something else).
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.bilingual.glossary import Glossary, english_pattern, inline_terms
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import pairs
from tqlint.kinds.textcase import match_case

NEEDS_SOURCE = True
OPTIONS = {
    "direction": "`source` (a source term's English term is there; default) or `target` (an English term's source term is there)",
    "terms": "terms of the rule itself, besides the config's `glossary:`: [{source:, target:, forbidden: [...], language:}]",
}
REQUIRED = ()


def has_fix(options: dict) -> bool:
    return options.get("direction", "source") == "source"


def compile(options: dict, rule) -> Callable:
    direction = options.get("direction", "source")
    if direction not in ("source", "target"):
        raise RuleError("`direction` must be `source` or `target`", "direction")
    try:
        own = Glossary(inline_terms(options.get("terms", []))) if options.get("terms") else None
    except ValueError as exc:
        raise RuleError(str(exc), "terms") from None

    def find(doc, context):
        desk = getattr(context, "glossary", None)
        language = doc.bitext.language
        terms = (desk.for_language(language) if desk else ()) + (own.for_language(language) if own else ())
        compiled = [(t, t.source_pattern(), english_pattern(t.target), [english_pattern(f) for f in t.forbidden]) for t in terms]
        for pair in pairs(doc):
            for term, source_pattern, target_pattern, forbidden in compiled:
                in_source = source_pattern.search(pair.source)
                if direction == "target":
                    found = target_pattern.search(pair.target)
                    if found and not in_source and not source_pattern.search(doc.bitext.source_of(pair.paragraph)):
                        yield Hit(pair.target_offset + found.start(), pair.target_offset + found.end(),
                                  message=f"The glossary's {term.target!r} translates {term.source!r}, which the source does not have here.",
                                  source=(pair.link.source_start, pair.link.source_end))
                    continue
                if in_source and not target_pattern.search(pair.target):
                    yield _hit(pair, term, in_source, forbidden)

    return find


def _hit(pair, term, in_source, forbidden) -> Hit:
    source = (pair.source_offset + in_source.start(), pair.source_offset + in_source.end())
    for pattern in forbidden:
        wrong = pattern.search(pair.target)
        if wrong:
            message = f"The desk's glossary renders {term.source!r} as {term.target!r}, not {wrong.group()!r}."
            replacement = match_case(wrong.group(), term.target)
            return Hit.replace(pair.target_offset + wrong.start(), pair.target_offset + wrong.end(), (replacement,), message,
                               source=source)
    return Hit(pair.link.target_start, pair.link.target_end, source=source,
               message=f"The desk's glossary renders {term.source!r} as {term.target!r}; this translation does not use it.")
