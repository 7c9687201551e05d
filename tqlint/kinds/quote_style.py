"""`quote-style`: source-language quotation marks („…” «…» »…« 「…」 …) become English ones.

Both marks of a pair change in one fix, so applying it can never leave a half-converted
quotation, and the finding covers the quotation (both marks are the error); an opening mark whose partner is not in the paragraph is converted alone (it is never
English). Pairing needs a stack per paragraph, which no regex gives.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError

OPTIONS = {
    "pairs": "list of {open, close, to}: an opening mark, the marks that may close it, the English "
    "[opening, closing] pair it becomes; optional nested-to (the pair used inside another "
    "quotation) and lone (false: leave an unpaired opening mark alone)",
    "trim-spaces": "also delete spaces just inside the marks, as in « text » (default true)",
    "convert-lone": "convert an opening mark whose closing one is not in its paragraph (default true)",
    "space-outside": "add the space English wants outside the marks where the source marks had none, "
    "as full-width CJK marks carry their own spacing (default false)",
    "whole-span": "a quotation whose closing mark is no English mark either (»…«, «…») is flagged whole "
    "when it is on one line and at most this many characters long (default 80); a longer one gets a "
    "finding on each of its two marks",
}
REQUIRED = ("pairs",)
PLACEHOLDERS = ("open", "match", "close", "english")  # filled in _Settings.message

_PARAGRAPH_BREAK = compile_pattern(r"\n[ \t]*\n")
_INNER_SPACE = " \u00a0\u202f\u2009"  # French typography puts (narrow) no-break spaces inside « »
_GLUED_BEFORE = compile_pattern(r"(?<=[\p{Latin}\d,;:])")  # "said「" → "said “"
_GLUED_AFTER = compile_pattern(r"[\p{Latin}\d]")  # "」said" → "” said"


def has_fix(options) -> bool:
    return True


class _Pair:
    __slots__ = ("open", "close", "to", "nested_to", "lone")

    def __init__(self, open_mark, close, to, nested_to, lone):
        self.open, self.close, self.to, self.nested_to, self.lone = open_mark, close, to, nested_to, lone


def _mark_list(value, key: str, what: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(m, str) and len(m) == 1 for m in items):
        raise RuleError(f"`{key}`: {what} must be one character or a list of single characters", key)
    return tuple(items)


def _english_pair(value, key: str):
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise RuleError(f"`{key}` must be a list of two marks: [opening, closing]", key)
    return tuple(value)


def _pairs(options) -> list[_Pair]:
    raw = options.get("pairs")
    if not isinstance(raw, list) or not raw:
        raise RuleError("`pairs` must be a list of {open, close, to}", "pairs")
    pairs = []
    for item in raw:
        if not isinstance(item, dict) or not {"open", "close", "to"} <= set(item) or not set(item) <= {
            "open", "close", "to", "nested-to", "lone",
        }:
            raise RuleError("each entry of `pairs` is {open, close, to} (optional: nested-to, lone)", "pairs")
        for open_mark in _mark_list(item["open"], "pairs", "`open`"):
            pairs.append(_Pair(
                open_mark, _mark_list(item["close"], "pairs", "`close`"),
                _english_pair(item["to"], "pairs"), _english_pair(item.get("nested-to"), "pairs"),
                bool(item.get("lone", True)),
            ))
    return pairs


def _paragraphs(view: str):
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(view):
        yield start, match.start()
        start = match.end()
    yield start, len(view)


class _Converter:
    """One rule's pairs and settings; `find` is its matcher."""

    def __init__(self, options: dict, rule):
        pairs = _pairs(options)
        self.trim = bool(options.get("trim-spaces", True))
        self.convert_lone = bool(options.get("convert-lone", True))
        self.space_outside = bool(options.get("space-outside", False))
        whole = options.get("whole-span", 80)
        if isinstance(whole, bool) or not isinstance(whole, int) or whole < 0:
            raise RuleError("`whole-span` must be a whole number of characters, 0 or more", "whole-span")
        self.whole_span = whole
        self.english_marks = {"\"", "'"} | {m for p in pairs for m in (p.to or ()) + (p.nested_to or ())}
        self.openers: dict[str, _Pair] = {}
        for pair in pairs:
            if pair.open in self.openers:
                raise RuleError(f"opening mark {pair.open!r} is listed twice in `pairs`", "pairs")
            self.openers[pair.open] = pair
        marks = set(self.openers) | {m for p in pairs for m in p.close}
        self.finder = regex.compile("[" + "".join(regex.escape(m) for m in sorted(marks)) + "]")
        self.template = str(rule.get("message", "")) if hasattr(rule, "get") else ""

    def message(self, pair: _Pair, english, close_mark: str | None = None) -> str | None:
        if "{" not in self.template or english is None:
            return None
        close_mark = close_mark or pair.close[0]
        return (self.template.replace("{open}", pair.open).replace("{match}", pair.open).replace("{close}", close_mark)
                .replace("{english}", english[0] + "…" + english[1]))

    def opening_edit(self, view, pos, english) -> Edit:
        end = pos + 1
        if self.trim:
            while end < len(view) and view[end] in _INNER_SPACE:
                end += 1
        space = " " if self.space_outside and _GLUED_BEFORE.match(view, pos) else ""
        return Edit(pos, end, space + english[0])

    def closing_edit(self, view, pos, english, floor) -> Edit:
        start = pos
        if self.trim:
            while start > floor and view[start - 1] in _INNER_SPACE:
                start -= 1
        space = " " if self.space_outside and _GLUED_AFTER.match(view, pos + 1) else ""
        return Edit(start, pos + 1, english[1] + space)

    def find(self, doc, context):
        view = doc.view
        if not self.finder.search(view):
            return
        for para_start, para_end in _paragraphs(view):
            yield from self._paragraph(view, para_start, para_end)

    def _paragraph(self, view: str, para_start: int, para_end: int):
        stack: list[tuple[_Pair, int]] = []
        for match in self.finder.finditer(view, para_start, para_end):
            mark, pos = match.group(), match.start()
            if stack and mark in stack[-1][0].close:
                pair, open_pos = stack.pop()
                english = pair.nested_to if stack and pair.nested_to else pair.to
                if english is None:  # a pair that is kept as it is (English “…” around others)
                    continue
                opening = self.opening_edit(view, open_pos, english)
                closing = self.closing_edit(view, pos, english, opening.end)  # "„ “": spaces shared
                yield from self._pair_hits(view, open_pos, pos, (opening, closing), self.message(pair, english, mark))
            elif mark in self.openers:
                stack.append((self.openers[mark], pos))
        if self.convert_lone:
            yield from self._lone(view, stack)

    def _pair_hits(self, view: str, open_pos: int, close_pos: int, edits, message):
        """One finding on the opening mark; a closing mark that is no English mark either (the
        « of »…«) is a source mark too: a short one-line quotation is flagged whole, a longer one
        gets a second finding on its closing mark, with the same fix."""
        if view[close_pos] in self.english_marks:
            yield Hit(open_pos, open_pos + 1, (edits,), message)
        elif close_pos - open_pos <= self.whole_span and "\n" not in view[open_pos:close_pos]:
            yield Hit(open_pos, close_pos + 1, (edits,), message)
        else:
            yield Hit(open_pos, open_pos + 1, (edits,), message)
            yield Hit(close_pos, close_pos + 1, (edits,), message)

    def _lone(self, view: str, stack):
        for depth, (pair, open_pos) in enumerate(stack):
            english = pair.nested_to if depth and pair.nested_to else pair.to
            if english is not None and pair.lone:
                yield Hit(open_pos, open_pos + 1, ((self.opening_edit(view, open_pos, english),),), self.message(pair, english))


def compile(options: dict, rule) -> Callable:
    return _Converter(options, rule).find
