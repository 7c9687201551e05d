"""Inline suppressions: `tqlint-disable [RULE…]`, `tqlint-enable [RULE…]`,
`tqlint-disable-next-line [RULE…]` and `tqlint-disable-line [RULE…]`.

In Markdown and HTML they live in comments (<!-- tqlint-disable en-news -->); in plain text,
anywhere on a line. No rule named means every rule.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.packs.selection import names_rule

_DIRECTIVE = compile_pattern(r"tqlint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)")
_COMMENT = compile_pattern(r"<!--(.*?)-->", regex.DOTALL)


@dataclass(frozen=True)
class Directive:
    """One suppression comment: its action, the rules it names, where it stands."""
    action: str
    rules: tuple[str, ...]  # empty: all rules
    offset: int
    line: int


def _rules(argument: str) -> tuple[str, ...]:
    argument = argument.split("-->")[0]
    # " -- " ends the rule list: what follows is the reason, as in `tqlint-disable x -- quoted`.
    argument = regex.split(r"(?:^|\s)--(?:\s|$)", argument)[0]
    return tuple(part for part in regex.split(r"[\s,]+", argument) if part)


def _code_lines(text: str) -> list[tuple[int, int]]:
    """0-based [first, last) line ranges of Markdown front matter and code blocks, where a
    comment is an example being shown, not a directive."""
    from tqlint.text.readers.markdown import (  # start-up: markdown-it loads only for Markdown
        _parser,
        front_matter_end,
    )

    body = front_matter_end(text)
    parsed = "\n" * text.count("\n", 0, body) + text[body:]
    ranges = [(0, text.count("\n", 0, body))] if body else []
    ranges += [tuple(t.map) for t in _parser().parse(parsed) if t.type in ("fence", "code_block") and t.map]
    return ranges


def parse_directives(text: str, syntax: str, lines) -> list[Directive]:
    if "tqlint-" not in text:
        return []
    found = []
    if syntax in ("markdown", "html"):
        code = _code_lines(text) if syntax == "markdown" else []
        for comment in _COMMENT.finditer(text):
            first_line = lines.position(comment.start())[0] - 1
            if any(start <= first_line < end for start, end in code):
                continue
            for match in _DIRECTIVE.finditer(comment.group(1)):
                offset = comment.start(1) + match.start()
                found.append(Directive(match.group(1), _rules(match.group(2)), offset, lines.position(comment.end())[0]))
    else:
        for match in _DIRECTIVE.finditer(text):
            found.append(Directive(match.group(1), _rules(match.group(2)), match.start(), lines.position(match.start())[0]))
    return found


class Suppressions:
    """The directives of one document, and which of them suppressed a finding."""

    def __init__(self, directives: list[Directive], lines):
        self._lines = lines
        self.directives = directives
        self.used: set[int] = set()  # indexes into `directives`
        self._ranges = [(i, d) for i, d in enumerate(directives) if d.action in ("disable", "enable")]
        self._offsets = [d.offset for _, d in self._ranges]
        self._by_line: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
        for i, d in enumerate(directives):
            target = d.line + 1 if d.action == "disable-next-line" else d.line
            if d.action.endswith("line"):
                self._by_line.setdefault(target, []).append((i, d.rules))

    def __bool__(self) -> bool:
        return bool(self._ranges or self._by_line)

    def suppressed(self, rule_id: str, offset: int, former: tuple[str, ...] = ()) -> bool:
        """`former`: the rule's former ids, which a comment written before it moved may name."""
        line = self._lines.position(offset)[0]
        for index, rules in self._by_line.get(line, ()):
            if not rules or any(names_rule(r, rule_id, former) for r in rules):
                self.used.add(index)
                return True
        deciding = None
        for index, directive in self._ranges[: bisect.bisect_right(self._offsets, offset)]:
            if not directive.rules or any(names_rule(r, rule_id, former) for r in directive.rules):
                deciding = (index, directive.action == "disable")
        if deciding is None or not deciding[1]:
            return False
        self.used.add(deciding[0])
        return True


def line_directive(rule_id: str, syntax: str) -> str:
    """The directive that switches `rule_id` off on the line it ends, written as a file of
    this syntax carries it: a comment in Markdown and HTML, plain words in plain text."""
    directive = f"tqlint-disable-line {rule_id}"
    return f"<!-- {directive} -->" if syntax in ("markdown", "html") else directive
