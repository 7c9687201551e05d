"""Dates and clock times as fields (year, month, day, hour, minute), read from a source text in
its language (3 квітня, 3. April 2022, 2022年4月3日, Japanese 16日 "the 16th", 03.04.2022,
15:30, 15时30分) and from English (April 3, the 3rd of April, 3 April 2022, 3:30 p.m., noon).

Month names of the source languages come from the rule's YAML (stems, January first), so a
desk adds a language without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tqlint.bilingual.numbers import FULLWIDTH

ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")
_ENGLISH_MONTH = regex.compile(
    r"\b(?:(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)(?=\W|$)", regex.IGNORECASE)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ENGLISH_DAY_AFTER = regex.compile(r"\s*" + _DAY + r"\b(?!\s*(?:%|percent|per cent|million|billion|thousand|years?\b))")
_ENGLISH_DAY_BEFORE = regex.compile(r"\b" + _DAY + r"(?:\s+of)?\s*$")
_ENGLISH_ORDINAL_DAY = regex.compile(r"(?:\bthe\s+)?\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b")
_ISO = regex.compile(r"\b(?P<year>\d{4})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b")
_DOTTED = regex.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.(?:\s?(?P<year>\d{4}|\d{2}))?(?![\d])")
_SLASHED = regex.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])")
# A day alone (16日) is a date, not a span of days (21日間, 2日で, 3日分).
_CJK_DATE = regex.compile(r"(?:(?P<year>\d{2,4})年)?(?:(?P<month>1[0-2]|0?[1-9])月)?(?:(?P<day>[0-3]?\d)[日号](?![間间分前後后以目連连ぶ]|で|から))?")
_CJK_MONTH_RANGE = regex.compile(r"(?P<month>1[0-2]|0?[1-9])\s*[至到~～－—-]\s*(?:1[0-2]|0?[1-9])月")
_CLOCK = regex.compile(r"(?<![\d.:])(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)(?![\d:]|[.,]\d|\s*(?:%|percent))")
_CJK_CLOCK = regex.compile(r"(?P<pm>下午|晚上|午后|午後|傍晚|夜)?(?P<hour>[012]?\d)[时時点點](?![間间])(?:(?P<minute>[0-5]?\d)分|(?P<half>半))?")
_ENGLISH_CLOCK = regex.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
                               r"|\b(?P<hour2>1[0-2]|[1-9])\s+o'clock\b|\b(?P<noon>noon|midday|midnight)\b", regex.IGNORECASE)
_YEAR = regex.compile(r"(?<![\d.,])(?P<year>1[89]\d\d|20\d\d)(?![\d])")


@dataclass(frozen=True)
class DateMention:
    """A date or time in a text: the fields it states (None where it says nothing)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None


class SourceMonths:
    """Month names of the source languages: stems (regular expressions), January first (from the
    rule's YAML)."""

    def __init__(self, months: dict):
        self._patterns = {}
        for language, stems in months.items():
            if not isinstance(stems, list) or len(stems) != 12 or not all(isinstance(s, str) and s for s in stems):
                raise ValueError(f"`months` of {language!r} must list twelve month stems, January first")
            alternation = "|".join(f"(?P<m{i + 1}>{s})" for i, s in enumerate(stems))
            month = r"\b(?:" + alternation + r")\p{L}*\.?"
            year = r"(?P<year>\d{4})\b(?:\s*(?:г\.|р\.|roku|року|года|году))?"
            try:  # a month name counts with a day before it or a year after it ("mai" alone is Romanian "more")
                self._patterns[str(language)] = regex.compile(
                    rf"(?P<day>[0-3]?\d)\.?\s*{month}(?:\s+{year})?|{month}\s+{year}", regex.IGNORECASE)
            except regex.error as exc:
                raise ValueError(f"`months` of {language!r}: {exc}") from None

    def pattern(self, language: str | None):
        return self._patterns.get((language or "").lower())


def _int(value) -> int | None:
    return int(value) if value else None


def source_dates(text: str, language: str | None, months: SourceMonths) -> list[DateMention]:
    """Dates and times of a source text."""
    text = text.translate(FULLWIDTH)
    found: list[DateMention] = []
    pattern = months.pattern(language)
    if pattern is not None:
        for m in pattern.finditer(text):
            month = next(int(k[1:]) for k, v in m.groupdict().items() if k[0] == "m" and k[1:].isdigit() and v)
            found.append(DateMention(m.start(), m.end(), _int(m.group("year")), month, _int(m.group("day"))))
    for m in _CJK_DATE.finditer(text):
        if m.group() and (m.group("month") or m.group("day")):
            found.append(DateMention(m.start(), m.end(), _int(m.group("year")), _int(m.group("month")), _int(m.group("day"))))
    for m in _CJK_MONTH_RANGE.finditer(text):
        found.append(DateMention(m.start(), m.start("month") + len(m.group("month")), month=int(m.group("month"))))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    if language not in ("zh", "ja", "en"):
        for m in _DOTTED.finditer(text):
            if 1 <= int(m.group("month")) <= 12 and 1 <= int(m.group("day")) <= 31:
                found.append(DateMention(m.start(), m.end(), _year(m.group("year")), int(m.group("month")), int(m.group("day"))))
    found.extend(_times(text, (_CLOCK, _CJK_CLOCK)))
    return _without_overlaps(found)


def _year(value: str | None) -> int | None:
    if not value:
        return None
    year = int(value)
    return year + 2000 if year < 100 else year


def _times(text: str, patterns) -> list[DateMention]:
    found = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            hour = int(m.group("hour"))
            if m.groupdict().get("pm") and hour < 12:
                hour += 12
            minute = m.groupdict().get("minute")
            minute_value = 30 if m.groupdict().get("half") else int(minute) if minute else None
            if hour <= 24 and (minute_value is not None or pattern is not _CLOCK):
                found.append(DateMention(m.start(), m.end(), hour=hour, minute=minute_value))
    return found


def _fields(mention: DateMention) -> int:
    return sum(getattr(mention, name) is not None for name in ("year", "month", "day", "hour", "minute"))


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    """Where two mentions overlap, the one that states more wins (then the longer)."""
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and mention.start < kept[-1].end:
            if _fields(mention) > _fields(kept[-1]):
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def english_dates(text: str) -> list[DateMention]:
    """Dates and times of an English text."""
    found: list[DateMention] = []
    for m in _ENGLISH_MONTH.finditer(text):
        if m.group().lower() == "may" and not _looks_like_date(text, m):
            continue  # the verb
        month = next(i + 1 for i, name in enumerate(ENGLISH_MONTHS) if name.startswith(m.group("name").lower()[:3]))
        day, start, end = _english_day(text, m)
        year_match = _YEAR.match(text, end + (2 if text.startswith(", ", end) else 1)) if end < len(text) else None
        found.append(DateMention(start, year_match.end() if year_match else end, _int(year_match and year_match.group("year")),
                                 month, day))
    for m in _ENGLISH_ORDINAL_DAY.finditer(text):
        found.append(DateMention(m.start(), m.end(), day=int(m.group("day"))))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    for m in _SLASHED.finditer(text):  # US order, month first
        month, day = int(m.group("a")), int(m.group("b"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(DateMention(m.start(), m.end(), _year(m.group("year")), month, day))
    found.extend(_english_times(text))
    found.extend(DateMention(m.start(), m.end(), year=int(m.group("year"))) for m in _YEAR.finditer(text))
    return _without_overlaps(found)


def _looks_like_date(text: str, m) -> bool:
    return bool(_ENGLISH_DAY_AFTER.match(text, m.end()) or _ENGLISH_DAY_BEFORE.search(text[max(0, m.start() - 12):m.start()])
                or regex.match(r"\s+\d{4}\b", text[m.end():]))


def _english_day(text: str, m) -> tuple[int | None, int, int]:
    after = _ENGLISH_DAY_AFTER.match(text, m.end())
    if after and 1 <= int(after.group("day")) <= 31:
        return int(after.group("day")), m.start(), after.end()
    window = max(0, m.start() - 12)
    before = _ENGLISH_DAY_BEFORE.search(text[window:m.start()])
    if before and 1 <= int(before.group("day")) <= 31:
        return int(before.group("day")), window + before.start(), m.end()
    return None, m.start(), m.end()


def _english_times(text: str) -> list[DateMention]:
    found = []
    for m in _ENGLISH_CLOCK.finditer(text):
        if m.group("noon"):
            found.append(DateMention(m.start(), m.end(), hour=0 if m.group("noon").lower() == "midnight" else 12, minute=0))
            continue
        hour = int(m.group("hour") or m.group("hour2"))
        if m.group("ampm") and m.group("ampm").lower() == "p" and hour != 12:
            hour += 12
        elif m.group("ampm") and m.group("ampm").lower() == "a" and hour == 12:
            hour = 0
        found.append(DateMention(m.start(), m.end(), hour=hour, minute=_int(m.group("minute")) or 0))
    for m in _CLOCK.finditer(text):
        found.append(DateMention(m.start(), m.end(), hour=int(m.group("hour")), minute=int(m.group("minute"))))
    return found


def missing_fields(source: DateMention, target: list[DateMention]) -> list[str]:
    """The fields of a source date that no date of the target states alike: [] when the
    translation has it. A day alone (16日) is found in any target date with that day; an hour
    is found at the same time of day (15:30 = 3:30 p.m.)."""
    wanted = [(name, getattr(source, name)) for name in ("year", "month", "day", "hour", "minute")
              if getattr(source, name) is not None]
    if source.minute is not None and source.minute == 0 and source.hour is not None:
        wanted = [(n, v) for n, v in wanted if n != "minute"]
    missing = []
    for name, value in wanted:
        if not any(_same(name, value, getattr(t, name)) for t in target):
            missing.append(name)
    return missing


def _same(name: str, wanted: int, found: int | None) -> bool:
    if found is None:
        return False
    if name == "hour":
        return wanted % 24 == found % 24 or (wanted == 24 and found == 0)
    return wanted == found
