"""The one "did you mean …?" of every error message about a name (keys, rules, packs)."""

from __future__ import annotations


def did_you_mean(name: str, known, n: int = 1) -> str:
    """' (did you mean 'x'?)' for the closest of `known`, or '' when none is close."""
    import difflib  # start-up: only when a name is wrong (difflib brings heapq and more)

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=n)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
