"""`quote-balance`: quotation marks, paired within their paragraph.

Two modes, because both need the same pairing and neither fits a regex:

- `convert`: source-language marks („…” «…» »…« 「…」 …) become English ones. Both marks of a
  pair change in one fix, so applying it can never leave a half-converted quotation; an opening
  mark whose partner is not in the paragraph is converted alone (it is never English).
- `balance`: English “ ” that certainly pair with nothing. News quotations may run over several
  paragraphs (each continuation paragraph opens with “ and only the last one closes), and an
  excerpt may start or end inside a quotation, so only what no such reading explains is flagged.
"""

from __future__ import annotations

import regex

from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.cache.patterns import compile_pattern

OPTIONS = {
    "mode": "`convert` (source-language marks → English) or `balance` (English “ ” pairing nothing); default balance",
    "pairs": "convert: list of {open, close, to, nested-to}: an opening mark, the marks that may close it, "
    "the English [opening, closing] pair it becomes, and the pair used inside another quotation",
    "trim-spaces": "convert: also delete spaces just inside the marks, as in « text » (default true)",
    "convert-lone": "convert: convert an opening mark whose closing one is not in its paragraph (default true)",
    "space-outside": "convert: add the space English wants outside the marks where the source marks had none, "
    "as full-width CJK marks carry their own spacing (default false)",
}
REQUIRED = ()

_PARAGRAPH_BREAK = compile_pattern(r"\n[ \t]*\n")
_INNER_SPACE = " \u00a0\u202f\u2009"  # French typography puts (narrow) no-break spaces inside « »
_GLUED_BEFORE = compile_pattern(r"(?<=[\p{Latin}\d,;:])")  # "said「" → "said “"
_GLUED_AFTER = compile_pattern(r"[\p{Latin}\d]")  # "」said" → "” said"


def has_fix(options) -> bool:
    return options.get("mode", "balance") == "convert"


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
        raise RuleError("convert mode needs `pairs`: a list of {open, close, to}", "pairs")
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


def compile(options: dict, rule) -> callable:
    mode = options.get("mode", "balance")
    if mode == "convert":
        return _compile_convert(options, rule)
    if mode == "balance":
        return _find_unbalanced
    raise RuleError("`mode` must be `convert` or `balance`", "mode")


# ------------------------------------------------------------------------------------ convert


def _paragraphs(view: str):
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(view):
        yield start, match.start()
        start = match.end()
    yield start, len(view)


def _compile_convert(options: dict, rule) -> callable:
    pairs = _pairs(options)
    trim = bool(options.get("trim-spaces", True))
    convert_lone = bool(options.get("convert-lone", True))
    space_outside = bool(options.get("space-outside", False))
    openers: dict[str, _Pair] = {}
    for pair in pairs:
        if pair.open in openers:
            raise RuleError(f"opening mark {pair.open!r} is listed twice in `pairs`", "pairs")
        openers[pair.open] = pair
    marks = set(openers) | {m for p in pairs for m in p.close}
    finder = regex.compile("[" + "".join(regex.escape(m) for m in sorted(marks)) + "]")
    template = str(rule.get("message", "")) if hasattr(rule, "get") else ""

    def message(pair: _Pair, english, close_mark: str | None = None) -> str | None:
        if "{" not in template or english is None:
            return None
        close_mark = close_mark or pair.close[0]
        return (template.replace("{open}", pair.open).replace("{match}", pair.open).replace("{close}", close_mark)
                .replace("{english}", english[0] + "…" + english[1]))

    def opening_edit(view, pos, english):
        end = pos + 1
        if trim:
            while end < len(view) and view[end] in _INNER_SPACE:
                end += 1
        space = " " if space_outside and _GLUED_BEFORE.match(view, pos) else ""
        return Edit(pos, end, space + english[0])

    def closing_edit(view, pos, english, floor):
        start = pos
        if trim:
            while start > floor and view[start - 1] in _INNER_SPACE:
                start -= 1
        space = " " if space_outside and _GLUED_AFTER.match(view, pos + 1) else ""
        return Edit(start, pos + 1, english[1] + space)

    def find(doc, context):
        view = doc.view
        if not finder.search(view):
            return
        for para_start, para_end in _paragraphs(view):
            stack: list[tuple[_Pair, int]] = []
            for match in finder.finditer(view, para_start, para_end):
                mark, pos = match.group(), match.start()
                if stack and mark in stack[-1][0].close:
                    pair, open_pos = stack.pop()
                    english = pair.nested_to if stack and pair.nested_to else pair.to
                    if english is None:  # a pair that is kept as it is (English “…” around others)
                        continue
                    opening = opening_edit(view, open_pos, english)
                    closing = closing_edit(view, pos, english, opening.end)  # "„ “": spaces shared
                    yield Hit(open_pos, open_pos + 1, ((opening, closing),), message(pair, english, mark))
                elif mark in openers:
                    stack.append((openers[mark], pos))
            if not convert_lone:
                continue
            for depth, (pair, open_pos) in enumerate(stack):
                english = pair.nested_to if depth and pair.nested_to else pair.to
                if english is None or not pair.lone:
                    continue
                yield Hit(open_pos, open_pos + 1, ((opening_edit(view, open_pos, english),),), message(pair, english))

    return find


# ------------------------------------------------------------------------------------ balance

# “ and „ open; ” closes; a straight " closes an open quotation or opens one (mixed styles are
# another problem than a quotation left open). ” right after a digit closes an open quotation
# (“Ne Zha 2”, “Agenda 2030”); with nothing open it is an inch or second sign (6.1”).
_BALANCE_MARKS = compile_pattern(r'[“„"”]|\n')
_OPENING_POSITION = compile_pattern(r"(?:^|(?<=[\s(\[]))”(?=[\p{L}\d])")
_LINE_START = compile_pattern(r"[ \t>*#\-]*\Z")  # only indentation or list/quote markup before it


def _find_unbalanced(doc, context):
    view = doc.view
    if "“" not in view and "”" not in view and "„" not in view:
        return
    stack: list[int] = []  # positions of open quotations (innermost last)
    stack_from_earlier_line = False
    seen_mark = False  # any quotation mark earlier in the document
    first_in_line = True
    line_start = 0
    for match in _BALANCE_MARKS.finditer(view):
        mark, pos = match.group(), match.start()
        if mark == "\n":
            line_start = pos + 1
            first_in_line = True
            stack_from_earlier_line = bool(stack)
            continue
        first = first_in_line
        first_in_line = False
        if mark in "“„":
            at_line_start = bool(_LINE_START.match(view, line_start, pos))
            if stack and stack_from_earlier_line and first:
                if at_line_start:
                    # A continuation paragraph of a quotation that runs over several: it reopens.
                    stack[-1] = pos
                else:
                    # A new quotation starts mid-line while the earlier one was never closed
                    # (a straight " may have been an inch sign: not certain).
                    if view[stack[-1]] != '"':
                        yield Hit(stack[-1], stack[-1] + 1, (), _UNCLOSED)
                    stack = [pos]
                stack_from_earlier_line = False
                seen_mark = True
                continue
            stack.append(pos)
        elif stack:  # ” or " closes the innermost open quotation
            stack.pop()
        elif mark == "”" and pos and view[pos - 1].isdigit():
            continue  # nothing open: an inch or second sign
            if not stack:
                stack_from_earlier_line = False
        elif mark == '"':
            stack.append(pos)  # "…” mixes styles, but pairs
        elif _OPENING_POSITION.match(view, pos):
            stack.append(pos)  # ”…” (Swedish, Finnish style): a wrong glyph, but it does open
        elif mark == "”" and not (first and not seen_mark):
            # Nothing is open. Only the very first mark of a document may close a quotation that
            # began before the excerpt.
            yield Hit(pos, pos + 1, (), _STRAY_CLOSE)
        seen_mark = True
    # A quotation still open at the end may go on past the excerpt: not certainly wrong.


_UNCLOSED = (
    "This quotation mark opens a quotation that is never closed: a new quotation starts before "
    "any closing ”. Close it where the quoted words end."
)
_STRAY_CLOSE = (
    "This closing quotation mark ” closes nothing: no quotation is open before it. Either the "
    "opening “ was lost or the mark is left over."
)
