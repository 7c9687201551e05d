"""Latin set phrases English keeps as they are ("de facto", "persona non grata", a legal maxim).

The `set-phrases` option of the `language` and `source-untranslated` kinds: phrases listed there
are masked (blanked, offsets kept) before a sentence's language is judged, so "Well, pacta sunt
servanda." is an English sentence with a Latin maxim in it, not a sentence left in Latin.
"""

from __future__ import annotations

import regex

from tqlint.kinds import RuleError

OPTION = ("list of set phrases of another language that English keeps as they are (Latin maxims: de facto, "
          "persona non grata): masked before the language test (default none)")


def compile_set_phrases(options: dict, key: str = "set-phrases") -> regex.Pattern | None:
    """One case-insensitive pattern of the listed phrases (longest first, whole words, any
    spacing between their words); None when the list is empty. RuleError on a bad list."""
    value = options.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.split() for v in value):
        raise RuleError(f"`{key}` must be a list of phrases", key)
    if not value:
        return None
    phrases = sorted({" ".join(v.casefold().split()) for v in value}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in phrases)
    # literals first; the look-ahead runs only where one matched (the word start: `_inside_word`)
    return regex.compile(rf"(?:{alternatives})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


def mask(text: str, pattern: regex.Pattern | None) -> str:
    """`text` with each set phrase that stands as whole words replaced by spaces (same length)."""
    if pattern is None:
        return text
    return pattern.sub(lambda m: m.group() if _inside_word(text, m.start()) else " " * len(m.group()), text)


def spans(text: str, pattern: regex.Pattern | None) -> list[tuple[int, int]]:
    """(start, end) of each set phrase in `text` that stands as whole words."""
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if not _inside_word(text, m.start())]


def _inside_word(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-")
