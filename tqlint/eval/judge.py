"""Judge a fix against human references: does it write what the translators wrote?

The words a fix touches are compared before and after: *good* when the fixed words stand in a
reference and the original words stand in none, *bad* the reverse (the fix undoes what a
translator wrote), *not judged* otherwise (both, or neither: the references say nothing).
docs/scoring.md says how the compared words are chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tqlint.finding import Edit

GOOD, BAD, NOT_JUDGED = "good", "bad", "not judged"

# Punctuation that closes or opens a token without being part of the fix ("3,5." → "3.5").
_TRIMMABLE = set(".,;:!?\"'“”‘’()[]")


@dataclass(frozen=True)
class FixVerdict:
    verdict: str  # GOOD, BAD or NOT_JUDGED
    original: str  # the compared words of the text before the fix
    fixed: str  # the same words after it


def _is_word_edit(text: str, edits: tuple[Edit, ...]) -> bool:
    """Letters, digits and spaces only, and some letter or digit: a fix of words."""
    changed = "".join(text[e.start:e.end] + e.replacement for e in edits)
    return any(c.isalnum() for c in changed) and all(c.isalnum() or c.isspace() for c in changed)


def _widen(text: str, start: int, end: int, inside) -> tuple[int, int]:
    while start > 0 and inside(text[start - 1]):
        start -= 1
    while end < len(text) and inside(text[end]):
        end += 1
    return start, end


def _trim(text: str, start: int, end: int, hull_start: int, hull_end: int) -> tuple[int, int]:
    """Drop punctuation at the ends of the window that the fix neither touches nor borders."""
    while start < hull_start - 1 and text[start] in _TRIMMABLE:
        start += 1
    while end > hull_end + 1 and text[end - 1] in _TRIMMABLE:
        end -= 1
    return start, end


def _is_recasing(text: str, edits: tuple[Edit, ...]) -> bool:
    """Only the case of letters changes ("according" → "According")."""
    return all(text[e.start:e.end] != e.replacement and text[e.start:e.end].lower() == e.replacement.lower()
               for e in edits)


def _previous_token_start(text: str, start: int) -> int:
    """Where the whitespace-delimited token before `start` begins (`start` itself at the text's
    start)."""
    before = start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before == 0:
        return start
    while before > 0 and not text[before - 1].isspace():
        before -= 1
    return before


def fix_window(text: str, edits: tuple[Edit, ...]) -> tuple[str, str]:
    """(original, fixed): the words the edits touch, before and after. A fix of words is widened to
    whole words; a fix of punctuation or spacing to the whitespace-delimited tokens around it,
    less any outer punctuation it does not border. A fix of case alone also takes the token before
    it: whether a word is capitalised depends on what precedes it, and a common word stands
    somewhere in a reference in both cases."""
    hull_start, hull_end = min(e.start for e in edits), max(e.end for e in edits)
    if _is_word_edit(text, edits):
        start, end = _widen(text, hull_start, hull_end, str.isalnum)
        if _is_recasing(text, edits):
            start = _previous_token_start(text, start)
    else:
        start, end = _widen(text, hull_start, hull_end, lambda c: not c.isspace())
        start, end = _trim(text, start, end, hull_start, hull_end)
    pieces, position = [], start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += [text[position:edit.start], edit.replacement]
        position = edit.end
    pieces.append(text[position:end])
    return text[start:end], "".join(pieces)


def stands_in(phrase: str, reference: str) -> bool:
    """`phrase` occurs in `reference`, not as part of a longer word."""
    if not phrase.strip():
        return False
    escaped = regex.escape(phrase)
    if not any(c.isalnum() for c in phrase):
        # Punctuation alone (a spaced "-" → "—"): not the hyphen inside "well-known", which has
        # a word on both sides; "5%." and "word —" still count.
        return regex.search(rf"(?<!\w){escaped}|{escaped}(?!\w)", reference) is not None
    before = r"(?<!\w)" if phrase[0].isalnum() else ""
    after = r"(?!\w)" if phrase[-1].isalnum() else ""
    return regex.search(before + escaped + after, reference) is not None


def judge_fix(text: str, edits: tuple[Edit, ...], refs: tuple[str, ...]) -> FixVerdict:
    original, fixed = fix_window(text, edits)
    before = any(stands_in(original, r) for r in refs)
    after = any(stands_in(fixed, r) for r in refs)
    verdict = GOOD if after and not before else BAD if before and not after else NOT_JUDGED
    return FixVerdict(verdict, original, fixed)
