"""Numbers as values: read in the source's locale (2,5 = 2.5 in German, 1.000 = 1000, 4 mld. =
4 billion, 1,5 Mio., Chinese 1.5亿 and 三万) and in English (2.5, 1,000, 4 billion, 150 million,
twenty-five, the 44th), so that a number can be looked for across the two languages.

The tables (decimal marks, scale words, units) come from the rule's YAML (rules/bilingual/);
`NumberTables.from_options` checks them. A quantity keeps every reading its writing allows: a
German `1.000` is 1000, and `1,000` in a text whose locale is unsure may be 1 or 1000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import regex

# Fullwidth digits and marks as ASCII (one code point for one, so offsets hold). The fullwidth
# comma is a mark of the number only between groups of three digits (１，０００); elsewhere it is
# the comma of a Chinese sentence (6666，8888 are two numbers; ，2020年 starts one).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_GROUPING_COMMA = regex.compile(r"(?<=(?<![\d.,])\d{1,3}(?:，\d{3})*)，(?=\d{3}(?!\d))")
_SPACES = " \u00a0\u202f\u2009"
# A number: digits with the marks that group or split them (no digit, point or comma glued
# before it); letters may touch it (2022年, 3万, 105х195, 5m). Spaces group digits only in threes
# ("1 000 000"), and only in the locales that group with a space.
_PLAIN = r"\d+(?:[.,]\d+)*"
_NUMBER = regex.compile(r"(?<![\d.,])" + _PLAIN + r"(?!\d)")
_NUMBER_SPACED = regex.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|" + _PLAIN + r")(?!\d)")
_ALPHABETIC = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{Greek}]")
_CHINESE_NUMERAL = regex.compile(r"[零〇一二两三四五六七八九十百千万亿億兆]{2,}|[一二两三四五六七八九十][万亿億]")
_CN_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
              "兆": 1_000_000_000_000}
_ENGLISH_WORDS: dict[str, float] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_ENGLISH_WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
_ENGLISH_WORDS.update({"once": 1, "twice": 2, "thrice": 3, "double": 2, "triple": 3, "half": 0.5,
                       "centenary": 100, "centennial": 100, "both": 2})
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ENGLISH_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ENGLISH_ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
# Twenty-five and thirty-first are one number; Double Twelve is twelve (a name for 12 December).
_WORD_NUMBER = regex.compile(
    r"\b(?:(?:" + _TENS + r")[- ](?:" + _UNITS + r")|"
    + "|".join(sorted(list(_ENGLISH_WORDS) + list(_ENGLISH_ORDINALS), key=len, reverse=True))
    + r"|dozen|a hundred|a thousand)\b", regex.IGNORECASE)
# "An hour", "a ton", "per kilogram": one of a unit, in words (the source's 1時間, 1トン, 1キロ).
_ONE_OF = regex.compile(r"\b(?:an?|per|each)(?=\s)", regex.IGNORECASE)
# A Chinese or Japanese "more than" between a number and its scale: 30余万, 100多万.
_CJK_APPROX = regex.compile(r"[余多几]+(?=[十百千万亿億萬])")
_ORDINAL_SUFFIX = regex.compile(r"\s?(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class Quantity:
    """A number in a text: its span, every value its writing may mean (the scale word applied),
    the canonical unit written next to it (%, EUR, km …) or None, and how it was written."""

    start: int
    end: int
    values: frozenset[float]
    unit: str | None = None
    digits: bool = True  # written with digits (not words)
    number_end: int = 0  # where the digits end (the scale word and unit come after)
    multiplier: float = 1.0  # the scale word's (million: 1e6)
    scale_end: int = 0  # where the scale word ends (number_end when there is none)
    decimals: int = 0  # digits after the decimal mark, as written
    parts: tuple[float, ...] = ()  # a number grouped with spaces (16 100): its groups, each a number too
    needs_unit: str | None = None  # an English idiom that says a number only with this unit (fully: 100 %)

    @property
    def bare(self) -> set[float]:
        """The values without the scale word."""
        return {v / self.multiplier for v in self.values}

    def matches(self, other: Quantity) -> bool:
        return any(_close(a, b) for a in self.values for b in other.values)


def units_agree(a: str | None, b: str | None) -> bool:
    """Two canonical units are one, or one of them may be the other (km|kg is km or kg)."""
    return a is None or b is None or bool(set(a.split("|")) & set(b.split("|")))


def found_in(quantity: Quantity, english: list[Quantity], tables: NumberTables | None = None) -> bool:
    """Is a source quantity among the English ones: its value; the groups of a number written
    with spaces, each on its own (16 100x185 may be 16 and 100); for a century (20世纪, XX век)
    a year or decade inside it (the 1960s); or its value converted to the English unit, as
    rounded as the English writes it (10斤 as 5 kg, 5 km as 3.1 miles)?"""
    if any(quantity.matches(t) and (t.needs_unit is None or (quantity.unit is not None and units_agree(quantity.unit, t.needs_unit)))
           for t in english):
        return True
    if quantity.parts and all(any(_close(part, v) for t in english for v in t.values) for part in quantity.parts):
        return True
    if quantity.unit == "century" and len(quantity.values) == 1:
        century = next(iter(quantity.values))
        return any(t.digits and (century - 1) * 100 <= v < century * 100 for t in english for v in t.values)
    conversions = tables.conversions.get(quantity.unit or "", {}) if tables is not None else {}
    return any(_roughly(value * factor, v, t.decimals)
               for unit, factor in conversions.items() for t in english if t.unit and unit in t.unit.split("|")
               for value in quantity.values for v in t.values)


def _roughly(exact: float, written: float, decimals: int) -> bool:
    """Is `written` `exact` rounded as a writer rounds it (to the decimals shown, or within 2%)?"""
    return abs(exact - written) <= max(0.5 * 10 ** -decimals, 0.02 * abs(exact))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclass(frozen=True)
class Locale:
    decimal: str  # "," or "."
    group: str  # the marks that group thousands: ".", ",", " " (any space), or several


@dataclass
class NumberTables:
    locales: dict[str, Locale]
    scales: list[tuple[regex.Pattern, float]]  # words after a number that multiply it (any language)
    units: list[tuple[regex.Pattern, str]]  # forms (after, or before, a number) → canonical unit
    prefix_units: list[tuple[regex.Pattern, str]] = field(default_factory=list)
    # unit → {unit it is converted to: factor}, both ways round (jin → kg: 0.5, kg → jin: 2)
    conversions: dict[str, dict[str, float]] = field(default_factory=dict)
    # English words and idioms for a number (tripled: 3; around the clock: 24 h): form → values, unit
    idioms: list[tuple[regex.Pattern, frozenset[float], str | None]] = field(default_factory=list)

    @classmethod
    def from_options(cls, locales: dict, scales: dict, units: dict, conversions: dict | None = None,
                     idioms: dict | None = None) -> NumberTables:
        """The tables from a rule's options; a ValueError names what is wrong."""
        parsed_locales = {}
        for language, spec in locales.items():
            if not isinstance(spec, dict) or spec.get("decimal") not in (",", ".") or not isinstance(spec.get("group"), str):
                raise ValueError(f"locale {language!r} needs `decimal` ('.' or ',') and `group` (the marks that group thousands)")
            parsed_locales[str(language)] = Locale(spec["decimal"], spec["group"])
        parsed_scales = []
        for form, value in scales.items():
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"scale {form!r} must be a positive number")
            parsed_scales.append((_compile(form, "scale"), float(value)))
        parsed_units, prefixes = [], []
        for unit, forms in units.items():
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise ValueError(f"unit {unit!r} must list the ways it is written")
            for form in forms:
                parsed_units.append((_compile(form, "unit"), str(unit)))
                if not form[:1].isalnum():  # symbols (€, $, £) also stand before the number
                    prefixes.append((regex.compile(r"(?:" + form + r")[" + _SPACES + r"]?$"), str(unit)))
        return cls(parsed_locales, parsed_scales, parsed_units, prefixes, _conversions(conversions or {}, set(units)),
                   _idioms(idioms or {}, set(units)))

    def locale(self, language: str | None) -> Locale:
        return self.locales.get((language or "").lower()) or self.locales.get("en") or Locale(".", ",")


def _conversions(table: dict, units: set[str]) -> dict[str, dict[str, float]]:
    parsed: dict[str, dict[str, float]] = {}
    for unit, targets in table.items():
        if not isinstance(targets, dict):
            raise ValueError(f"conversion {unit!r} must map units to factors (`jin: {{kg: 0.5}}`)")
        for other, factor in targets.items():
            if unit not in units or other not in units:
                raise ValueError(f"conversion {unit!r} → {other!r}: both must be units of `units`")
            if not isinstance(factor, (int, float)) or isinstance(factor, bool) or factor <= 0:
                raise ValueError(f"conversion {unit!r} → {other!r} must be a positive number")
            parsed.setdefault(str(unit), {})[str(other)] = float(factor)
            parsed.setdefault(str(other), {})[str(unit)] = 1 / float(factor)
    return parsed


def _idioms(table: dict, units: set[str]) -> list[tuple[regex.Pattern, frozenset[float], str | None]]:
    """`form: 2`, `form: [2, 3]` or `form: {value: 100, unit: '%'}` (said only of a number with that unit)."""
    parsed = []
    for form, spec in table.items():
        value, unit = (spec.get("value"), spec.get("unit")) if isinstance(spec, dict) else (spec, None)
        values: list = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            raise ValueError(f"English number word {form!r} must give a number, a list of numbers or {{value, unit}}")
        if unit is not None and unit not in units:
            raise ValueError(f"English number word {form!r}: unit {unit!r} must be a unit of `units`")
        try:
            pattern = regex.compile(r"\b(?:" + str(form) + r")\b", regex.IGNORECASE)
        except regex.error as exc:
            raise ValueError(f"English number word {form!r} is not a valid regular expression: {exc}") from None
        parsed.append((pattern, frozenset(float(v) for v in values), unit))
    return parsed


def _compile(form, what: str) -> regex.Pattern:
    if not isinstance(form, str) or not form:
        raise ValueError(f"each {what} form must be a non-empty regular expression")
    try:
        # A form ends where a word would: no letter after it, nor a digit after a letter (5m2;
        # but 6万5000 is six ten-thousands and five thousand).
        return regex.compile(r"[" + _SPACES + r"]?-?(?:" + form + r")(?![\p{Latin}\p{Cyrillic}\p{Greek}])"
                             r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}.](?=\d))", regex.IGNORECASE)
    except regex.error as exc:
        raise ValueError(f"{what} {form!r} is not a valid regular expression: {exc}") from None


def readings(token: str, locale: Locale) -> tuple[set[float], int]:
    """The values a digit string may mean in `locale`, and the number of decimals it shows."""
    for space in _SPACES:
        token = token.replace(space, " ")
    if " " in token:
        return {float(token.replace(" ", ""))}, 0
    marks = [c for c in token if c in ".,"]
    if not marks:
        return {float(token)}, 0
    if len(set(marks)) == 2:  # both: the last one is the decimal mark
        decimal = marks[-1]
        group = "," if decimal == "." else "."
        whole, _, fraction = token.rpartition(decimal)
        return {float(whole.replace(group, "") + "." + fraction)}, len(fraction)
    mark = marks[0]
    parts = token.split(mark)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])
    if len(parts) > 2:
        return ({float("".join(parts))} if grouped else set()), 0
    as_decimal = float(parts[0] + "." + parts[1])
    as_group = float(parts[0] + parts[1])
    if mark == locale.decimal:
        # 1,000 in a German text is one, unless it was written the English way: both count.
        return ({as_decimal, as_group} if grouped else {as_decimal}), len(parts[1])
    if grouped:  # the locale's group mark, or an unusual one: 1.000 may still be one point zero
        return ({as_group} if mark in locale.group else {as_group, as_decimal}), 0
    return {as_decimal}, len(parts[1])  # 2.5 in a comma locale: a decimal all the same


def _after(text: str, end: int, table) -> tuple[str | float | None, int]:
    """The longest form of the table at `end` (万亿 before 万), the first of the table on a tie."""
    best: tuple[str | float | None, int] = (None, end)
    for pattern, value in table:
        match = pattern.match(text, end)
        if match and match.end() > best[1]:
            best = (value, match.end())
    return best


def _unit_before(text: str, start: int, tables: NumberTables) -> str | None:
    window = text[max(0, start - 6):start]
    for pattern, unit in tables.prefix_units:
        if pattern.search(window):
            return unit
    return None


def _quantity(text: str, start: int, number_end: int, values: set[float], decimals: int, tables: NumberTables,
              digits: bool = True, keep_bare: bool = False) -> Quantity:
    """The number at text[start:number_end] with the scale word and unit after it. `keep_bare`:
    the value without its scale word is a reading too (English "1.5 and 2 million")."""
    approximate = _CJK_APPROX.match(text, number_end)
    multiplier, scale_end = _after(text, approximate.end() if approximate else number_end, tables.scales)
    if multiplier is None:
        scale_end = number_end
    unit, unit_end = _after(text, scale_end, tables.units)
    end = scale_end
    if unit is None:
        unit = _unit_before(text, start, tables)
    else:
        end = unit_end
    scale = float(multiplier) if isinstance(multiplier, float) else 1.0
    scaled = {v * scale for v in values}
    return Quantity(start, end, frozenset(scaled | (values if keep_bare else set())), unit if isinstance(unit, str) else None,
                    digits, number_end, scale, scale_end, decimals)


def source_quantities(text: str, language: str | None, tables: NumberTables) -> list[Quantity]:
    """Every number of a source text, read in its language's locale."""
    normal = halfwidth(text, language)
    locale = tables.locale(language)
    found = []
    pattern = _NUMBER_SPACED if " " in locale.group else _NUMBER
    for match in pattern.finditer(normal):
        values, decimals = readings(match.group(), locale)
        if values:
            quantity = _quantity(normal, match.start(), match.end(), values, decimals, tables)
            if regex.search(r"\d[" + _SPACES + r"]\d", match.group()):
                quantity = replace(quantity, parts=tuple(float(p) for p in regex.split(r"[" + _SPACES + r"]", match.group())))
            found.append(quantity)
    if (language or "") in ("zh", "ja"):
        found.extend(_chinese_numerals(normal, tables, {(q.start, q.end) for q in found}))
        found = _cjk_compounds(sorted(found, key=lambda q: q.start))
    return sorted(found, key=lambda q: q.start)


def halfwidth(text: str, language: str | None = None) -> str:
    """`text` with fullwidth digits and marks as ASCII, the same length (and a Japanese decimal
    point written ・, 1・5メートル, as a point)."""
    text = _GROUPING_COMMA.sub(",", text).translate(FULLWIDTH)
    return _JA_POINT.sub(".", text) if language == "ja" else text


# 1・5メートル is 1.5 metres; 1・2月 is January and February, 3・4号 numbers three and four.
_JA_POINT = regex.compile(r"(?<=\d)・(?=\d+(?![\d.]|[月日年号回位番]))")


def _cjk_compounds(found: list[Quantity]) -> list[Quantity]:
    """6万5000 is 65,000 and 4億5000万 450 million: a number with a Chinese scale and the
    smaller number written right after it are one."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.multiplier >= 10_000 and previous.unit is None
                and quantity.start == previous.scale_end and len(previous.values) == 1 and len(quantity.values) == 1
                and next(iter(quantity.values)) < previous.multiplier):
            total = next(iter(previous.values)) + next(iter(quantity.values))
            merged[-1] = Quantity(previous.start, quantity.end, frozenset({total}), quantity.unit, previous.digits,
                                  previous.number_end, previous.multiplier, previous.scale_end)
            continue
        merged.append(quantity)
    return merged


def _chinese_numerals(text: str, tables: NumberTables, taken) -> list[Quantity]:
    """三万, 两千五百, 一百二十: written in characters (digits with 万/亿 after them are read as
    digits times a scale: 1.5亿)."""
    import cn2an  # optional (the bilingual extra), and slow to load: only for Chinese and Japanese sources

    found = []
    for match in _CHINESE_NUMERAL.finditer(text):
        chars = match.group().replace("億", "亿").replace("萬", "万")
        if set(chars) <= set(_CN_SCALES) - {"两"}:
            continue  # 千万 alone is "tens of millions", not a number
        if not set(chars) & set("十百千万亿兆〇零"):
            continue  # 一一 (one by one), 六一 (the first of June): digits in a row are no number
        try:
            value = float(cn2an.cn2an(chars, "normal"))
        except (ValueError, KeyError, TypeError):
            continue
        found.append(_quantity(text, match.start(), match.end(), {value}, 0, tables, digits=False))
    return found


def in_code(text: str, quantity: Quantity) -> bool:
    """Digits glued to letters before them (covid-19, WW2, V4): a code, which `source-names`
    checks, and which English may well write otherwise (the coronavirus)."""
    before = text[max(0, quantity.start - 2):quantity.start]
    return bool(before) and bool(_ALPHABETIC.match(before[-1]) or (before[-1] == "-" and _ALPHABETIC.match(before[:1])))


def english_quantities(text: str, tables: NumberTables) -> list[Quantity]:
    """Every number of an English text: digits (a decimal comma read as one), ordinals (44th),
    number words (twenty-five, a dozen), each with its scale word (1.5 million)."""
    found = _english_digits(text, tables)
    for match in _SPACED_AFTER_MONTH.finditer(text):
        for part in ("day", "number"):
            start, end = match.span(part)
            found.append(_quantity(text, start, end, {float(match.group(part))}, 0, tables, keep_bare=True))
    for match in _WORD_NUMBER.finditer(text):
        value = _word_value(match.group().lower())
        if value is not None:
            found.append(_quantity(text, match.start(), match.end(), {value}, 0, tables, digits=False, keep_bare=True))
    for match in _ONE_OF.finditer(text):
        unit, end = _after(text, match.end(), tables.units)
        if isinstance(unit, str):
            found.append(Quantity(match.start(), end, frozenset({1.0}), unit, False, match.end(), 1.0, match.end()))
    return sorted(found, key=lambda q: q.start)


def english_idioms(text: str, tables: NumberTables, quantities: list[Quantity]) -> list[Quantity]:
    """The numbers an English text says without writing them (the rule's table: tripled, a couple,
    around the clock; Roman numerals, Article XVII; decades in words, the eighties; "and two
    other" schools, three in all): read only for a source number the plain reading lacks."""
    found = [Quantity(m.start(), m.end(), values, None, False, m.end(), 1.0, m.end(), needs_unit=unit)
             for pattern, values, unit in tables.idioms for m in pattern.finditer(text)]
    for match in _ROMAN.finditer(text):
        value = _roman_value(match.group())
        if value:
            found.append(Quantity(match.start(), match.end(), frozenset({value}), None, False, match.end(), 1.0, match.end()))
    for match in _DECADE_WORD.finditer(text):
        tens = _ENGLISH_WORDS[match.group(1).lower() + "y"]
        found.append(Quantity(match.start(), match.end(), frozenset({tens, 1900 + tens}), None, False, match.end(), 1.0, match.end()))
    for quantity in quantities:
        if text.endswith("and ", 0, quantity.start) and _OTHER.match(text, quantity.end):
            found.append(replace(quantity, values=frozenset(v + 1 for v in quantity.values), digits=False))
    return found


# Roman numerals of two letters or more (a lone I, V or X is a word or a letter), strictly formed.
_ROMAN = regex.compile(r"\b(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")
_DECADE_WORD = regex.compile(r"\b(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b", regex.IGNORECASE)
_OTHER = regex.compile(r"\s+others?\b")
_ROMAN_LETTERS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(numeral: str) -> float:
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_LETTERS[letter]
        total += -value if following != " " and _ROMAN_LETTERS[following] > value else value
    return float(total)


def _english_digits(text: str, tables: NumberTables) -> list[Quantity]:
    """The numbers an English text writes in digits, each with every value it may stand for."""
    found = []
    for match in _NUMBER_SPACED.finditer(text):  # (30 000 is a number, however English it is)
        values, decimals = readings(match.group(), Locale(".", ","))
        if not values:
            continue
        number_end = match.end()
        if " " in match.group() and _MONTH_BEFORE.search(text, 0, match.start()):
            continue  # April 3 410 bodies: a day, then a number (the parts are read below)
        if text.startswith("s", number_end) and all(v == int(v) and 1000 <= v < 2100 and v % 10 == 0 for v in values):
            values |= {v % 100 for v in values}  # the 1980s are the source's 80年代
        elif _YEAR_DIGITS.fullmatch(match.group()):
            values |= {v % 100 for v in values}  # 1938 is the year the source writes 38 (v roce 38, 22年度)
        elif _PM.match(text, number_end) and all(v == int(v) and 1 <= v < 12 for v in values):
            values |= {v + 12 for v in values}  # 7 p.m. is the source's 19 Uhr
        suffix = _ORDINAL_SUFFIX.match(text, number_end)
        if suffix and suffix.start() == number_end:
            number_end = suffix.end()
        found.append(_quantity(text, match.start(), number_end, values, decimals, tables, keep_bare=True))
    return found


_YEAR_DIGITS = regex.compile(r"(?:19|20)\d\d")
_PM = regex.compile(r"\s?p\.?\s?m\b", regex.IGNORECASE)
_MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_BEFORE = regex.compile(_MONTH_NAMES + r"\s+$")
_SPACED_AFTER_MONTH = regex.compile(r"\b" + _MONTH_NAMES + r"\s+(?P<day>[0-3]?\d)[ \u00a0](?P<number>\d{3})\b")


def _word_value(words: str) -> float | None:
    words = words.lower()
    if words == "dozen":
        return 12.0
    if words.startswith("a "):
        return 100.0 if words.endswith("hundred") else 1000.0
    total = 0.0
    for part in regex.split(r"[- ]", words):
        value = _ENGLISH_WORDS.get(part, _ENGLISH_ORDINALS.get(part))
        if value is None:
            return None
        total += value
    return float(total)


ENGLISH_SCALES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}


def english_number(value: float, decimals: int = 0, grouped: bool = True) -> str:
    """`value` as English writes it: a decimal point, thousands grouped with commas."""
    if decimals:
        return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    if value == int(value):
        return f"{int(value):,}" if grouped else str(int(value))
    text = repr(value)
    return text if "e" not in text else f"{value:f}"
