"""Dates and clock times as fields (year, month, day, hour, minute), read from a source text in
its language (3 квітня, 3. April 2022, 2022年4月3日, Japanese 16日 "the 16th", 03.04.2022,
15:30, 15时30分) and from English (April 3, the 3rd of April, 3 April 2022, 3:30 p.m., noon).

Month names of the source languages come from the rule's YAML (stems, January first), so a
desk adds a language without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tqlint.bilingual.numbers import halfwidth

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
# 3.4.2022, 3. 4., 03.04.22 (not version 4.5... nor 4.5.6.7)
_DOTTED = regex.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.(?!\.)(?:\s?(?P<year>\d{4}|\d{2}))?(?![\d]|\.\d)")
# Written the European way in English too (03.04, 3.4.2022): read only to find a source's date.
_ENGLISH_DOTTED = regex.compile(r"(?<![\d.$€£])(?:(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4})"
                                r"|(?P<day2>[0-3]\d)\.(?P<month2>[01]\d)\.?)(?!\d|[.,]\d)")
# A score (16-32, 9–19): how English writes the source's 16:32.
_SCORE = regex.compile(r"(?<![\d.:/-])(?P<hour>[012]?\d)\s?[-–]\s?(?P<minute>[0-5]?\d)(?![\d.:/-])")
# 1 to 2 pm: the first hour is in the afternoon too.
_CLOCK_RANGE = regex.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?:-|–|to|until|till)\s*"
                             r"(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?P<ampm>[ap])\.?\s?m\b", regex.IGNORECASE)
_SLASHED = regex.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])")
# A day alone (16日) is a date, not a span of days (21日間, 2日で, 3日分); nor is the end of a
# longer number (365日, 156号). 号 is a day only after a month (5号 alone is "No. 5").
_CJK_DATE = regex.compile(r"(?<!\d)(?:(?P<year>\d{2,4})\s?年\s?)?(?:(?P<month>1[0-2]|0?[1-9])\s?月\s?)?"
                          r"(?:(?P<day>[0-3]?\d)\s?(?P<suffix>[日号])(?![間间分前後后以目連连ぶ]|で|から))?")
# Month first, as Chinese and Japanese write it with a slash (12/19(土)); a year first with dots
# or slashes (2021.6.11) in any language.
_CJK_SLASHED = regex.compile(r"(?<![\d/.])(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)(?![\d/]|\.\d)")
_YEAR_FIRST = regex.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?P<mark>[./])(?P<month>1[0-2]|0?[1-9])(?P=mark)(?P<day>[0-3]?\d)(?![\d.])")
_CJK_MONTH_RANGE = regex.compile(r"(?P<month>1[0-2]|0?[1-9])\s*[至到~～－—-]\s*(?:1[0-2]|0?[1-9])月")
_CLOCK = regex.compile(r"(?<![\d.:])(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)(?![\d:]|[.,]\d|\s*(?:%|percent))")
_CJK_CLOCK = regex.compile(r"(?:(?P<pm>下午|晚上|午后|午後|傍晚|夜)|(?P<am>上午|早上|午前|朝))?(?P<hour>[012]?\d)[时時点點](?![間间])"
                          r"(?:(?P<minute>[0-5]?\d)分|(?P<half>半))?")
# Japanese 点 counts things (3点セット, a three-piece set): its clock is 時 alone.
_JA_CLOCK = regex.compile(_CJK_CLOCK.pattern.replace("[时時点點]", "[時时]"))
_ENGLISH_CLOCK = regex.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
                               r"|\b(?P<hour2>1[0-2]|[1-9])\s+o'clock\b|\b(?P<noon>noon|midday|midnight)\b", regex.IGNORECASE)
_YEAR = regex.compile(r"(?<![\d.,])(?P<year>1[89]\d\d|20\d\d)(?![\d])")
# A span of days in English (3 days, 4-5 days, a day, daily): what a Chinese or Japanese day
# without a month may be (週3日, three days a week; あと2日, two days left).
_COUNTS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
_COUNT = r"\d{1,3}|" + "|".join(_COUNTS)
_DAYS = regex.compile(r"\b(?:(?:(?P<first>" + _COUNT + r")\s?(?:-|–|to|or)\s?)?(?P<count>" + _COUNT + r")[\s-]?days?\b"
                      r"|(?P<one>(?:an?|per|one|each)\s+day\b|daily))", regex.IGNORECASE)
# The other end of a range of days: December 9–10, 8 to 12 December.
_RANGE_AFTER = regex.compile(r"\s*(?:-|–|—|to|through|and)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,:]?\d)")
_RANGE_BEFORE = regex.compile(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*$")
# Days English names rather than dates (the source's 25日 of December may be Christmas Day).
_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31),
             "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31), "fourth of july": (7, 4)}
_HOLIDAY = regex.compile(r"\b(?:" + "|".join(regex.escape(h).replace("'", "['’]") for h in _HOLIDAYS) + r")\b", regex.IGNORECASE)


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
    # A Chinese or Japanese day without a month (3日), which may be a number of days; in English,
    # a number of days (3 days), which only such a day may be.
    count: bool = False
    twelve_hours: bool = False  # an hour with no time of day (８時): 8 a.m. or 8 p.m.


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
    text = halfwidth(text)
    found: list[DateMention] = []
    pattern = months.pattern(language)
    if pattern is not None:
        for m in pattern.finditer(text):
            month = next(int(k[1:]) for k, v in m.groupdict().items() if k[0] == "m" and k[1:].isdigit() and v)
            found.append(DateMention(m.start(), m.end(), _int(m.group("year")), month, _int(m.group("day"))))
    found.extend(_cjk_dates(text, language))
    for m in _YEAR_FIRST.finditer(text):
        if 1 <= int(m.group("day")) <= 31:
            found.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    if language not in ("zh", "ja", "en"):
        for m in _DOTTED.finditer(text):
            if 1 <= int(m.group("month")) <= 12 and 1 <= int(m.group("day")) <= 31:
                found.append(DateMention(m.start(), m.end(), _year(m.group("year")), int(m.group("month")), int(m.group("day"))))
    found.extend(_times(text, (_CLOCK, _JA_CLOCK if language == "ja" else _CJK_CLOCK)))
    return _without_overlaps(found)


def _cjk_dates(text: str, language: str | None) -> list[DateMention]:
    """Dates written the Chinese and Japanese way: 2022年4月3日, 3月至6月, and (in those two
    languages) 12/19."""
    found = []
    for m in _CJK_DATE.finditer(text):
        day = m.group("day") if m.group("suffix") == "日" or m.group("month") else None
        if m.group() and (m.group("month") or day):
            found.append(DateMention(m.start(), m.end(), _int(m.group("year")), _int(m.group("month")), _int(day),
                                     count=not m.group("month")))
    for m in _CJK_MONTH_RANGE.finditer(text):
        found.append(DateMention(m.start(), m.start("month") + len(m.group("month")), month=int(m.group("month"))))
    if language in ("zh", "ja"):
        found.extend(DateMention(m.start(), m.end(), month=int(m.group("month")), day=int(m.group("day")))
                     for m in _CJK_SLASHED.finditer(text) if 1 <= int(m.group("day")) <= 31)
    return found


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
            unsure = pattern is not _CLOCK and not (m.group("pm") or m.group("am")) and hour <= 12
            if hour <= 24 and (minute_value is not None or pattern is not _CLOCK):
                found.append(DateMention(m.start(), m.end(), hour=hour, minute=minute_value, twelve_hours=unsure))
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
        if day is not None:
            found.extend(_range_end(text, start, end, month, day_after=start == m.start()))
    for m in _ENGLISH_ORDINAL_DAY.finditer(text):
        found.append(DateMention(m.start(), m.end(), day=int(m.group("day"))))
    for pattern in (_ISO, _YEAR_FIRST):  # 2021-03-31, 2021/3/31
        for m in pattern.finditer(text):
            found.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    for m in _SLASHED.finditer(text):  # US order, month first
        month, day = int(m.group("a")), int(m.group("b"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(DateMention(m.start(), m.end(), _year(m.group("year")), month, day))
    found.extend(_english_times(text))
    found.extend(DateMention(m.start(), m.end(), year=int(m.group("year"))) for m in _YEAR.finditer(text))
    return _without_overlaps(found) + _other_readings(text)


def _other_readings(text: str) -> list[DateMention]:
    """What else an English text may write for a source's date or time, overlapping the dates
    read above: holidays (Christmas Day), spans of days (3 days), 12/01 day first, dates with
    dots (18.01), scores (16-32), the first hour of a range (1 to 2 pm)."""
    found = []
    for m in _HOLIDAY.finditer(text):
        month, day = _HOLIDAYS[m.group().lower().replace("’", "'")]
        found.append(DateMention(m.start(), m.end(), month=month, day=day))
    for m in _DAYS.finditer(text):
        counts = [1] if m.group("one") else [_count(g) for g in (m.group("first"), m.group("count")) if g]
        found.extend(DateMention(m.start(), m.end(), day=n, count=True) for n in counts)
    for m in _SLASHED.finditer(text):
        day, month = int(m.group("a")), int(m.group("b"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(DateMention(m.start(), m.end(), _year(m.group("year")), month, day))
    for m in _ENGLISH_DOTTED.finditer(text):
        day, month = int(m.group("day") or m.group("day2")), int(m.group("month") or m.group("month2"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(DateMention(m.start(), m.end(), _int(m.group("year")), month, day))
    for m in _SCORE.finditer(text):
        found.append(DateMention(m.start(), m.end(), hour=int(m.group("hour")), minute=int(m.group("minute"))))
    for m in _CLOCK_RANGE.finditer(text):
        hour = int(m.group("hour")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
        found.append(DateMention(m.start(), m.end(), hour=hour, minute=_int(m.group("minute")) or 0))
    return found


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNTS[word.lower()]


def _range_end(text: str, start: int, end: int, month: int, day_after: bool) -> list[DateMention]:
    """The other day of a range around an English date (December 9–10, 8 to 12 December)."""
    after = _RANGE_AFTER.match(text, end) if day_after else None
    if after:
        return [DateMention(after.start("day"), after.end(), month=month, day=int(after.group("day")))]
    before = None if day_after else _RANGE_BEFORE.search(text[max(0, start - 12):start])
    if before:
        offset = max(0, start - 12)
        return [DateMention(offset + before.start(), offset + before.end(), month=month, day=int(before.group("day")))]
    return []


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
        if not any(_same(name, value, getattr(t, name), source.twelve_hours) for t in target if source.count or not t.count):
            missing.append(name)
    return missing


def _same(name: str, wanted: int, found: int | None, twelve_hours: bool = False) -> bool:
    if found is None:
        return False
    if name == "hour":
        return wanted % (12 if twelve_hours else 24) == found % (12 if twelve_hours else 24) or (wanted == 24 and found == 0)
    return wanted == found


def agree(english: DateMention, source: DateMention) -> bool:
    """Do two dates state some year, month or day alike and nothing unlike?"""
    shared = [name for name in ("year", "month", "day") if getattr(english, name) is not None and getattr(source, name) is not None]
    return bool(shared) and all(getattr(english, name) == getattr(source, name) for name in shared)
