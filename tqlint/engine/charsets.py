"""The code points one character of a `regex` pattern matches, read from `regex` itself, and
written out for RE2 (stage 1: tqlint.engine.relax). Exact within the blocks English news draws
on (COMMON); beyond them a set that matches anything there matches all of it there, which keeps
RE2's program small and can only widen it."""

from __future__ import annotations

import array
import functools
from typing import NamedTuple

import regex

# Code points held exactly in every class: ASCII, Latin-1 and Latin Extended-A/B, general
# punctuation, currency signs and letterlike symbols (the Kelvin sign K is a case twin of k).
COMMON = ((0x00, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F))
_MAX = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)
_IGNORECASE, _VERSION0 = int(regex.IGNORECASE), int(regex.VERSION0)


class Leaf(NamedTuple):
    """One character of the pattern, as the code points it matches (`ranges`, see `members`)
    and its RE2 form; or any text at all (ranges None: a back-reference)."""

    ranges: tuple | None
    text: str



@functools.cache
def _common() -> tuple[str, list[int]]:
    """COMMON's code points as one string, and each one's number by position."""
    codes = [c for low, high in COMMON for c in range(low, high + 1)]
    return "".join(map(chr, codes)), codes




@functools.lru_cache(maxsize=1)
def _rest_text() -> str:
    """Every code point outside COMMON (no surrogates), in one string."""
    parts, start = [], 0
    for low, high in sorted(COMMON + (_SURROGATES,)) + [(_MAX + 1, _MAX + 1)]:
        if start < low:
            parts.append(array.array("I", range(start, low)).tobytes().decode("utf-32-le"))
        start = max(start, high + 1)
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def _rest_ranges() -> tuple[tuple[int, int], ...]:
    ranges, start = [], 0
    for low, high in sorted(COMMON + (_SURROGATES,)) + [(_MAX + 1, _MAX + 1)]:
        if start < low:
            ranges.append((start, low - 1))
        start = max(start, high + 1)
    return tuple(ranges)


@functools.cache
def members(atom: str, flags: int) -> tuple[tuple[int, int], ...]:
    """The code points `atom` (one character of a `regex` pattern: a literal, a set, an escape
    or '.') matches under `flags`, as sorted ranges: exact within COMMON; beyond it, all of it
    when the atom matches any of it, else none of it (or, for a literal, exactly its twins)."""
    compiled = regex.compile(atom, flags | _VERSION0)
    common_text, common_codes = _common()
    ranges = _ranges([common_codes[m.start()] for m in compiled.finditer(common_text)])
    literal = _literal(atom)
    if literal is not None and flags & _IGNORECASE and ord(literal) >= 0x80:
        if _in_common(ord(literal)):
            ranges += [(ord(c), ord(c)) for c in _rest_twins() if compiled.fullmatch(c)]
        else:
            ranges += [(ord(m.group()), ord(m.group())) for m in compiled.finditer(_rest_text())]
    elif literal is not None and not flags & _IGNORECASE and not _in_common(ord(literal)):
        ranges.append((ord(literal), ord(literal)))
    elif literal is None:
        ranges = _coarsened(ranges)
        if _may_reach_rest(atom, flags) and compiled.search(_rest_text()):
            ranges += list(_rest_ranges())
    return tuple(_merged(ranges))


# Blocks of COMMON where a set's members alternate (upper and lower case letters of Latin
# Extended, letterlike symbols): a set that matches any of one takes all of it, which keeps the
# RE2 program (and its scan) several times smaller. Literals stay exact there.
_COARSE = ((0x100, 0x24F), (0x2100, 0x214F))


def _coarsened(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept = []
    for low, high in ranges:
        block = next((b for b in _COARSE if b[0] <= low and high <= b[1]), None)
        kept.append(block if block is not None else (low, high))
    return kept


def _in_common(code: int) -> bool:
    return any(low <= code <= high for low, high in COMMON)


def _literal(atom: str) -> str | None:
    """The character an atom stands for, if it is one plain or escaped character."""
    if len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
        return atom[1]
    return atom if len(atom) == 1 and atom != "." else None


@functools.cache
def _rest_twins() -> str:
    """The characters beyond COMMON that match some character of COMMON under IGNORECASE (the
    micro sign and the Greek mu): one scan finds them for every literal."""
    found = regex.compile(f"[{regex.escape(_common()[0][0x80:])}]", regex.IGNORECASE | regex.VERSION0).findall(_rest_text())
    return "".join(sorted(set(found)))


@functools.cache
def leaf(atom: str, flags: int) -> Leaf:
    ranges = members(atom, flags)
    return Leaf(ranges, render(ranges))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


_PLAIN_SET = regex.compile(r"\[(?!\^)(?:[^\\\[]|\\[^\w])+\]|\\?[^\w]|\w", regex.ASCII)


def _may_reach_rest(atom: str, flags: int) -> bool:
    """False when `atom` is known to match nothing beyond COMMON without searching there: an
    ASCII literal or a set of ASCII literals and ranges (their case twins all lie inside
    COMMON: tests/test_relax.py holds this against every code point), or, without
    IGNORECASE, a literal or set of them below U+0250."""
    if not _PLAIN_SET.fullmatch(atom) or atom == ".":
        return True
    limit = 0x80 if flags & _IGNORECASE else 0x250
    return any(ord(char) >= limit for char in atom)


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] + 1 == code:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _code(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and char.isalnum() else f"\\x{{{code:x}}}"


def render(ranges) -> str:
    """An RE2 set of exactly `ranges` (never relying on RE2's own classes)."""
    if not ranges:
        return r"[^\x00-\x{10ffff}]"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _code(ranges[0][0])
    return "[" + "".join(_code(a) if a == b else f"{_code(a)}-{_code(b)}" for a, b in ranges) + "]"
