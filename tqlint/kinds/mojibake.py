"""`mojibake`: text that went through the wrong decoding, repaired with ftfy.

- `repair: encoding` (default): UTF-8 read as Windows-1252 or Latin-1 ("companyâ€™s" for
  "company’s", "Ã©" for "é"). A cheap regex finds the byte-pair shapes that mojibake is made of;
  only the words holding one go to `ftfy.fix_encoding`, and only what ftfy changes is flagged, so
  correct accented names (São Paulo, Dalí, Łódź) never are, and ftfy is not even imported for
  a clean document.
- `repair: html-entities`: character references left in prose ("&quot;", "&#8217;"). Rules see the
  prose view, where Markdown and HTML readers have already decoded real entities, so what is left
  there is an artifact in every file type (in Markdown and HTML, a double escape like "&amp;quot;").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError

OPTIONS = {
    "repair": "`encoding` (mojibake, repaired with ftfy; default) or `html-entities` (leftover character references)",
}
REQUIRED = ()


def has_fix(options) -> bool:
    return True


# A UTF-8 lead byte (0xC2-0xF4) shown as a Latin-1/Windows-1252 letter, followed by as many
# continuation bytes (0x80-0xBF) shown the same way as the lead byte announces: the shape every
# mojibake sequence has, and one that correct text ("Dalí’s": í then ’ then a letter) lacks.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MARKER = compile_pattern(
    f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
    r"|â€(?=[\s.,;:!?)\]]|$)"
)
# Windows-1252 has no character for byte 0x9D, so the closing quote ” (E2 80 9D) often loses its
# last byte and shows as a bare "â€" before a space or punctuation.
_LOST_9D = compile_pattern(r"â€(?=[\s.,;:!?)\]]|$)")
_TOKEN_BREAK = " \t\r\n\ufffc"
# The first character of every _MARKER alternative: the standard library's character-class scan
# rules a document out at memory speed, where _MARKER's alternation would try every position.
_LEAD = re.compile("[\u00c2-\u00f4]")
_LONG_TOKEN = 2000
_ENTITY = compile_pattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_UNWANTED = compile_pattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\n\r\t]")


def compile(options: dict, rule) -> Callable:
    repair = options.get("repair", "encoding")
    if repair == "encoding":
        return _find_mojibake
    if repair == "html-entities":
        return _find_entities
    raise RuleError("`repair` must be `encoding` or `html-entities`", "repair")


def _token_bounds(view: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and view[start - 1] not in _TOKEN_BREAK:
        start -= 1
    end = pos
    while end < len(view) and view[end] not in _TOKEN_BREAK:
        end += 1
    return start, end


# Ä or Å followed by a character whose Windows-1252 byte is a UTF-8 continuation byte (0x80-0xBF).
_CE_PAIR = compile_pattern("[ÄÅ][\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
                         "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
                         "\u00a0-\u00bf]")
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"“”«»"


@functools.lru_cache(maxsize=4096)  # damaged documents repeat the same words ("â€™s")
def repair_token(token: str) -> str:
    """ftfy's repair of one word, or the word itself when ftfy is not sure."""
    from ftfy import fix_encoding  # start-up: ftfy loads only where mojibake may be
    from ftfy.badness import is_bad  # start-up: as above

    fixed = fix_encoding(_LOST_9D.sub("â€\x9d", token))
    if fixed == token:
        fixed = _central_european(token)
    if fixed == token or is_bad(fixed) or _UNWANTED.search(fixed):
        return token
    return fixed


def _central_european(token: str) -> str:
    """Letters of Romanian, Polish, Czech, Turkish… (ş ą ł ś ž) whose UTF-8 bytes were read
    as Windows-1252 show as Ä or Å and a mark ("BucureÅŸti", "DÄ…browski"). ftfy leaves
    these alone when unsure; the pair is unambiguous when the whole word then decodes as
    UTF-8 into letters only, so that is the test. Anything else keeps the word unchanged."""
    if not _CE_PAIR.search(token):
        return token
    word = token.strip(_EDGE_PUNCTUATION)
    try:
        decoded = word.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return token
    if not decoded.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return token
    return token.replace(word, decoded, 1)


def changed_stretches(old: str, new: str) -> list[tuple[int, int, str]]:
    """The separate stretches of `old` that became something else in `new`: (start, end, text).
    A stretch that would vanish takes the next character along ("Â£" → "£", not "Â" → "")."""
    opcodes: list[tuple[str, int, int, int, int]] | list
    if len(old) > _LONG_TOKEN:  # keep the quadratic matcher away from giant tokens
        opcodes = [("replace", 0, len(old), 0, len(new))]
    else:
        import difflib  # start-up: only for a text that is mojibake (difflib compiles regexes on import)

        opcodes = list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    stretches: list[list[int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if (j1 == j2 or i1 == i2) and i2 < len(old):
            i2, j2 = i2 + 1, j2 + 1  # a pure deletion or insertion takes the next character along
        elif i1 == i2 and i1 > 0:
            i1, j1 = i1 - 1, j1 - 1  # an insertion at the end takes the character before it
        if stretches and stretches[-1][1] >= i1:
            stretches[-1][1], stretches[-1][3] = max(stretches[-1][1], i2), max(stretches[-1][3], j2)
        else:
            stretches.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in stretches]


def _find_mojibake(doc, context):
    view = doc.view
    if view.isascii() or not _LEAD.search(view):
        return  # every marker starts with a lead byte shown as Â-ô: none here, nothing to repair
    done = 0  # tokens are repaired once, however many markers they hold
    for match in _MARKER.finditer(view):
        if match.start() < done:
            continue
        start, end = _token_bounds(view, match.start())
        done = end
        token = view[start:end]
        fixed = repair_token(token)
        if fixed == token:
            continue
        for old_start, old_end, replacement in changed_stretches(token, fixed):
            yield Hit.replace(start + old_start, start + old_end, [replacement])


def _find_entities(doc, context):
    view = doc.view
    if "&" not in view:
        return
    import html  # start-up: only for prose that holds an ampersand
    from html.entities import html5  # (the same)

    escape_specials = doc.syntax != "text"  # in Markdown and HTML a bare < & > would be markup
    for match in _ENTITY.finditer(view):
        entity = match.group()
        if entity[1] != "#" and entity[1:] not in html5:
            continue  # "&notanentity;" is not "&not" followed by text
        value = html.unescape(entity)
        if value == entity or not value or _UNWANTED.search(value):
            continue
        if escape_specials and value in ("<", ">", "&"):
            value = html.escape(value)
        yield Hit.replace(match.start(), match.end(), [value])
