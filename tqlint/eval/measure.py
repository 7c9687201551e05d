"""What the evaluations over real machine translation share: reading JSON lines, words, rates."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator


class EvalInputError(Exception):
    """An input file that cannot be scored; the message names the file and, where it can, the line."""


def read_jsonl(path: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each non-blank line; every record must be an object with `required`."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise EvalInputError(f"{path}: {exc.strerror or exc}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvalInputError(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})") from None
                if not isinstance(record, dict):
                    raise EvalInputError(f"{path}:{number}: expected a JSON object")
                missing = [name for name in required if name not in record]
                if missing:
                    raise EvalInputError(f"{path}:{number}: missing field {', '.join(map(repr, missing))}")
                yield number, record
        except UnicodeDecodeError as exc:
            raise EvalInputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def word_count(text: str) -> int:
    """Words as the per-1,000-words rates count them: runs of non-space characters."""
    return len(text.split())


def per_thousand(count: int, words: int) -> float | None:
    return 1000 * count / words if words else None


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def rate(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def matches_any(name: str, patterns: tuple[str, ...]) -> bool:
    """`name` matches one of the shell-style patterns (`Online-*`), or there are none."""
    return not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """The span with `width` characters either side, on one line, the span in ⟦ ⟧."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return (before + "⟦" + text[start:end] + "⟧" + after).replace("\n", " ⏎ ")
