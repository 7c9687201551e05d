"""`source-numbers`: every number of the source appears in the translation, with its unit.

Numbers are compared as values (tqlint.bilingual.numbers): 2,5 in a German source is the 2.5 of
the English, 4 mld. is 4 billion, 1.5亿 is 150 million. Dates and clock times are left to
`source-dates` (a month written as a number is no number of the English). Where a link has
exactly one source number the English lacks and one English number the source lacks, the second
is the first mistranslated: the fix writes the source's value in its place. With `added: true`
the rule reports the English numbers the source does not have instead.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.bilingual.dates import SourceMonths, agree, english_dates, source_dates
from tqlint.bilingual.implied import Implied, is_year
from tqlint.bilingual.numbers import (
    ENGLISH_SCALES,
    NumberTables,
    Quantity,
    english_idioms,
    english_number,
    english_quantities,
    found_in,
    in_code,
    source_quantities,
    units_agree,
)
from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import flag, mapping, number, pairs

NEEDS_SOURCE = True
OPTIONS = {
    "locales": "per source language: `decimal` mark and `group` marks ('.', ',', ' ')",
    "scales": "words after a number that multiply it (any language; regex → factor): `Mio\\.: 1000000`",
    "units": "canonical unit → the ways it is written in any language (regexes): `EUR: [€, euro\\w*, евро]`",
    "added": "report English numbers the source does not have, instead of source numbers the English lacks (default false)",
    "skip-values": "values never reported alone, without a scale and without a unit or with one of `counted-units` "
                   "(default [1]: 'a', 'one', 'single', 'an hour')",
    "counted-units": "units English counts in words (a man, an hour, one day): a skip value with one is left alone",
    "english-words": "English words and idioms for a number (regex → value, [values] or {value, unit}: said only of "
                     "a number with that unit): `tripled: 3`, `around the clock: {value: 24, unit: h}`",
    "conversions": "units a translator converts, unit → {unit: factor}, either way round: `jin: {kg: 0.5}`",
    "words": "with `added`: source words that are numbers (regex → value): `сутки: 24`",
    "relative-years": "with `added`: source phrases for a year relative to the article (regexes): an English year is "
                      "then no addition",
    "added-min-value": "with `added`: whole numbers below this are left alone, as are round tens up to 100, "
                       "ordinals, decades and ages: sources write them in words (default 21)",
    "era-words": "with `added`: words naming an era (a regex: period|dynasty|shogunate); a year range in brackets "
                 "right after one, the Edo period (1603–1867), glosses the era the source names and is left "
                 "alone (default none)",
}
REQUIRED = ("locales", "scales", "units")
_PLAIN_DIGITS = compile_pattern(r"\d+(?:[.,]\d+)*")
_NO_MONTHS = SourceMonths({})


def has_fix(options: dict) -> bool:
    return not options.get("added", False)


def _tables(options: dict) -> tuple[NumberTables, Implied]:
    try:
        tables = NumberTables.from_options(mapping(options, "locales"), mapping(options, "scales"), mapping(options, "units"),
                                           mapping(options, "conversions"), mapping(options, "english-words"))
    except ValueError as exc:
        raise RuleError(str(exc), "english-words" if exc.args[0].startswith("English") else
                        next((k for k in ("locale", "conversion", "unit") if k in str(exc)), "scale") + "s") from None
    relative = options.get("relative-years", [])
    if not isinstance(relative, list):
        raise RuleError("`relative-years` must list regular expressions", "relative-years")
    try:
        return tables, Implied.from_options(mapping(options, "words"), relative)
    except ValueError as exc:
        raise RuleError(str(exc), "words" if "word" in str(exc) else "relative-years") from None


def _alone_test(options: dict) -> _Alone:
    counted = options.get("counted-units", [])
    if not isinstance(counted, list) or not all(isinstance(u, str) for u in counted):
        raise RuleError("`counted-units` must list units", "counted-units")
    skip = options.get("skip-values", [1])
    if not isinstance(skip, list) or not all(isinstance(v, (int, float)) for v in skip):
        raise RuleError("`skip-values` must be a list of numbers", "skip-values")
    return _Alone(frozenset(float(v) for v in skip), frozenset(counted))


def compile(options: dict, rule) -> Callable:
    tables, implied = _tables(options)
    alone = _alone_test(options)
    added = flag(options, "added", False)
    min_added = number(options, "added-min-value", 21)
    era_gloss = _era_gloss(options)

    def find(doc, context):
        language = doc.bitext.language
        for pair in pairs(doc):
            every_source = source_quantities(pair.source, language, tables)
            sources = _outside_dates(pair.source, language, every_source)
            targets = english_quantities(pair.target, tables)
            copied = {i: span for i, q in enumerate(sources) if (span := _copied(pair, q))}
            missing = [q for i, q in enumerate(sources) if not alone(q) and not in_code(pair.source, q)
                       and not found_in(q, targets, tables) and i not in copied]
            if missing and tables.idioms:  # (read only when needed: most sentences lack no number)
                said = english_idioms(pair.target, tables, targets)
                missing = [q for q in missing if not found_in(q, said, tables)]
            if added:
                every_source = every_source + implied.quantities(pair.source, language)
            extra = [t for t in _outside_times(pair.target, targets, source_dates(pair.source, language, _NO_MONTHS))
                     if t.digits and not alone(t) and not any(found_in(s, [t], tables) for s in every_source)
                     and not any(start < t.end and t.start < end for start, end in copied.values())]
            if added:  # those the source may spell in words (twelve, the 8th, 80-year-old, the nineties), and codes
                extra = [t for t in extra if not _maybe_words(pair.target, t, min_added) and not _in_source_code(doc, pair, t)
                         and not (is_year(t) and implied.says_year(pair.source))]
                if extra and era_gloss is not None:
                    extra = _outside_era_glosses(pair.target, extra, era_gloss)
            if missing or extra:
                missing, extra = _outside_link(doc, pair, missing, extra, language, tables, implied if added else None)
            if added:
                if not (len(missing) == 1 and len(extra) == 1 and _compatible(missing[0], extra[0])):
                    yield from (_added_hit(pair, t) for t in extra)  # (one for one: number-missing reports it, with a fix)
                continue
            yield from _missing_hits(pair, missing, extra)
            yield from _unit_hits(pair, sources, targets)

    return find


def _era_gloss(options: dict):
    """The pattern of a bracketed year range after an era word (`era-words`), or None."""
    words = options.get("era-words")
    if words is None:
        return None
    if not isinstance(words, str) or not words:
        raise RuleError("`era-words` must be a regular expression", "era-words")
    year = r"(?:c\.\s*)?\d{3,4}(?:\s*(?:BCE?|AD|CE))?"
    try:
        return compile_pattern(rf"(?i:\b(?:{words}))\s+\(\s*(?:r\.\s*)?{year}\s*(?:[-–—]|to)\s*{year}\s*\)")
    except regex.error as exc:
        raise RuleError(f"invalid regular expression in `era-words`: {exc}", "era-words") from None


def _outside_era_glosses(text: str, extra: list[Quantity], pattern) -> list[Quantity]:
    """The added numbers that are not the years of a range glossing a named era: "the Edo period
    (1603–1867)" for a source that names only the era."""
    glosses = [m.span() for m in pattern.finditer(text)]
    return [t for t in extra if not any(start <= t.start < end for start, end in glosses)] if glosses else extra


_DECADE_OR_AGE = compile_pattern(r"'?s\b|-?\s?years?-old|\s(?:year|years)\s+old|-year\b")


def _maybe_words(text: str, quantity: Quantity, min_value: float) -> bool:
    """An English number the source may well write in words, or a code: small numbers, round
    tens, ordinals, decades (1990s), ages (80-year-old), and digits glued to a code (COVID-19)."""
    values = quantity.bare
    if all(v == int(v) and (v < min_value or (v <= 100 and v % 10 == 0)) for v in values):
        return True
    ordinal = text[max(0, quantity.number_end - 2):quantity.number_end].lower() in ("st", "nd", "rd", "th")
    if ordinal or _DECADE_OR_AGE.match(text, quantity.number_end):
        return True
    return quantity.start >= 2 and text[quantity.start - 1] == "-" and text[quantity.start - 2].isalpha()


class _Alone:
    """A value like 1 without a scale word, and without a unit or with one English counts in
    words: English writes it as 'a', 'one', 'a man', 'an hour'."""

    def __init__(self, skipped: frozenset, counted: frozenset):
        self.skipped, self.counted = skipped, counted

    def __call__(self, quantity: Quantity) -> bool:
        return ((quantity.unit is None or quantity.unit in self.counted) and quantity.multiplier == 1.0
                and any(v in self.skipped for v in quantity.values))


def _outside_dates(text: str, language: str | None, quantities: list[Quantity]) -> list[Quantity]:
    """The numbers that are not part of a date or a time (`source-dates` checks those: a month
    written as a number is no number of the English)."""
    dates = source_dates(text, language, _NO_MONTHS)
    return [q for q in quantities if not any(d.start <= q.start < d.end for d in dates)]


def _outside_times(text: str, quantities: list[Quantity], dates) -> list[Quantity]:
    """The numbers that are not part of a clock time (3 p.m. is the source's 15:00), nor of a
    date the source has too (June 11, 2021 for 2021.6.11; `source-dates` compares those)."""
    times = [d for d in english_dates(text) if not d.count and (d.hour is not None or any(agree(d, s) for s in dates))]
    return [q for q in quantities if not any(d.start <= q.start < d.end for d in times)]


def _outside_link(doc, pair, missing, extra, language, tables, implied):
    """What is still unmatched once the whole paragraph is looked at (the aligner may have cut
    a sentence differently from the translator)."""
    paragraph = pair.paragraph
    if paragraph == pair.link:
        return missing, extra
    text = doc.view[paragraph.target_start:paragraph.target_end]
    wider_target = english_quantities(text, tables)
    if missing and tables.idioms:
        wider_target += english_idioms(text, tables, wider_target)
    source = doc.bitext.source_of(paragraph)
    wider_source = source_quantities(source, language, tables) + (implied.quantities(source, language) if implied else [])
    return ([q for q in missing if not found_in(q, wider_target, tables)],
            [t for t in extra if not any(found_in(s, [t], tables) for s in wider_source)])


_SPACED_DIGITS = compile_pattern(r"\d[ \u00a0\u202f]\d")


def _copied(pair, quantity: Quantity) -> tuple[int, int] | None:
    """Where the translation copies, as it stands, a number the source writes in spaced groups
    (a phone number, "729 725 522"): however either side reads the groups, the number is there."""
    written = pair.source[quantity.start:quantity.number_end or quantity.end].strip()
    at = pair.target.find(written) if _SPACED_DIGITS.search(written) else -1
    return (at, at + len(written)) if at != -1 else None


def _in_source_code(doc, pair, quantity: Quantity) -> bool:
    """The English number is written, digit for digit, inside a link or code that the source's
    prose view masks (an identifier in a URL the translation spaced out): copied, not added.
    Only where the masked view lacks it, so a copy whose reading differs ('1.200') still counts."""
    written = pair.target[quantity.start:quantity.number_end or quantity.end].strip()
    if sum(c.isdigit() for c in written) < 3 or _bounded(pair.source, written):
        return False
    source = doc.bitext.source
    raw = source.text[source.to_source_start(pair.link.source_start):source.to_source_end(pair.link.source_end)]
    return _bounded(raw, written)


def _bounded(text: str, written: str) -> bool:
    """`written` occurs in `text` with no digit right before or after it."""
    at = text.find(written)
    while at != -1:
        if not text[at - 1:at].isdigit() and not text[at + len(written):at + len(written) + 1].isdigit():
            return True
        at = text.find(written, at + 1)
    return False


def _written(pair, quantity: Quantity) -> str:
    return pair.source[quantity.start:quantity.end].strip()


def _missing_hits(pair, missing: list[Quantity], extra: list[Quantity]):
    if len(missing) == 1 and len(extra) == 1 and _compatible(missing[0], extra[0]):
        yield _mistranslated(pair, missing[0], extra[0])
        return
    if not missing:
        return
    # One finding for the sentence, naming every number it lacks (its source span covers them all).
    shown = [f"{_written(pair, q)!r} ({_english(q)})" for q in missing]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    message = f"The source has {listed}; this translation has {'no such number' if len(shown) == 1 else 'none of them'}."
    yield Hit(pair.link.target_start, pair.link.target_end, message=message,
              source=(_source_span(pair, missing[0])[0], _source_span(pair, missing[-1])[1]))


def _compatible(source: Quantity, target: Quantity) -> bool:
    return units_agree(source.unit, target.unit)


def _english(quantity: Quantity) -> str:
    """The quantity as English writes it: 2.5; 1,000 or 1; 1.5 billion."""
    word = ENGLISH_SCALES.get(quantity.multiplier)
    values = sorted(quantity.bare if word else quantity.values)
    shown = " or ".join(english_number(v, quantity.decimals if v != int(v) else 0) for v in values[-2:])
    return f"{shown} {word}" if word else shown


def _source_span(pair, quantity: Quantity) -> tuple[int, int]:
    return pair.source_offset + quantity.start, pair.source_offset + quantity.end


def _mistranslated(pair, source: Quantity, target: Quantity) -> Hit:
    """One number for another: the fix writes the source's value (only where the source's
    writing has one reading, and the English number is plain digits)."""
    start = pair.target_offset + target.start
    shown = _written(pair, source)
    written = pair.target[target.start:target.end].strip()
    message = f"The source has {shown!r} ({_english(source)}) where this translation has {written!r}."
    edit = _fix(pair.target, source, target)
    if edit is None:
        return Hit(start, pair.target_offset + target.end, message=message, source=_source_span(pair, source))
    fix_start, fix_end, replacement = edit
    return Hit(start, pair.target_offset + target.end,
               ((Edit(pair.target_offset + fix_start, pair.target_offset + fix_end, replacement),),),
               message, source=_source_span(pair, source))


def _fix(text: str, source: Quantity, target: Quantity) -> tuple[int, int, str] | None:
    """(start, end, replacement) in `text`: the scale word where only it is wrong (4 million for
    4 mld.), else the digits; None where the value cannot be written plainly there."""
    digits = _PLAIN_DIGITS.match(text, target.start)
    if len(source.values) != 1 or not digits:
        return None
    value = next(iter(source.values))
    same_digits = any(abs(b - s) < 1e-9 for b in target.bare for s in source.bare)
    if target.multiplier != 1.0 and same_digits and source.multiplier in ENGLISH_SCALES:
        spaces = text[target.number_end:target.scale_end]
        leading = spaces[:len(spaces) - len(spaces.lstrip())]
        return target.number_end, target.scale_end, leading + ENGLISH_SCALES[source.multiplier]
    value /= target.multiplier  # 1.53 million for the 1,53 Mio. of the source
    if value < 1 or round(value, 3) != value:
        return None
    grouped = "," in digits.group() or value >= 10_000
    return target.start, digits.end(), english_number(value, source.decimals if value != int(value) else 0, grouped)


def _added_hit(pair, target: Quantity) -> Hit:
    written = pair.target[target.start:target.end].strip()
    return Hit(pair.target_offset + target.start, pair.target_offset + target.end,
               message=f"{written!r} is not in the source: a number the translation added or got wrong.",
               source=(pair.link.source_start, pair.link.source_end))


def _unit_hits(pair, sources: list[Quantity], targets: list[Quantity]):
    """A number carried over with another unit or currency (20 € as $20): every number of the
    source with its value has a unit, and none is the English one's."""
    for target in targets:
        if target.unit is None:
            continue
        same_value = [s for s in sources if s.matches(target)]
        if same_value and all(s.unit is not None and not units_agree(s.unit, target.unit) for s in same_value):
            source = same_value[0]
            yield Hit(pair.target_offset + target.start, pair.target_offset + target.end,
                      message=f"The source has {_written(pair, source)!r} ({source.unit}); this translation has "
                              f"{pair.target[target.start:target.end].strip()!r} ({target.unit}).",
                      source=_source_span(pair, source))
