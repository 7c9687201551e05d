"""Relax a rule's regular expression (the `regex` module's syntax) into an RE2 pattern that
matches wherever the original can: the candidates test of stage 1 (tqlint.engine.stage1).

What the two engines share is kept (literals, sequences, alternations, repetitions); what RE2
lacks is loosened to something that matches more: lookarounds, word boundaries and anchors match
the empty string, a back-reference matches any text, an atomic group or a possessive repeat is an
ordinary one, a large repeat count becomes open-ended. Every character class, and every literal
under IGNORECASE, becomes the set of code points the `regex` module itself matches with it, read
by trying them (tqlint.engine.charsets), so stage 1 never depends on RE2's Unicode tables: RE2 only ever
sees explicit code points. Outside the blocks English news draws on (see COMMON), a class that
matches anything there matches everything there, which keeps the RE2 program small and can only
widen it.

Anything this module does not understand raises Unsupported: such a rule has no stage-1 test and
runs on every document, as it would without stage 1.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Union

import regex

from tqlint.engine.charsets import Leaf, leaf

# A repeat whose bound is larger than this is relaxed to an open one (RE2 programs grow with
# the count; matching more is always allowed).
_MAX_COUNT = 8

# Plain ints: the `regex` flags are an enum, whose operators cost more than the parsing.
_FLAG_BITS = {"i": int(regex.IGNORECASE), "s": int(regex.DOTALL), "x": int(regex.VERBOSE), "a": int(regex.ASCII),
              "u": int(regex.UNICODE), "m": int(regex.MULTILINE), "w": int(regex.WORD), "p": int(regex.POSIX)}
_VERBOSE, _IGNORECASE, _VERSION0 = _FLAG_BITS["x"], _FLAG_BITS["i"], int(regex.VERSION0)
_ASCII_WORD = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))  # RE2's word characters
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
    return _emit(parse(source, ignore_case, edges=True), True, True)


@functools.lru_cache(maxsize=4096)
def parse(source: str, ignore_case: bool = False, edges: bool = False) -> Node:
    """The pattern as a tree (see Node below); raises Unsupported. With `edges`, a negative
    lookaround over a class holding every ASCII word character (a phrase's word edge) is an
    ("edge", side) node, which `relax` may keep as RE2's `\\b`; without, it is None. (`\\b`
    itself stays None: kept in the pattern sets, its RE2 edges cost more DFA states on real MT
    than the documents they turn away save.)"""
    flags = _IGNORECASE if ignore_case else 0
    # Version 0 applies an inline flag group such as (?i) to the whole pattern, wherever it is.
    for _ in range(3):
        parser = _Parser(source, flags, edges)
        tree = parser.parse()
        if parser.global_flags | flags == flags:
            return tree
        flags |= parser.global_flags
    raise Unsupported("inline flags that do not settle")


_ANY_TEXT = Leaf(None, r"(?s:.*)")


class _Parser:
    def __init__(self, source: str, flags: int, edges: bool = False):
        self.source, self.pos, self.global_flags = source, 0, 0
        self.flags = [flags]
        self.edges = edges

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
            if positive:
                return ("look", behind, body)
            if self.edges and isinstance(body, Leaf) and _holds_ascii_word(body):
                return ("edge", "behind" if behind else "ahead")
            return None  # a negative one only vetoes
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
    if node[0] in ("look", "edge"):
        return False
    if node[0] == "rep":
        return True
    return any(_consumes(item) for item in node[1])


def _emit(node: Node, start: bool, end: bool) -> str:
    if node is None:
        return ""
    if isinstance(node, Leaf):
        return node.text
    if node[0] == "edge":  # no neighbour to read (see _edge_text)
        return ""
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
    if first is not None and last is not None and last < first:
        # Nothing consumes ("(?=b)(?<=a)"): the look-back's text still comes first in the text
        # and the look-ahead's after it, whatever their order in the pattern.
        return "(?:" + _emit(items[first], True, False) + _emit(items[last], False, True) + ")"
    return "(?:" + "".join(_edge_text(items, k) if isinstance(item, tuple) and item[0] == "edge"
                           else _emit(item, k == first, k == last) for k, item in enumerate(items)) + ")"


def _edge_text(items, k: int) -> str:
    """A word edge of a sequence, relaxed: RE2's `\\b` where the character on one side of it is
    one the pattern says is an ASCII word character (a Leaf of those alone, right next to it in
    the sequence), else nothing. Sound: where the original's edge holds at that place, the
    character on the other side is no word character (a negative lookaround's class holds every
    ASCII word character), so it is none of RE2's either, and RE2's `\\b` (ASCII) holds too."""
    side = items[k][1]
    after = items[k + 1] if k + 1 < len(items) else None
    before = items[k - 1] if k > 0 else None
    if side in ("both", "behind") and isinstance(after, Leaf) and _only_ascii_word(after):
        return r"\b"
    if side in ("both", "ahead") and isinstance(before, Leaf) and _only_ascii_word(before):
        return r"\b"
    return ""


def _only_ascii_word(leaf: Leaf) -> bool:
    """Every code point `leaf` matches is an ASCII letter, digit or underscore."""
    return leaf.ranges is not None and bool(leaf.ranges) and all(
        any(low >= a and high <= b for a, b in _ASCII_WORD) for low, high in leaf.ranges)


def _holds_ascii_word(leaf: Leaf) -> bool:
    """`leaf` matches every ASCII letter, digit and underscore (ASCII is in COMMON: exact there)."""
    if leaf.ranges is None:
        return False
    return all(any(low <= a and b <= high for low, high in leaf.ranges) or
               all(any(low <= c <= high for low, high in leaf.ranges) for c in range(a, b + 1))
               for a, b in _ASCII_WORD)


def _edge(items, order, behind_too: bool) -> int | None:
    """The item at the start (or end) of whatever a sequence matches: the first (last) one that
    is not zero-width, skipping lookaheads (lookbehinds), which look the other way."""
    for k in order:
        item = items[k]
        if item is None or (isinstance(item, tuple) and item[0] == "edge"):
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
