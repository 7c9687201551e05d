"""Rule kinds: the small amount of code that turns a YAML rule into a matcher.

A kind module exposes OPTIONS ({name: one-line description}), REQUIRED (names) and
`compile(options, rule) -> matcher`; a matcher is `matcher(doc, context) -> iterable of Hit`,
with offsets into the document's prose view. The engine does everything else. A kind that
compares the text with its source sets NEEDS_SOURCE = True: its rules run only on documents
that carry one (`doc.bitext`). A kind that fills the rule's message itself names the
placeholders it fills in PLACEHOLDERS; otherwise the engine fills {match} and {fix}.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from tqlint.finding import Edit, Severity

# name -> module path; imported on first use so start-up stays light.
KIND_MODULES = {
    "pattern": "tqlint.kinds.pattern",
    "phrase": "tqlint.kinds.phrase",
    "pronoun": "tqlint.kinds.pronoun",  # his/her/he/she whose antecedent is an organisation
    "language": "tqlint.kinds.language",  # sentences left in another language (langdetect)
    "repetition": "tqlint.kinds.repetition",  # sentences or paragraphs repeated verbatim
    "mojibake": "tqlint.kinds.mojibake",  # text decoded with the wrong encoding (ftfy)
    "quote-balance": "tqlint.kinds.quotes",  # English quotation marks that pair with nothing
    "quote-style": "tqlint.kinds.quote_style",  # source-language quotation marks made English
    "straight-quote-balance": "tqlint.kinds.straightquotes",  # " opening or closing nothing
    "recase": "tqlint.kinds.recase",  # a word in the wrong case: lower, upper or title it
    "stutter": "tqlint.kinds.stutter",  # two to six words said twice in a row
    "doubled-title-word": "tqlint.kinds.doubled_title",  # an English word twice, capitalised both times (Sale Sale)
    "script": "tqlint.kinds.script",  # letters and punctuation of another script left in English prose
    "lexicon": "tqlint.kinds.lexicon",  # single words far more frequent in another language than in English (wordfreq)
    "inflected-name": "tqlint.kinds.inflection",  # names left in a source-language case form (Nováka, Respektu)
    "run-in-capital": "tqlint.kinds.runin",  # a heading or list item run into the text before it (carry Appearance material)
    "dash-consistency": "tqlint.kinds.dashes",  # a spaced hyphen in a text that sets dashes elsewhere
    "paragraph-stop-consistency": "tqlint.kinds.parastops",  # the one body paragraph left without a stop
    # Bilingual kinds (NEEDS_SOURCE): the target compared with its source.
    "source-numbers": "tqlint.kinds.bilingual.numbers",  # numbers, units, currencies, percentages
    "source-number-format": "tqlint.kinds.bilingual.numberformat",  # 144.613 for the source's 144 613
    "source-dates": "tqlint.kinds.bilingual.dates",  # day, month, year and clock time
    "source-names": "tqlint.kinds.bilingual.names",  # names, codes, URLs, handles, quoted titles
    "source-untranslated": "tqlint.kinds.bilingual.untranslated",  # source text carried over
    "source-length": "tqlint.kinds.bilingual.length",  # omissions and additions
    "glossary": "tqlint.kinds.bilingual.glossary",  # a desk's term list, both ways
    "source-consistency": "tqlint.kinds.bilingual.consistency",  # one source name, two renderings
    "source-case-form": "tqlint.kinds.bilingual.caseform",  # a source word kept in a case form (Pardubic for Pardubice)
    "source-reduplicated-name": "tqlint.kinds.bilingual.reduplicated",  # 兰兰 split as "Lan Lan" (Lanlan)
}


class RuleError(Exception):
    """A rule that cannot be compiled; `key` names the offending option."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


class RuleTimeout(Exception):
    """A rule's matcher ran over its time budget on one document."""


@dataclass(frozen=True)
class Hit:
    """What a matcher found: the flagged view span and its fixes (alternatives, best first),
    each a tuple of view edits. `message` overrides the rule's message when set. `source`: the
    span of the source's view the finding compares with (bilingual kinds). `severity`: at most
    this, for a finding the rule is less sure of than of its others (the rule's own severity,
    or the user's, when that is lower)."""

    start: int
    end: int
    fixes: tuple[tuple[Edit, ...], ...] = ()
    message: str | None = None
    source: tuple[int, int] | None = None
    severity: Severity | None = None

    @classmethod
    def replace(cls, start: int, end: int, replacements=(), message: str | None = None,
                source: tuple[int, int] | None = None) -> Hit:
        fixes = tuple((Edit(start, end, r),) for r in replacements)
        return cls(start, end, fixes, message, source)


def load_kind(name: str):
    try:
        module = KIND_MODULES[name]
    except KeyError:
        raise RuleError(f"unknown kind {name!r} (known: {', '.join(sorted(KIND_MODULES))})", "kind") from None
    return importlib.import_module(module)


def count_option(options: dict, key: str, default: int) -> int:
    """A kind's whole-number option of at least 1 (a count of words, dashes, paragraphs…);
    RuleError naming the option otherwise (true/false is not a number here)."""
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RuleError(f"`{key}` must be a whole number of at least 1", key)
    return value


def word_list_option(options: dict, key: str, default=()) -> frozenset[str]:
    """A kind's list-of-words option, case-folded; RuleError naming the option otherwise."""
    value = options.get(key, default)
    if not isinstance(value, (list, tuple)) or not all(isinstance(word, str) for word in value):
        raise RuleError(f"`{key}` must be a list of words", key)
    return frozenset(word.casefold() for word in value)
