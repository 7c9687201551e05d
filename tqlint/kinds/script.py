"""`script`: another script's letters and punctuation left in English prose.

Engines leave words in the source script (CJK, kana, hangul, Cyrillic, Greek, Arabic, Hebrew,
Thai, Devanagari…) and the source's punctuation (，。、「」『』《》【】・（）full-width forms). One
scan finds every character English prose does not use; the rule's `find:` says what it reports:

- `letters`: a run of letters of another script, however short, with no fix (it needs a
  translator). A name in its own script beside its English form is allowed — in brackets after a
  Latin word, "Li Wei (李伟)", or before an English gloss in brackets, "李伟 (Li Wei)" — and so
  are single letters used as symbols (μg, π, Δ).
- `marks`: a source punctuation mark, replaced by the English mark from the `marks` table, with
  the space English wants where the full-width mark carried its own. A rule with `safe: true`
  reports the marks whose English form is certain; one with `safe: false` the others. A mark
  that doubles the punctuation before it ("lost?？", `"Go!" 」`) is deleted. Marks with `to:
  null` have no certain English form: a rule of only such marks finds them and gives its
  `no-fix` reason.
  Marks touching a run of source letters belong to that run (they are untranslated text).
- `lookalikes`: a Cyrillic or Greek letter inside a Latin word ("Аpple" with Cyrillic А), fixed
  by the Latin letter it looks like.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "find": "`letters` (words of another script), `marks` (source punctuation) or `lookalikes` (Cyrillic/Greek letters in Latin words)",
    "marks": "mapping mark → {to: English mark (null: none is certain), nested: mark inside 「…」, digits: mark between digits (certain), "
    "space: before|after (the space a full-width mark carried), safe: false when `to` is a guess}",
    "symbols": "letters of other scripts that stand alone as symbols in English: α, β, μ, π, Ω…",
    "lookalikes": "mapping letter → the Latin letter it looks like (Cyrillic а → a); `letters` leaves such words to `lookalikes`",
    "hyphen-before": "words after which a middle dot between Latin words becomes a hyphen (Saint・Etienne → Saint-Etienne)",
    "middle-dots": "marks: the middle dots that join the parts of a foreign name in Chinese and Japanese (・ ·; default none)",
    "fullwidth-forms": "marks: also full-width letters, digits and symbols (Ａ, ７, ％), fixed by their ASCII form (default false)",
    "pairs": "marks: mapping opening mark → closing mark; a pair on one line is one finding, both marks converted in one fix",
    "mention-words": "words that, just before a run, show it is quoted as a form, not left untranslated: written, spelled, character…",
    "script-names": "mapping Unicode script → the name the message uses (Han: Chinese or Japanese)",
}
REQUIRED = ("find",)

_FIND = ("letters", "marks", "lookalikes")
_LETTER = r"[[\p{L}\p{Nl}]--\p{Latin}--\p{Common}--\p{Inherited}]"  # (Nl: the ideographic zero 〇, a Japanese list mark)
# A run: letters of other scripts, with their marks, the kana length mark and the iteration mark,
# joined across single spaces, apostrophes or hyphens to the next such letter.
_RUN = compile_pattern(rf"{_LETTER}(?:[{_LETTER}\p{{M}}ー々〆\u200b-\u200d]|[ '’\-・](?={_LETTER}))*", regex.V1)
_ANY_LETTER = compile_pattern(_LETTER, regex.V1)
_LATIN = compile_pattern(r"\p{Latin}")
# A word, number or measure ("WНO", "105х195", "50°С") with Cyrillic or Greek letters among
# Latin letters, digits or a degree sign.
_MIXED_WORD = compile_pattern(r"[\p{L}\p{M}\d°]*(?:[\p{Latin}\d°][\p{L}\p{M}\d°]*[\p{Cyrillic}\p{Greek}]"
                            r"|[\p{Cyrillic}\p{Greek}][\p{L}\p{M}\d°]*[\p{Latin}\d°])[\p{L}\p{M}\d°]*")
_GLUE = compile_pattern(r"[\p{Latin}\d°]")
_CYRILLIC_OR_GREEK = compile_pattern(r"[\p{Cyrillic}\p{Greek}]")
_WORD_BEFORE = compile_pattern(r"(\p{Latin}[\p{L}\p{M}'’.-]*)[ \t]*$")
_OPENING_GLUE = compile_pattern(r"[\p{L}\p{N}.,;:!?)\]”’\"]")  # what makes an opening mark need a space before it
_CLOSING_GLUE = compile_pattern(r"[\p{L}\p{N}“‘(\[\"]")  # what makes a closing mark need a space after it
# Full-width letters, digits and the symbols whose ASCII form is the same symbol (Ａ, ７, ％, ＃).
_FULLWIDTH_PLAIN = compile_pattern(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF03-\uFF06\uFF0B\uFF1D\uFF20\uFFE5]")
_GLOSS_BRACKETS = ("(", "（")
# CJK punctuation, full-width forms and the katakana middle dot: glued to a run of source letters
# they are part of the untranslated text.
_SOURCE_MARK = compile_pattern(r"[\u3000-\u303F\u30FB\u30FC\uFF01-\uFF65\uFFE0-\uFFEE]")
# Blocks where none of the three finders looks (Latin, IPA, modifiers and combining marks, general
# punctuation, currency: tests/test_kind_script.py proves it code point by code point). A text
# with nothing outside them, most English with curly quotes, needs one scan for the five rules.
PLAIN_BLOCKS = ((0x0000, 0x036F), (0x2000, 0x206F), (0x20A0, 0x20CF))
_OUTSIDE_PLAIN = compile_pattern("[^" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in PLAIN_BLOCKS) + "]")


def _outside_plain(doc) -> bool:
    """Does the prose view hold a character outside PLAIN_BLOCKS? (once per document)"""
    try:
        return doc._tqlint_script_outside
    except AttributeError:
        doc._tqlint_script_outside = found = _OUTSIDE_PLAIN.search(doc.view) is not None
        return found


def _in_plain_blocks(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in PLAIN_BLOCKS)


class _Mark:
    __slots__ = ("to", "nested", "digits", "space", "safe", "fixless")

    def __init__(self, key: str, spec):
        if isinstance(spec, str):
            spec = {"to": spec}
        if not isinstance(spec, dict) or not set(spec) <= {"to", "nested", "digits", "space", "safe"}:
            raise RuleError(f"`marks`: {key!r} needs a mark or {{to, nested, digits, space, safe}}", "marks")
        self.to, self.nested, self.digits = spec.get("to"), spec.get("nested"), spec.get("digits")
        self.space, self.safe = spec.get("space"), spec.get("safe", True)
        # `to: null`: no English mark is certain (a title mark may want italics, quotes or brackets).
        self.fixless = "to" in spec and self.to is None
        if self.space not in (None, "before", "after") or not isinstance(self.safe, bool):
            raise RuleError(f"`marks`: {key!r}: `space` is before or after, `safe` true or false", "marks")
        if not all(v is None or isinstance(v, str) for v in (self.to, self.nested, self.digits)) or (self.to is None and not self.fixless):
            raise RuleError(f"`marks`: {key!r} needs `to`, the English mark (null: none is certain)", "marks")


def has_fix(options) -> bool:
    return options.get("find") != "letters" and not _fixless_marks(options)


def _fixless_marks(options) -> bool:
    """A `marks` rule whose marks all have `to: null`: it finds them and says why it cannot fix them."""
    marks = options.get("marks")
    return (options.get("find") == "marks" and isinstance(marks, dict) and bool(marks)
            and all(isinstance(v, dict) and "to" in v and v["to"] is None for v in marks.values()))


def _table(options, key, required=False) -> dict:
    value = options.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
        raise RuleError(f"`{key}` must be a mapping", key)
    return value


def compile(options: dict, rule) -> Callable:
    find = options.get("find")
    if find not in _FIND:
        raise RuleError(f"`find` must be one of {', '.join(_FIND)}", "find")
    settings = _Settings(options, bool(rule.get("safe", False)) if hasattr(rule, "get") else True,
                         str(rule.get("message", "")) if hasattr(rule, "get") else "")
    finder = {"letters": settings.letters, "marks": settings.marks, "lookalikes": settings.lookalikes}[find]

    # Marks a `marks` rule looks for inside the plain blocks (the middle dot ·): tested one by one.
    plain_marks = [c for c in settings.mark_starts if _in_plain_blocks(c)] if find == "marks" else []

    def matcher(doc, context):
        view = doc.view
        if view.isascii() or not (_outside_plain(doc) or any(c in view for c in plain_marks)):
            return
        if find != "letters" or doc.bitext is None or doc.bitext.language not in _LATIN_SCRIPT_SOURCES:
            yield from finder(view)
            return
        copied: set[str] | None = None  # the source's own runs of other scripts, read on the first hit
        for hit in finder(view):
            if copied is None:
                source = doc.bitext.source.view
                copied = {source[a:b] for a, b in _source_runs(source)}
            if view[hit.start:hit.end] not in copied:
                yield hit

    return matcher


# Source languages written in Latin letters: a run of another script that such a source itself
# writes, whole and as it is (a handle or a name in Greek letters in a Czech post), is copied, not left
# untranslated. Under a source in that script (Russian for Cyrillic, Japanese) the copy is what
# an untranslated run looks like, so those stay flagged.
_LATIN_SCRIPT_SOURCES = frozenset(
    "cs sk pl de fr es it pt ro hr sl hu nl sv da no fi et lv lt tr ca liv".split())


def _script_names(options) -> list[tuple[Any, str]]:
    names = {script: str(name) for script, name in _table(options, "script-names").items()}
    patterns = []
    for script, name in names.items():
        try:
            patterns.append((compile_pattern(rf"\p{{{script}}}"), name))
        except regex.error:
            raise RuleError(f"`script-names`: {script!r} is no Unicode script", "script-names") from None
    return patterns


class _Settings:
    """A rule's options, checked, and the three finders that use them."""

    def __init__(self, options: dict, safe: bool, message: str = ""):
        find = options.get("find")
        self.safe, self.message = safe, message
        self.symbols = frozenset(options.get("symbols") or ())
        self.scripts = _script_names(options)
        self.mark_table = {key: _Mark(key, spec) for key, spec in _table(options, "marks", find == "marks").items()}
        self.lookalike_table = {k: str(v) for k, v in _table(options, "lookalikes", find == "lookalikes").items()}
        self.dots = str(options.get("middle-dots", ""))
        fullwidth = options.get("fullwidth-forms", False)
        if not isinstance(fullwidth, bool):
            raise RuleError("`fullwidth-forms` must be true or false", "fullwidth-forms")
        self.mention_words = frozenset(w.lower() for w in options.get("mention-words") or ())
        self.hyphen_before = frozenset(w.lower() for w in options.get("hyphen-before") or ())
        alternatives = [regex.escape(k) for k in sorted(self.mark_table, key=len, reverse=True)]
        alternatives += [f"[{regex.escape(self.dots)}]"] if self.dots else []
        alternatives += [_FULLWIDTH_PLAIN.pattern] if fullwidth else []
        self.mark_re = compile_pattern("|".join(alternatives) or r"(?!)")
        # The characters a mark can start with, as one class: `regex` tries an alternation of
        # literals branch by branch at every position, a class in one test, so a text without
        # any of them (nearly every English one) is settled by one quick scan.
        self.mark_starts = starts = "".join(sorted({k[0] for k in self.mark_table} | set(self.dots)))
        self.mark_start = compile_pattern(
            "[" + regex.escape(starts, special_only=False) + (_FULLWIDTH_PLAIN.pattern[1:-1] if fullwidth else "") + "]"
            if starts or fullwidth else r"(?!)")
        self.pairs = {str(k): str(v) for k, v in _table(options, "pairs").items()}
        fixless = [m.fixless for m in self.mark_table.values()]
        if any(fixless) and (not all(fixless) or self.dots or fullwidth):
            raise RuleError("`marks`: a rule's marks all have an English mark or none has (`to: null`), "
                            "and a rule without one finds no middle dots or full-width forms", "marks")
        if not all(k in self.mark_table and v in self.mark_table for k, v in self.pairs.items()):
            raise RuleError("`pairs`: both marks of each pair must be in `marks`", "pairs")

    def letters(self, view: str):
        for start, end in _source_runs(view):
            text = view[start:end]
            if len(text) == 1 and text in self.symbols:
                continue  # μg, π, Δt: a symbol
            if (_glossed(view, start, end) or _is_lookalike_word(view, start, end, self.lookalike_table)
                    or _mentioned(view, start, self.mention_words)):
                continue
            script = next((name for pattern, name in self.scripts if pattern.match(text)), "another script's")
            yield Hit(start, end, (), f"{script} text left untranslated: '{text}'. It needs a translation"
                                      " (a name in its own script may stay in brackets after its English form).")

    def marks(self, view: str):
        first = self.mark_start.search(view)
        if first is None:
            return
        runs = _source_runs(view)
        depth = 0  # how many 「 are open in this paragraph (『 inside them is a single quotation mark)
        last_break = checked = 0  # (no paragraph break in view[last_break:checked - 1])
        paired: set[int] = set()  # closing marks already converted together with their opening mark
        for match in self.mark_re.finditer(view, first.start()):
            start, end = match.span()
            if view.find("\n\n", max(last_break, checked - 1), start) != -1:
                depth, last_break = 0, start
            checked = start
            mark = match.group()
            if _touches(runs, start, end):
                continue
            if mark == "「":
                depth += 1
            elif mark == "」":
                depth = max(0, depth - 1)
            if start in paired:
                continue
            fix = _mark_fix(view, start, end, mark, self.mark_table, depth, self.dots, self.hyphen_before)
            if fix is None or (fix[3] is not None and fix[2] != self.safe):
                continue
            closing = self._partner(view, end, mark, runs, depth, fix)
            if closing is None:
                if fix[3] is None:  # a mark without a certain English form
                    yield Hit(fix[0], fix[1])
                    continue
                # (not an ideographic space made plain, nor a middle dot that parts a name: 'Tom·Hanks')
                deleted = bool(mark.strip()) and not fix[3].strip() and mark not in self.dots
                yield Hit.replace(fix[0], fix[1], [fix[3]], f"'{mark}' doubles the mark before it: delete it." if deleted else None)
                continue
            paired.add(closing[0])
            edits = (Edit(fix[0], fix[1], fix[3]), Edit(closing[1], closing[2], closing[4])) if fix[3] is not None else ()
            yield Hit(start, closing[0] + 1, (edits,) if edits else (),
                      self._pair_message(view, start, closing[0], fix[3] or "", closing[4] or ""))

    def _partner(self, view: str, after: int, mark: str, runs, depth: int, opening_fix):
        """(offset, edit start, edit end, safe, replacement) of the closing mark that pairs with the
        opening `mark` on the same line, converted likewise; None when there is none."""
        close = self.pairs.get(mark)
        if close is None:
            return None
        line_end = view.find("\n", after)
        line_end = len(view) if line_end == -1 else line_end
        at = view.find(close, after, line_end)
        if at == -1 or mark in view[after:at] or _touches(runs, at, at + 1):
            return None
        fix = _mark_fix(view, at, at + 1, close, self.mark_table, depth, self.dots, self.hyphen_before)
        if fix is None or (fix[3] is not None and fix[2] != self.safe) or fix[0] < opening_fix[1]:
            return None
        return (at, *fix)

    def _pair_message(self, view: str, start: int, close: int, to_open: str, to_close: str) -> str | None:
        """The rule's message for the pair: "《…》" for {match}, "“…”" for {fix}."""
        if not self.message:
            return None
        return (self.message.replace("{match}", f"{view[start]}…{view[close]}")
                .replace("{fix}", f"{to_open.strip()}…{to_close.strip()}"))

    def lookalikes(self, view: str):
        first = _CYRILLIC_OR_GREEK.search(view)
        if first is None:
            return  # (most texts: one quick scan instead of a word-by-word one)
        start = max(view.rfind(" ", 0, first.start()), view.rfind("\n", 0, first.start())) + 1  # that word's start
        for word in _MIXED_WORD.finditer(view, start):
            text = word.group()
            foreign = [c for c in text if c.isalpha() and not _LATIN.match(c)]
            if foreign and all(c in self.lookalike_table for c in foreign):
                yield Hit.replace(word.start(), word.end(), ["".join(self.lookalike_table.get(c, c) for c in text)])


def _source_runs(view: str) -> list[tuple[int, int]]:
    """Spans of other scripts' letters, each grown over the source marks glued to it: "，或搜索"
    is one piece of untranslated text, not a comma and a word."""
    runs = []
    for match in _RUN.finditer(view):
        start, end = match.span()
        while start > 0 and _SOURCE_MARK.match(view[start - 1]):
            start -= 1
        while end < len(view) and _SOURCE_MARK.match(view[end]):
            end += 1
        runs.append((start, end))
    return runs


def _touches(runs, start: int, end: int) -> bool:
    i = bisect.bisect_right(runs, (end, float("inf"))) - 1
    return i >= 0 and runs[i][0] <= start and end <= runs[i][1]


def _glossed(view: str, start: int, end: int) -> bool:
    """A name in its own script beside its English form: "Li Wei (李伟)", "李伟 (Li Wei)"."""
    before = view[max(0, start - 40):start].rstrip(" \t")
    if before.endswith(_GLOSS_BRACKETS) and _WORD_BEFORE.search(before[:-1]):
        return True
    after = view[end:end + 3].lstrip(" \t")
    return after.startswith(_GLOSS_BRACKETS) and bool(_LATIN.match(after[1:2]))


def _mentioned(view: str, start: int, mention_words) -> bool:
    """"written می‌خواهم", "the character 福": the run is shown as a form, a mention, not a use."""
    words = view[max(0, start - 30):start].lower().split()[-2:]
    return bool(words) and (words[-1] in mention_words or (words[-1] in ("as", "is") and words[0] in mention_words))


def _is_lookalike_word(view: str, start: int, end: int, lookalikes) -> bool:
    """A run glued to Latin letters or digits whose letters all look Latin: the `lookalikes` rule's."""
    glued = (start > 0 and _GLUE.match(view[start - 1])) or (end < len(view) and _GLUE.match(view[end]))
    return bool(glued) and all(c in lookalikes for c in view[start:end] if c.isalpha())


def _mark_fix(view, start, end, mark, marks, depth, dots, hyphen_before):
    """(edit start, edit end, safe, replacement) for one source mark, or None."""
    before = view[start - 1] if start else ""
    after = view[end] if end < len(view) else ""
    if mark in dots:
        return _dot_fix(view, start, end, before, after, hyphen_before)
    if mark not in marks:  # a full-width letter, digit or symbol: its ASCII self
        return start, end, True, unicodedata.normalize("NFKC", mark)
    spec = marks[mark]
    if spec.fixless:
        return start, end, spec.safe, None
    if spec.digits is not None and before.isdigit() and after.isdigit():
        return start, end, True, spec.digits  # a separator or a range between digits: always certain
    replacement = spec.nested if (spec.nested and depth > 0) else spec.to
    return _spaced(view, start, end, spec, replacement, marks, depth)


def _spaced(view, start, end, spec, replacement, marks, depth):
    """(edit start, edit end, safe, replacement): the English mark with the spacing English wants
    round it, or nothing where the mark doubles the one before it."""
    before = view[start - 1] if start else ""
    after = view[end] if end < len(view) else ""
    if replacement == " ":  # an ideographic space: one ordinary space for the whole gap
        while start > 0 and view[start - 1] in " \t\u3000":
            start -= 1
        while end < len(view) and view[end] in " \t\u3000":
            end += 1
        return start, end, spec.safe, " "
    if spec.space == "after" and _doubles(view, start, replacement, marks, depth):
        while start > 0 and view[start - 1] in " \t":
            start -= 1
        # `payments?？`, `rolled?" 」`: the English mark is there already (one space stays before a word)
        return start, end, spec.safe, " " if after and _CLOSING_GLUE.match(after) else ""
    if spec.space == "after":
        while start > 0 and view[start - 1] in " \t" and start - 1 > 0 and view[start - 2] not in "\n \t":
            start -= 1  # "word ，next": the space before the mark goes
        if after and _CLOSING_GLUE.match(after):
            replacement += " "
    elif spec.space == "before" and before and _OPENING_GLUE.match(before):
        replacement = " " + replacement
    return start, end, spec.safe, replacement


_TERMINALS = ".!?"


def _doubles(view: str, start: int, replacement: str, marks, depth: int) -> bool:
    """Does the mark repeat the punctuation just before it, written in English or as a source
    mark: a closing quotation mark after one (`rolled?" 」`: the quotation is closed already);
    past spaces and closing quotation marks, a second sentence end (`it.。`, `yes! ？`) or the
    same comma, colon or semicolon (`around、、`)? An exclamation or question mark after a full
    stop stays ("Inc.！" is "Inc.!"), as does a comma after one ("etc.，")."""
    if replacement in ("”", "’"):
        gap = start
        while gap > 0 and view[gap - 1] in " \t":
            gap -= 1
        return depth == 0 and gap > 0 and view[gap - 1] in "\"”"
    probe = start
    while probe > 0 and view[probe - 1] in " \t\"”’":
        probe -= 1
    if probe == 0 or not replacement:
        return False
    before = view[probe - 1]
    spec = marks.get(before)
    if spec is not None and spec.to:
        before = spec.to
    if replacement not in _TERMINALS + ",;:":
        return False  # (a bracket closes what it closes)
    if replacement in _TERMINALS:
        return before in _TERMINALS and not (replacement != "." and before == ".")
    return before == replacement


def _dot_fix(view, start, end, before, after, hyphen_before):
    """A middle dot: between the parts of a foreign name it is a space ("Donald・Trump"), after
    Saint a hyphen ("Saint・Etienne"); before a lowercase suffix ("Matsuri・cho"), as a bullet at
    a line's start or as a separator between spaces, the English mark is a guess. The Latin
    middle dot · is English too (Catalan l·l, "A · B"): only a name split by it is flagged."""
    latin_around = bool(before) and bool(after) and _LATIN.match(before) and _LATIN.match(after)
    if view[start] == "·":
        return (start, end, True, " ") if latin_around and after.isupper() else None
    if latin_around:
        word = _WORD_BEFORE.search(view[max(0, start - 30):start])
        if word and word.group(1).lower().rstrip(".") in hyphen_before:
            return start, end, True, "-"
        if after.isupper() and before.isupper() and word and len(word.group(1)) > 1:
            return None  # between words in capitals: a brand's own spelling ("BE・LOVE"), no English mark
        if after.isupper():  # a name's parts ("Donald・Trump"); between initials ("J・K") a guess
            return start, end, before.islower() and view[end + 1:end + 2].islower(), " "
        return start, end, False, "-"
    line_start = view.rfind("\n", 0, start) + 1
    if not view[line_start:start].strip():
        while end < len(view) and view[end] in " \t":
            end += 1
        return start, end, False, "- "
    if before in " \t" and after and not after.isspace():
        return start, end, False, "- "  # "shipped in 2 days ・Free returns": a separator, spaced on both sides
    return start, end, False, "-"
