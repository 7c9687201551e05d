"""A dataset record's source and source language (`--source-field`, `--source-language-field`):
read from the record's values, or the one-line reason the record cannot be linted next to its
source (tqlint.text.datasets turns that into a bad record; the run goes on)."""

from __future__ import annotations


def record_source(values: dict, source_field: str | None,
                  language_field: str | None) -> tuple[str | None, str | None, str | None]:
    """(source, language, None) for a record; (None, None, why) when a named field is missing,
    null, empty or not text. With no source field: (None, None, None), a monolingual record."""
    if source_field is None:
        return None, None, None
    for what, name in (("source field", source_field), ("source-language field", language_field)):
        problem = _problem(name in values, values.get(name)) if name is not None else None
        if problem:
            return None, None, f"{what} '{name}' is {problem}"
    language = values.get(language_field) if language_field is not None else None
    return values[source_field], str(language).strip().lower() if language is not None else None, None


def _problem(present: bool, value) -> str | None:
    if not present or value is None:
        return "missing"
    if not isinstance(value, str):
        return f"{type(value).__name__}, not text"
    return "empty" if not value.strip() else None
