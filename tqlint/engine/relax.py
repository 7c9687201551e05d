"""Relax a rule's regular expression (the `regex` module's syntax) into an RE2 pattern that
matches wherever the original can: the candidates test of stage 1 (tqlint.engine.stage1).

What the two engines share is kept (literals, sequences, alternations, repetitions); what RE2
lacks is loosened to something that matches more: lookarounds, word boundaries and anchors match
the empty string, a back-reference matches any text, an atomic group or a possessive repeat is an
ordinary one, a large repeat count becomes open-ended. Every character class, and every literal
under IGNORECASE, becomes the set of code points the `regex` module itself matches with it, read
by trying them (see `members`), so stage 1 never depends on RE2's Unicode tables: RE2 only ever
sees explicit code points. Outside the blocks English news draws on (see COMMON), a class that
matches anything there matches everything there, which keeps the RE2 program small and can only
widen it.

Anything this module does not understand raises Unsupported: such a rule has no stage-1 test and
runs on every document, as it would without stage 1.
"""

from __future__ import annotations

import array
import functools
import unicodedata
from typing import NamedTuple, Union

import regex

# Code points held exactly in every class: ASCII, Latin-1 and Latin Extended-A/B, general
# punctuation, currency signs and letterlike symbols (the Kelvin sign K is a case twin of k).
COMMON = ((0x00, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F))
_MAX = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)
# A repeat whose bound is larger than this is relaxed to an open one (RE2 programs grow with
# the count; matching more is always allowed).
_MAX_COUNT = 8

# Plain ints: the `regex` flags are an enum, whose operators cost more than the parsing.
_FLAG_BITS = {"i": int(regex.IGNORECASE), "s": int(regex.DOTALL), "x": int(regex.VERBOSE), "a": int(regex.ASCII),
              "u": int(regex.UNICODE), "m": int(regex.MULTILINE), "w": int(regex.WORD), "p": int(regex.POSIX)}
_VERBOSE, _IGNORECASE, _VERSION0 = _FLAG_BITS["x"], _FLAG_BITS["i"], int(regex.VERSION0)
_REFUSED_FLAGS = set("fLbeVr")  # full case folding, locale, fuzzy matching, version 1, reverse
_ZERO_WIDTH = set("bBAZzGmM")
_CLASS_ESCAPES = set("dDsSwWpP")
_CHAR_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_FUZZY = regex.compile(r"\{[\deids<=,+\-\s]*[eids][\deids<=,+\-\s]*\}")  # {e<=1}, {1<=d<=2,s}: not a count


Node = Union["Leaf", None, tuple]


class Unsupported(Exception):
    """A construct the relaxation does not handle: the rule goes without a stage-1 test."""


def relax(source: str, ignore_case: bool = False) -> str:
    """An RE2 pattern matching (at least) wherever `source` matches; raises Unsupported."""
    return _emit(parse(source, ignore_case), True, True)


@functools.lru_cache(maxsize=4096)
def parse(source: str, ignore_case: bool = False) -> Node:
    """The pattern as a tree (see Node below); raises Unsupported."""
    flags = _IGNORECASE if ignore_case else 0
    # Version 0 applies an inline flag group such as (?i) to the whole pattern, wherever it is.
    for _ in range(3):
        parser = _Parser(source, flags)
        tree = parser.parse()
        if parser.global_flags | flags == flags:
            return tree
        flags |= parser.global_flags
    raise Unsupported("inline flags that do not settle")


class Leaf(NamedTuple):
    """One character of the pattern, as the code points it matches (`ranges`, see `members`)
    and its RE2 form; or any text at all (ranges None: a back-reference)."""

    ranges: tuple | None
    text: str


_ANY_TEXT = Leaf(None, r"(?s:.*)")


class _Parser:
    def __init__(self, source: str, flags: int):
        self.source, self.pos, self.global_flags = source, 0, 0
        self.flags = [flags]

    # --- reading -----------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> str:
        at = self.pos + ahead
        return self.source[at] if at < len(self.source) else ""

    def take(self, count: int = 1) -> str:
        text = self.source[self.pos:self.pos + count]
        self.pos += count
        return text

    @property
    def verbose(self) -> bool:
        return bool(self.flags[-1] & _VERBOSE)

    def skip_verbose(self) -> None:
        while self.verbose and self.pos < len(self.source):
            char = self.peek()
            if char.isspace():
                self.pos += 1
            elif char == "#":
                end = self.source.find("\n", self.pos)
                self.pos = len(self.source) if end < 0 else end + 1
            else:
                return

    # --- grammar -----------------------------------------------------------------------------
    def parse(self) -> Node:
        tree = self.alternation()
        if self.pos != len(self.source):
            raise Unsupported(f"unbalanced ')' at {self.pos}")
        return tree

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self) -> Node:
        items: list[Node] = []
        while True:
            self.skip_verbose()
            char = self.peek()
            if char in ("", "|", ")"):
                return items[0] if len(items) == 1 else ("seq", items)
            item = self.atom()
            items.append(self.quantified(item))

    def quantified(self, item: Node) -> Node:
        while True:
            self.skip_verbose()
            char = self.peek()
            if char in ("*", "+", "?"):
                self.take()
                suffix = char
            elif char == "{" and (count := self.counts()) is not None:
                suffix = count
            else:
                return item
            if self.peek() in ("?", "+"):  # lazy and possessive repeats match the same texts
                self.take()
            # Zero-width items repeated stay zero-width (a lookaround too: it may be skipped).
            item = ("rep", item, suffix) if _consumes(item) else None

    def counts(self) -> str | None:
        """A {m}, {m,}, {,n} or {m,n} repeat at the cursor, relaxed; None if '{' is a literal."""
        found = regex.match(r"\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}", self.source[self.pos:])
        if found is None or not (found.group(1) or found.group(3)):
            return None
        self.pos += found.end()
        low = int(found.group(1) or 0)
        high = int(found.group(3)) if found.group(3) else (None if found.group(2) else low)
        if high is not None and high <= _MAX_COUNT:
            return f"{{{low},{high}}}"
        return f"{{{min(low, _MAX_COUNT)},}}"

    def atom(self) -> Node:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            start = self.pos
            self.skip_class()
            return self.char_set(self.source[start:self.pos])
        if char == "\\":
            return self.escape()
        if char in ("^", "$"):
            self.take()
            return None
        if char in ("*", "+", "?", "{"):
            if char == "{" and self.counts() is None:
                if _FUZZY.match(self.source, self.pos):
                    raise Unsupported(f"fuzzy matching at {self.pos}")
                self.take()
                return self.char_set("\\{")
            raise Unsupported(f"nothing to repeat at {self.pos}")
        self.take()
        return self.char_set("." if char == "." else regex.escape(char))

    def char_set(self, atom: str) -> Leaf:
        return leaf(atom, self.flags[-1] & ~_VERBOSE)

    def escape(self) -> Node:
        self.take()
        char = self.take()
        if not char:
            raise Unsupported("trailing backslash")
        if char in _ZERO_WIDTH:
            return None
        if char.isdigit() and char != "0":
            while self.peek().isdigit():
                self.take()
            return _ANY_TEXT  # a back-reference: any text
        if char == "g" and self.peek() == "<":
            self.pos = self.source.index(">", self.pos) + 1
            return _ANY_TEXT
        if char in _CLASS_ESCAPES:
            start = self.pos - 2
            if char in ("p", "P"):
                if self.peek() == "{":
                    self.pos = self.source.index("}", self.pos) + 1
                else:
                    self.take()
            return self.char_set(self.source[start:self.pos])
        if char in _CHAR_ESCAPES:
            return self.char_set(regex.escape(_CHAR_ESCAPES[char]))
        if char in ("x", "u", "U", "0", "N"):
            return self.char_set(regex.escape(_denoted(self.numbered(char))))
        if char.isalnum():
            raise Unsupported(f"escape \\{char}")
        return self.char_set(regex.escape(char))

    def numbered(self, char: str) -> str:
        """The text of a \\x, \\u, \\U, \\0 or \\N{...} escape, cursor after its letter."""
        start = self.pos - 2
        if char == "N":
            self.pos = self.source.index("}", self.pos) + 1
        elif char == "0":
            while self.pos - start < 4 and self.peek() in tuple("01234567"):
                self.take()
        elif char == "x" and self.peek() == "{":
            self.pos = self.source.index("}", self.pos) + 1
        else:
            self.take({"x": 2, "u": 4, "U": 8}[char])
        return self.source[start:self.pos]

    def skip_class(self) -> None:
        """Move the cursor past a [...] set (version 0: no nested sets but POSIX [:name:])."""
        self.take()
        if self.peek() == "^":
            self.take()
        if self.peek() == "]":
            self.take()
        while True:
            char = self.take()
            if not char:
                raise Unsupported("unterminated set")
            if char == "\\":
                self.take()
            elif char == "[" and self.peek() == ":":
                end = self.source.find(":]", self.pos)
                if end < 0:
                    raise Unsupported("odd [: in a set")
                self.pos = end + 2
            elif char == "]":
                return

    def group(self) -> Node:
        self.take()
        flags = self.flags[-1]
        if self.peek() != "?":
            return self.group_body(flags)
        self.take()
        char = self.peek()
        if char == ":" or char == ">" or char == "|":  # plain, atomic, branch reset
            self.take()
            return self.group_body(flags)
        if char == "#":
            self.pos = self.source.index(")", self.pos) + 1
            return None
        if char in ("=", "!") or (char == "<" and self.peek(1) in ("=", "!")):
            behind = char == "<"
            positive = self.take(1 if not behind else 2)[-1] == "="
            body = self.group_body(flags)
            return ("look", behind, body) if positive else None  # a negative one only vetoes
        if char in ("P", "<", "'"):
            return self.named_group(flags)
        return self.flag_group(flags)

    def named_group(self, flags: int) -> Node:
        if self.peek() == "P" and self.peek(1) == "=":
            self.pos = self.source.index(")", self.pos) + 1
            return _ANY_TEXT  # (?P=name): a back-reference
        if self.peek() == "P" and self.peek(1) == ">":
            raise Unsupported("group call")
        if self.peek() == "P":
            self.take()
        close = ">" if self.take() == "<" else "'"
        self.pos = self.source.index(close, self.pos) + 1
        return self.group_body(flags)

    def flag_group(self, flags: int) -> Node:
        found = regex.match(r"([a-zA-Z0-9]*)(?:-([a-zA-Z]+))?([:)])", self.source[self.pos:])
        if found is None:
            raise Unsupported(f"group syntax at {self.pos}")
        self.pos += found.end()
        on, off, end = found.group(1), found.group(2) or "", found.group(3)
        if set(on + off) & _REFUSED_FLAGS or set(on) & set("0123456789"):
            raise Unsupported(f"flags {on}-{off}")
        on_bits = _bits(on)
        if end == ")":  # a global flag in version 0
            if off:
                raise Unsupported("global flags turned off")
            self.global_flags |= on_bits
            return None
        return self.group_body((flags | on_bits) & ~_bits(off))

    def group_body(self, flags: int) -> Node:
        self.flags.append(flags)
        inner = self.alternation()
        self.flags.pop()
        if self.take() != ")":
            raise Unsupported("unterminated group")
        return inner


# --- from the tree to RE2 --------------------------------------------------------------------
# A node is a Leaf (consumes text), None (zero-width: matches the empty string),
# ("look", behind, node) for a positive lookaround, ("seq", nodes), ("alt", nodes) or
# ("rep", node, count).
#
# A positive lookbehind that comes before anything the match consumes needs its text right
# before the match: relaxed, it is written there; likewise a positive lookahead after everything
# the match consumes is written after it. Any other lookaround matches the empty string.

def _consumes(node: Node) -> bool:
    if node is None:
        return False
    if isinstance(node, Leaf):
        return True
    if node[0] == "look":
        return False
    if node[0] == "rep":
        return True
    return any(_consumes(item) for item in node[1])


def _emit(node: Node, start: bool, end: bool) -> str:
    if node is None:
        return ""
    if isinstance(node, Leaf):
        return node.text
    if node[0] == "look":
        behind, body = node[1], node[2]
        if behind and start:
            return _emit(body, True, False)
        if not behind and end:
            return _emit(body, False, True)
        return ""
    if node[0] == "rep":
        inner = _emit(node[1], False, False)
        return f"(?:{inner}){node[2]}" if inner else ""
    if node[0] == "alt":
        return "(?:" + "|".join(_emit(branch, start, end) for branch in node[1]) + ")"
    items = node[1]
    first = _edge(items, range(len(items)), behind_too=False) if start else None
    last = _edge(items, range(len(items) - 1, -1, -1), behind_too=True) if end else None
    return "(?:" + "".join(_emit(item, k == first, k == last) for k, item in enumerate(items)) + ")"


def _edge(items, order, behind_too: bool) -> int | None:
    """The item at the start (or end) of whatever a sequence matches: the first (last) one that
    is not zero-width, skipping lookaheads (lookbehinds), which look the other way."""
    for k in order:
        item = items[k]
        if item is None:
            continue
        if isinstance(item, tuple) and item[0] == "look" and item[1] == behind_too:
            continue
        return k
    return None


def _denoted(escape: str) -> str:
    """The character a \\x, \\u, \\U, \\0 or \\N{...} escape stands for."""
    if escape[1] == "N":
        return unicodedata.lookup(escape[3:-1])
    if escape[1] == "0":
        return chr(int(escape[1:], 8))
    return chr(int(escape[2:].strip("{}"), 16))


def _bits(letters: str) -> int:
    bits = 0
    for letter in letters:
        bits |= _FLAG_BITS[letter]
    return bits


# --- character sets ----------------------------------------------------------------------------

def _common_text() -> tuple[str, list[int]]:
    codes = [c for low, high in COMMON for c in range(low, high + 1)]
    return "".join(map(chr, codes)), codes


_COMMON_TEXT, _COMMON_CODES = _common_text()


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
    ranges = _ranges([_COMMON_CODES[m.start()] for m in compiled.finditer(_COMMON_TEXT)])
    literal = _literal(atom)
    if literal is not None and flags & _IGNORECASE and ord(literal) >= 0x80:
        if _in_common(ord(literal)):
            ranges += [(ord(c), ord(c)) for c in _rest_twins() if compiled.fullmatch(c)]
        else:
            ranges += [(ord(m.group()), ord(m.group())) for m in compiled.finditer(_rest_text())]
    elif literal is not None and not flags & _IGNORECASE and not _in_common(ord(literal)):
        ranges.append((ord(literal), ord(literal)))
    elif literal is None and _may_reach_rest(atom, flags) and compiled.search(_rest_text()):
        ranges += list(_rest_ranges())
    return tuple(_merged(ranges))


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
    found = regex.compile(f"[{regex.escape(_COMMON_TEXT[0x80:])}]", regex.IGNORECASE | regex.VERSION0).findall(_rest_text())
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
