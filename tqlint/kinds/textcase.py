"""Case helpers shared by the kinds that suggest replacement words."""

from __future__ import annotations


def match_case(model: str, replacement: str) -> str:
    """Give `replacement` the capitalisation of `model`: "THE MOST" → upper, "The" → capitalised."""
    letters = [c for c in model if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if letters[0].islower() and replacement[:1].isupper() and not replacement[1:2].isupper():
        # Keep proper nouns ("October") and acronyms ("EU") as written in the table.
        return replacement
    return replacement
