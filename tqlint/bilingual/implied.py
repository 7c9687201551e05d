"""Numbers a source implies without writing them in digits, which its English may well write in
digits: a word that is a number (Russian сутки, a day and a night, is 24 hours), a Chinese or
Japanese scale standing alone (万名, ten thousand people; 千亿, a hundred billion; 上千, a
thousand and more), and a year said relative to the article (今年, this year; loni, last year),
which a translator may state (2021). Read only to excuse an English number the source seems
to lack (`bilingual/number-added`); never required of the English.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tqlint.bilingual.numbers import Quantity

_CJK_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
               "兆": 1_000_000_000_000}
_BARE_SCALE = regex.compile(r"(?<![\d０-９零〇一二两兩三四五六七八九十百千万萬亿億兆.])[十百千万萬亿億兆]+(?![\d０-９])")


@dataclass(frozen=True)
class Implied:
    """The rule's tables of implied numbers: words (regex → value) and relative years (regexes)."""

    words: tuple[tuple[regex.Pattern, float], ...] = ()
    relative_years: regex.Pattern | None = None

    @classmethod
    def from_options(cls, words: dict, relative_years: list) -> Implied:
        """The tables from a rule's options; a ValueError names what is wrong."""
        parsed = []
        for form, value in words.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"number word {form!r} must be a positive number")
            parsed.append((_compile(str(form), "number word"), float(value)))
        if not all(isinstance(r, str) and r for r in relative_years):
            raise ValueError("`relative-years` must list regular expressions")
        relative = _compile("|".join(f"(?:{r})" for r in relative_years), "relative year") if relative_years else None
        return cls(tuple(parsed), relative)

    def quantities(self, text: str, language: str | None) -> list[Quantity]:
        """The numbers `text` implies in words and, in Chinese and Japanese, in scales alone."""
        found = [Quantity(m.start(), m.end(), frozenset({value}), digits=False, number_end=m.end(), scale_end=m.end())
                 for pattern, value in self.words for m in pattern.finditer(text)]
        if language in ("zh", "ja"):
            for m in _BARE_SCALE.finditer(text):
                value = 1.0
                for char in m.group():
                    value *= _CJK_SCALES[char]
                found.append(Quantity(m.start(), m.end(), frozenset({value}), digits=False, number_end=m.end(), scale_end=m.end()))
        return found

    def says_year(self, text: str) -> bool:
        """Does `text` name a year relative to the article (this year, last year)?"""
        return self.relative_years is not None and self.relative_years.search(text) is not None


def _compile(form: str, what: str) -> regex.Pattern:
    try:
        return regex.compile(r"(?<![\p{L}\d])(?:" + form + r")(?![\p{L}])", regex.IGNORECASE)
    except regex.error as exc:
        raise ValueError(f"{what} {form!r} is not a valid regular expression: {exc}") from None


def is_year(quantity: Quantity) -> bool:
    """A year written in digits (1999, 2022), nothing else."""
    return quantity.digits and quantity.unit is None and all(v == int(v) and 1900 <= v < 2100 for v in quantity.values)
