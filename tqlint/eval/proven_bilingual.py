"""Errors of meaning that a segment's source and its human references prove in the MT: a source
number every reference has and the MT lacks; a field of a source date (day, month, year, time)
every reference states and the MT does not; a name or code of the source every reference keeps
and the MT changes. The numbers, dates and names are read as the bilingual rules read them (the
tables of the built-in `bilingual` pack); what proves the error is the references.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tqlint.bilingual.dates import SourceMonths, english_dates, missing_fields, source_dates
from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.bilingual.names import borrowed_word, present, source_names
from tqlint.bilingual.numbers import (
    NumberTables,
    Quantity,
    english_idioms,
    english_quantities,
    found_in,
    in_code,
    source_quantities,
)
from tqlint.eval.common import overlaps
from tqlint.packs.loader import resolve_pack

CLASSES = ("number", "date", "name")
# The rules whose findings can catch each class.
RULES = {"number": "bilingual/number-", "date": "bilingual/date-", "name": "bilingual/name-"}


@dataclass(frozen=True)
class BilingualError:
    cls: str
    start: int  # the MT span that is wrong: the wrong number where the MT has one, else the whole segment
    end: int
    text: str  # what the source has
    source_start: int  # the source span of what is missing
    source_end: int

    def caught_by(self, finding) -> bool:
        if not finding.rule.startswith(RULES[self.cls]):
            return False
        if finding.source_span is not None and overlaps(self.source_start, self.source_end, *finding.source_span):
            return True
        precise = self.end - self.start < 40  # a wrong number of the MT, not the whole segment
        return precise and overlaps(self.start, self.end, finding.start, finding.end)


class BilingualProof:
    """The proven errors of a segment, with the built-in pack's tables (loaded once)."""

    def __init__(self):
        rules = {rule.id: rule for rule in resolve_pack("bilingual").rules}
        numbers = rules["bilingual/number-missing"].options
        self.tables = NumberTables.from_options(numbers["locales"], numbers["scales"], numbers["units"],
                                                numbers.get("conversions"), numbers.get("english-words"))
        self.skipped = frozenset(float(v) for v in numbers.get("skip-values", [1]))
        self.counted = frozenset(numbers.get("counted-units", []))
        self.months = SourceMonths(rules["bilingual/date-mismatch"].options["months"])
        names = rules["bilingual/name-missing"].options
        self.acronyms = {k: v if isinstance(v, list) else [v] for k, v in names.get("acronyms", {}).items()}
        self.borrowed = {w.casefold() for w in names.get("english", [])}
        self.lexicons: dict[str, EnglishLexicon] = {}

    def errors(self, source: str, language: str, mt: str, refs: tuple[str, ...]) -> list[BilingualError]:
        if not refs:
            return []
        return [*self._numbers(source, language, mt, refs), *self._dates(source, language, mt, refs),
                *self._names(source, language, mt, refs)]

    def _alone(self, quantity: Quantity) -> bool:
        return ((quantity.unit is None or quantity.unit in self.counted) and quantity.multiplier == 1.0
                and any(v in self.skipped for v in quantity.values))

    def _numbers(self, source: str, language: str, mt: str, refs) -> list[BilingualError]:
        dates = source_dates(source, language, SourceMonths({}))
        wanted = [q for q in source_quantities(source, language, self.tables)
                  if not self._alone(q) and not in_code(source, q) and not any(d.start <= q.start < d.end for d in dates)]
        in_refs = [self._said(r) for r in refs]
        in_mt = self._said(mt)
        errors = []
        for q in wanted:
            if all(found_in(q, ref, self.tables) for ref in in_refs) and not found_in(q, in_mt, self.tables):
                wrong = [t for t in in_mt if t.digits and not any(t.matches(s) for s in wanted)]
                start, end = (wrong[0].start, wrong[0].end) if len(wrong) == 1 else (0, len(mt))
                errors.append(BilingualError("number", start, end, source[q.start:q.end], q.start, q.end))
        return errors

    def _said(self, text: str) -> list[Quantity]:
        """The numbers of an English text, digits and words (tripled, around the clock, XVII): a
        number the MT says in words is no proven error, whatever digits the references write."""
        found = english_quantities(text, self.tables)
        return found + english_idioms(text, self.tables, found)

    def _dates(self, source: str, language: str, mt: str, refs) -> list[BilingualError]:
        in_refs = [english_dates(r) for r in refs]
        in_mt = english_dates(mt)
        errors = []
        for date in source_dates(source, language, self.months):
            lacking = set(missing_fields(date, in_mt))
            for ref in in_refs:
                lacking -= set(missing_fields(date, ref))
            if lacking:
                errors.append(BilingualError("date", 0, len(mt), source[date.start:date.end], date.start, date.end))
        return errors

    def _names(self, source: str, language: str, mt: str, refs) -> list[BilingualError]:
        errors = []
        lexicon = self.lexicons.setdefault(language, EnglishLexicon(language, min_zipf=3.0))
        for name in source_names(source, language):
            if name.text.casefold() in self.borrowed or borrowed_word(name, language, lexicon):
                continue  # English words texts in other scripts borrow: translations rephrase them
            written = [name, *(replace(name, text=other) for other in self.acronyms.get(name.text, ()))]
            if all(present(name, r) for r in refs) and not any(present(w, mt) for w in written):
                errors.append(BilingualError("name", 0, len(mt), name.text, name.start, name.end))
        return errors
