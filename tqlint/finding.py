"""The plain data every part of tqlint passes around: findings and the fixes they carry."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` means "at least as bad as"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement`; start == end is an insertion."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """One way to mend a finding. `safe` fixes may be applied without a human looking."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool


@dataclass(frozen=True)
class Finding:
    """A problem found at text[start:end] (code-point offsets into the decoded file)."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    fixes: tuple[Fix, ...] = ()
    # Why there is no fix, when a rule deliberately offers none (shown to the user).
    no_fix_reason: str | None = None
    # Bilingual findings: the span of the source-language text they compare with (code-point
    # offsets into the source's file, or into the translation file that holds both).
    source_span: tuple[int, int] | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule, self.message)


@dataclass(frozen=True)
class FileResult:
    """What linting one input produced: findings, or an error saying why it could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    # Rules that could not finish on this file ("rule-id: why"); the other rules still reported.
    failures: tuple[str, ...] = ()
    # A failure that is a bug in tqlint itself, not in the input or a user's rule (exit code 3).
    internal_error: bool = False
    # The file was read and linted, but its fixes could not be written (read-only, disk full):
    # its findings stand, and the exit code is 2.
    write_error: str | None = None
    # Line/column lookup needs the text; reporters get it here rather than re-reading the file.
    text: str = field(default="", repr=False, compare=False)
