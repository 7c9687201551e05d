"""The blocks and inline tokens markdown-it gives a *simple* Markdown article, without loading
markdown-it (a quarter of a cold start checking one article).

Simple means: blocks separated by blank lines, each an ATX heading line, a paragraph, a bullet
list of one-line `- ` or `1. ` items, a blockquote of `> ` lines or a fenced code block opened at
the start of a line (not prose: left out); inline, plain text with `[text](url)` or
`[text](url "title")` links, single-backtick code spans, a bare `&` (one no entity could start)
and `*em*`, `_em_`, `**strong**`, `__strong__` around plain words, opening after a space and
closing before a space or punctuation (_emphasis: no flanking rule can read them otherwise).
Anything else anywhere in the body (other emphasis, escapes, entities, HTML, tables,
indentation, a lazy continuation line, tabs, carriage returns, whitespace other than spaces)
makes `simple_blocks` return None and markdown-it reads the article. tests/test_simple_markdown.py
proves the tokens identical to markdown-it's on every Markdown file of the project, the bench's
generated articles and random near-simple documents, so the prose view cannot differ.
"""

from __future__ import annotations

import functools
import re

# What markdown-it's inline rules start at (`[`, "`" and "!" are handled below), plus table
# pipes, NUL and every whitespace but space and newline: none of it is simple.
_NOT_SIMPLE = re.compile(r"[\\*_<|\]\x00]|&(?=[A-Za-z0-9]*;|#)|[^\S \n]")
# A line that starts a block other than a paragraph (or could continue one as an underline).
_BLOCK_START = re.compile(r"[ #>\-+=`~<|:\[]|[*_](?![*_]?[^\W_])|\d{1,9}[.)](?![^ \t])")
_HEADING = re.compile(r"(#{1,6}) ([^#\s](?:[^#\n]*[^#\s])?)")
_LINK = re.compile(r"\[([^\[\]\n`\\*_&<|!\x00]+)\]\((?:https?://[A-Za-z0-9/:._~?=#%+,;@!$&'*-]*|[A-Za-z0-9/.#?][A-Za-z0-9/._~?=#%+,;@!$&'*-]*)"
                   r"(?: +\"[^\"\\\n`\[\]<\x00]*\")?\)")
_CODE = re.compile(r"`([^`\n]+)`(?!`)")
_INLINE_SPECIAL = re.compile(r"[\n\[`*_]")


# _ordered, _fence and _emphasis are compiled only for text that may hold what they match (each
# compile costs a cold start 0.1-0.8 ms; most articles hold no list, fence or emphasis).
@functools.cache
def _ordered() -> re.Pattern[str]:
    """A numbered list item's start ("1. ", "2) "); tried only on a line opening with a digit."""
    return re.compile(r"\d{1,9}([.)]) ")


@functools.cache
def _fence() -> re.Pattern[str]:
    """An opening code fence at the start of a line (CommonMark: 3+ backticks with an info string
    free of backticks, or 3+ tildes); _closes says what closes it."""
    return re.compile(r"(`{3,})[^`]*|(~{3,}).*")


@functools.cache
def _emphasis() -> re.Pattern[str]:
    """Emphasis or strong emphasis that only opens (after the start, a space or an opening bracket
    or quote; before a letter or digit) and only closes (after a letter or digit, before the end,
    a space or punctuation; or after `.`, `!` or `?`, before the end or a space), around plain
    text: markdown-it's flanking rules give exactly this pair. Compiled only for text holding
    `*` or `_`."""
    return re.compile(r"(?<![^ \n(“\"])(\*\*|\*|__|_)(?:([^\W_](?:[^*_\n`\[\]\\<|&\x00]*[^\W_])?)\1(?![^ \n.,;:?)”’\"'])"
                      r"|([^\W_][^*_\n`\[\]\\<|&\x00]*[.!?])\1(?![^ \n]))")


class Token:
    """The fields of a markdown-it inline token that tqlint.text.readers.markdown reads."""

    __slots__ = ("type", "content", "markup")

    def __init__(self, type: str, content: str = "", markup: str = ""):
        self.type, self.content, self.markup = type, content, markup

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.content!r}, {self.markup!r})"


def simple_blocks(parsed: str) -> list[tuple[int, int, str, list[Token]]] | None:
    """(first line, line after the last, content, inline tokens) of each block that holds
    prose, as markdown-it's `inline` tokens have them; None when the text is not simple."""
    if "\r" in parsed or "\x00" in parsed:  # (other line ends; NUL is replaced)
        return None
    lines = parsed.split("\n")
    if "```" in parsed or "~~~" in parsed:
        lines = _without_fences(lines)
        parsed = "\n".join(lines)
    if "![" in parsed or "|" in parsed or not _only_allowed(parsed):  # (a pipe even in code: tables)
        return None
    blocks: list[tuple[int, int, str, list[Token]]] = []
    i, count = 0, len(lines)
    while i < count:
        if not lines[i].strip(" "):
            i += 1
            continue
        end = i
        while end < count and lines[end].strip(" "):
            end += 1
        found = _blocks_of(lines[i:end], i)
        if found is None:
            return None
        blocks += found
        i = end
    return blocks


def _blocks_of(lines: list[str], first: int) -> list[tuple[int, int, str, list[Token]]] | None:
    """The blocks of one run of non-blank lines starting at line `first`, or None."""
    heading = _HEADING.fullmatch(lines[0])
    if heading:
        return [_block(first, first + 1, heading.group(2))] if len(lines) == 1 else None
    ordered = _ordered().match(lines[0]) if lines[0][:1].isdecimal() else None  # (isdecimal: what \d matches)
    if ordered:  # one item, one paragraph per line, all with the same delimiter
        items = [_ordered().match(line) for line in lines]
        if any(item is None or item.group(1) != ordered.group(1) or not _plain_start(line[item.end():])
               for item, line in zip(items, lines)):
            return None
        blocks = [_block(first + n, first + n + 1, line[item.end():].rstrip(" "))  # type: ignore[union-attr]
                  for n, (item, line) in enumerate(zip(items, lines))]
        return None if any(tokens is None for *_, tokens in blocks) else blocks
    marker = lines[0][:2]
    if marker in ("- ", "> "):
        if any(not line.startswith(marker) or not _plain_start(line[2:]) for line in lines):
            return None
        if marker == "- ":  # one item, one paragraph per line
            blocks = [_block(first + n, first + n + 1, line[2:].rstrip(" ")) for n, line in enumerate(lines)]
        else:  # one paragraph in the quote
            blocks = [_block(first, first + len(lines), "\n".join(line[2:] for line in lines).rstrip(" "))]
    elif all(_plain_start(line) for line in lines):
        blocks = [_block(first, first + len(lines), "\n".join(lines).rstrip(" "))]
    else:
        return None
    return None if any(tokens is None for *_, tokens in blocks) else blocks


def _without_fences(lines: list[str]) -> list[str]:
    """`lines` with each fenced code block (fences included) blanked: code holds no prose, and
    the blank lines keep the line numbers and end the blocks around it as the fence does."""
    lines = lines[:]
    i, count, fence = 0, len(lines), _fence()
    while i < count:
        opening = fence.fullmatch(lines[i])
        if opening is None:
            i += 1
            continue
        marks = opening.group(1) or opening.group(2)
        end = i + 1
        while end < count and not _closes(lines[end], marks):
            end += 1
        for n in range(i, min(end + 1, count)):  # an unclosed fence runs to the end
            lines[n] = ""
        i = end + 1
    return lines


def _closes(line: str, marks: str) -> bool:
    """Whether `line` closes a fence opened by `marks`: up to 3 spaces, as many marks or more,
    then only spaces or tabs."""
    body = line.lstrip(" ")
    body, indent = body.rstrip(" \t"), len(line) - len(body)
    return indent <= 3 and len(body) >= len(marks) and body == marks[0] * len(body)


def _only_allowed(parsed: str) -> bool:
    """No character outside links and code spans that markdown-it's inline rules would read."""
    rest = _CODE.sub("", _LINK.sub("", parsed))
    if "*" in rest or "_" in rest:
        rest = _emphasis().sub("", rest)
    return not _NOT_SIMPLE.search(rest) and "`" not in rest and "[" not in rest


def _plain_start(text: str) -> bool:
    return bool(text) and not _BLOCK_START.match(text)


def _block(first: int, last: int, content: str):
    return first, last, content, _inline(content)


def _inline(content: str) -> list[Token] | None:
    """markdown-it's inline tokens for `content` (text, softbreak, hardbreak, link_open, text,
    link_close, code_inline, em/strong open and close), as its rules and `pending` text produce
    them; None if anything is not simple."""
    tokens: list[Token] = []
    pending: list[str] = []

    def add(token: Token) -> None:  # (adjacent text tokens are one: markdown-it's fragments_join)
        if token.type == "text" and tokens and tokens[-1].type == "text":
            tokens[-1].content += token.content
        else:
            tokens.append(token)

    def flush() -> None:
        if pending:
            add(Token("text", "".join(pending)))
            pending.clear()

    pos, size = 0, len(content)
    while pos < size:
        ch = content[pos]
        if ch == "\n":  # markdown-it's newline rule
            text = "".join(pending)
            stripped = text.rstrip(" ")
            pending[:] = [stripped] if stripped else []
            flush()
            tokens.append(Token("hardbreak" if len(text) - len(stripped) >= 2 else "softbreak"))
            pos += 1
            while pos < size and content[pos] == " ":
                pos += 1
            continue
        if ch in "[`*_":
            span = _span(content, pos)
            if span is None:
                return None
            flush()
            for token in span[0]:
                add(token)
            pos = span[1]
            continue
        special = _INLINE_SPECIAL.search(content, pos)
        stop = special.start() if special else size
        pending.append(content[pos:stop])
        pos = stop
    flush()
    return tokens


def _span(content: str, pos: int) -> tuple[list[Token], int] | None:
    """The tokens of the link, code span or emphasis at `pos` and the offset after it."""
    ch = content[pos]
    if ch == "[":
        link = _LINK.match(content, pos)
        if not link:
            return None
        return [Token("link_open"), Token("text", link.group(1)), Token("link_close")], link.end()
    if ch == "`":
        code = _CODE.match(content, pos)
        if not code or (pos and content[pos - 1] == "`"):
            return None
        inside = code.group(1)
        if inside.startswith(" ") and inside.endswith(" ") and inside.strip(" "):
            inside = inside[1:-1]  # markdown-it takes one space off each side
        return [Token("code_inline", inside, "`")], code.end()
    emphasis = _emphasis().match(content, pos)
    if not emphasis or (pos and content[pos - 1] not in " \n(“\""):
        return None
    marks = emphasis.group(1)
    kind = "strong" if len(marks) == 2 else "em"
    tokens = [Token(kind + "_open", "", marks), Token("text", emphasis.group(2) or emphasis.group(3)),
              Token(kind + "_close", "", marks)]
    if kind == "strong":  # each run's other mark is left as an empty text token
        tokens = [Token("text"), *tokens, Token("text")]
    return tokens, emphasis.end()
