"""A rule pack as data: its rules, each with the examples that prove it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tqlint.finding import Severity

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import Any


class Later:
    """A field's value still to be read (`load()` gives it): what a rule read from the built-in
    bundle (tqlint.cache.bundle) holds for its examples, description and options until asked."""

    __slots__ = ("load",)

    def __init__(self, load: Callable[[], Any]):
        self.load = load


class _Deferred:
    """Where a field may hold a `Later`: read on first access, then kept."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, obj, owner=None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name]
        if isinstance(value, Later):
            value = obj.__dict__[self.name] = value.load()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.name] = value


@dataclass(frozen=True)
class Example:
    """A rule example: text it must flag (with the fixed text) or must pass."""
    text: str
    fixed: str | None
    line: int | None
    source: str | None = None  # for a bilingual rule: the source-language text it translates
    language: str | None = None  # and that text's language


@dataclass(frozen=True)
class Rule:
    """One rule of a pack: what it is, what it says, its examples, and its matcher."""
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


# Fields a rule may be given as `Later` (the dataclass's own __init__ sets them through these).
for _name in ("description", "flag_examples", "pass_examples", "options"):
    setattr(Rule, _name, _Deferred(_name))


@dataclass(frozen=True)
class Pack:
    """A loaded rule pack: its name, description, source languages and rules."""
    name: str
    description: str
    source_languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    path: str
    builtin: bool = False
