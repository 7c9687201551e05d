"""A rule pack as data: its rules, each with the examples that prove it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tqlint.finding import Severity


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None
    line: int | None
    source: str | None = None  # for a bilingual rule: the source-language text it translates
    language: str | None = None  # and that text's language


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    safe: bool
    no_fix_reason: str | None
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    options: dict = field(compare=False, hash=False, repr=False)
    matcher: object = field(compare=False, hash=False, repr=False)
    file: str = ""
    line: int | None = None
    enabled: bool = True
    needs_source: bool = False  # a bilingual kind: runs only where the document has its source
    replaces: tuple[str, ...] = ()  # former ids, e.g. en-news/time-uhr for from-de/time-uhr

    @property
    def fixable(self) -> bool:
        return self.no_fix_reason is None


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    source_languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    path: str
    builtin: bool = False
