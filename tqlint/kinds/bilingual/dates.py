"""`source-dates`: the day, month, year and clock time of each date of the source are in the
translation (3 квітня = April 3; a Japanese 16日 is "the 16th"; 15:30 = 3:30 p.m.).

Where the English has one month name the source's date does not and lacks the source's month,
the fix writes the source's month in its place.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.bilingual.dates import ENGLISH_MONTHS, DateMention, SourceMonths, english_dates, missing_fields, source_dates
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import mapping, pairs

NEEDS_SOURCE = True
OPTIONS = {
    "months": "per source language: twelve month stems, January first (`de: [Jan, Feb, März, …]`)",
    "fields": "which fields must agree: any of year, month, day, hour, minute (default all)",
}
REQUIRED = ("months",)
_FIELDS = ("year", "month", "day", "hour", "minute")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    try:
        months = SourceMonths(mapping(options, "months"))
    except ValueError as exc:
        raise RuleError(str(exc), "months") from None
    fields = options.get("fields", list(_FIELDS))
    if not isinstance(fields, list) or not fields or any(f not in _FIELDS for f in fields):
        raise RuleError(f"`fields` must list some of {', '.join(_FIELDS)}", "fields")
    wanted = frozenset(fields)

    def find(doc, context):
        for pair in pairs(doc):
            english = english_dates(pair.target)
            wrong = []
            for date in source_dates(pair.source, doc.bitext.language, months):
                missing = [f for f in missing_fields(date, english) if f in wanted]
                if missing:
                    wider = english_dates(doc.view[pair.paragraph.target_start:pair.paragraph.target_end])
                    missing = [f for f in missing if f in missing_fields(date, wider)]
                if missing:
                    wrong.append((date, missing))
            hits = [_hit(pair, date, missing, english) for date, missing in wrong]
            yield from _one_per_span(hits)

    return find


def _one_per_span(hits: list[Hit]):
    """Dates a sentence lacks, each shown where it can be fixed; those that can only be shown on
    the whole sentence make one finding together (their messages joined, their source spans
    covered)."""
    whole = [h for h in hits if not h.fixes]
    yield from (h for h in hits if h.fixes)
    if whole:
        source = (min(h.source[0] for h in whole if h.source), max(h.source[1] for h in whole if h.source))
        yield Hit(whole[0].start, whole[0].end, message=" ".join(h.message or "" for h in whole), source=source)


def _describe(date: DateMention, fields) -> str:
    parts = []
    for name in fields:
        value = getattr(date, name)
        parts.append(f"month {ENGLISH_MONTHS[value - 1].capitalize()}" if name == "month" else f"{name} {value}")
    return ", ".join(parts)


def _hit(pair, date: DateMention, missing: list[str], english: list[DateMention]) -> Hit:
    written = pair.source[date.start:date.end].strip()
    message = f"The source's date {written!r} has {_describe(date, missing)}; this translation does not."
    source = (pair.source_offset + date.start, pair.source_offset + date.end)
    if missing == ["month"]:
        wrong = [d for d in english if d.month is not None and d.month != date.month]
        if len(wrong) == 1:
            month_span = _month_word(pair.target, wrong[0])
            if month_span is not None:
                start, end = (pair.target_offset + month_span[0], pair.target_offset + month_span[1])
                name = ENGLISH_MONTHS[date.month - 1].capitalize() if date.month else ""
                return Hit.replace(start, end, (name,), message, source=source)
    start, end = pair.link.target_start, pair.link.target_end
    return Hit(start, end, message=message, source=source)


def _month_word(text: str, date: DateMention) -> tuple[int, int] | None:
    """The full month name inside an English date (abbreviations are left to a person)."""
    lowered = text[date.start:date.end].lower()
    for name in ENGLISH_MONTHS:
        at = lowered.find(name)
        if at >= 0:
            return date.start + at, date.start + at + len(name)
    return None
