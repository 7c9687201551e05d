"""`stutter`: a run of two to six words said twice in a row ("the scene of the scene of the crash",
"cost engineers, cost engineers", "[genuine book] [genuine book]").

MT stutters when it translates one source phrase twice. A regular expression with a
back-reference tries every word start with every length and runs at 1 MB/s; here each line is
split once (in C), the words compared with the words `n` places on (a list comprehension per
length), and only the rare places where a run of `n` matches begins are looked at again.
Between the two copies only a comma, brackets or quotation marks may stand. Copies parted by a
comma count only where the second ends a list (three copies are a chant; a second copy that
goes on starts a new clause), and a bracket that opens on the second copy must close right
after it (one that goes on explains: "4 years (4 years for the case …)").
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from operator import eq

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError, count_option, word_list_option

OPTIONS = {
    "min-words": "shortest run that counts (default 2; single doubled words are doubled-word's)",
    "max-words": "longest run looked for (default 6)",
    "may-repeat": "words a run may not start with, because English repeats them on purpose "
    "(again and again, more and more); default a short list",
}
REQUIRED = ()

_STRIP = ',;[]()"“”'
_WORD = compile_pattern(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_BETWEEN = compile_pattern(r'[\]\)”"]?[ ,]+[\[\(“"]?')
_DEFAULT_MAY_REPEAT = ("again", "and", "more", "over", "very", "so", "ha", "la", "bye", "no", "yes", "go", "oh",
                       "bla", "blah", "knock", "tick", "chop", "hip", "step", "one")


def has_fix(options) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    low = count_option(options, "min-words", 2)
    high = count_option(options, "max-words", 6)
    if high < low:
        raise RuleError("`max-words` must not be below `min-words`", "max-words")
    may_repeat = word_list_option(options, "may-repeat", _DEFAULT_MAY_REPEAT)

    def find(doc, context):
        view = doc.view
        offset = 0
        for line in view.split("\n"):
            yield from _line_hits(line, offset, low, high, may_repeat)
            offset += len(line) + 1

    return find


def _line_hits(line, offset, low, high, may_repeat):
    raw = line.split(" ")
    if len(raw) < 2 * low:
        return
    words = list(map(str.strip, raw, repeat(_STRIP)))  # (map over the C methods: no loop in Python)
    if low >= 2 and len(set(zip(words, words[1:]))) == len(words) - 1:
        return  # a run of two words or more said twice repeats its first two words: none does
    empty = "" in words
    taken_until = -1
    for n in range(high, low - 1, -1):  # longest first: "a b c a b c" is one stutter, not three
        same = [a == b and a != "" for a, b in zip(words, words[n:])] if empty else list(map(eq, words, words[n:]))
        if True not in same:
            continue
        i = same.index(True)
        while i != -1:
            if (i >= taken_until and i + 2 * n <= len(words) and all(same[i:i + n])
                    and _is_stutter(raw, words, i, n, may_repeat)):
                hit = _hit(line, offset, raw, i, n)
                if hit is not None:
                    taken_until = i + 2 * n
                    yield hit
            try:
                i = same.index(True, i + 1)
            except ValueError:
                i = -1


def _is_stutter(raw, words, i, n, may_repeat) -> bool:
    first, last = words[i], words[i + n - 1]
    if first.casefold() in may_repeat or last.casefold() in ("and", "or"):
        return False
    if not all(_WORD.fullmatch(w) for w in words[i:i + n]):
        return False
    return _one_phrase(raw, words, i, n) and _one_phrase(raw, words, i + n, n)


def _one_phrase(raw, words, i, n) -> bool:
    """Inside a copy words are joined by plain spaces: a bracket or quotation mark may open
    it and close it, no punctuation may break it."""
    last = i + n - 1
    return (raw[i].endswith(words[i]) and raw[last].startswith(words[last])
            and all(raw[k] == words[k] for k in range(i + 1, last)))


def _hit(line, offset, raw, i, n):
    starts, at = [], 0
    for w in raw:
        starts.append(at)
        at += len(w) + 1
    first_start = starts[i] + raw[i].index(raw[i].strip(_STRIP)[:1]) if raw[i].strip(_STRIP) else starts[i]
    first_end = starts[i + n - 1] + len(raw[i + n - 1].rstrip(_STRIP))
    second_word = raw[i + n]
    second_start = starts[i + n] + second_word.index(second_word.strip(_STRIP)[:1])
    second_end = starts[i + 2 * n - 1] + len(raw[i + 2 * n - 1].rstrip(_STRIP))
    between = line[first_end:second_start]
    if not _BETWEEN.fullmatch(between):
        return None
    opening = between[-1:] if between[-1:] in _CLOSER else ""
    closed = opening and line[second_end:second_end + 1] == _CLOSER[opening]
    if opening == "(" and not closed:
        return None  # "4 years (4 years for the case, 1 for the coating)": a bracket that goes on explains
    if "," in between and not _ends_list(line, first_start, first_end, second_start, second_end):
        return None
    # delete the second copy with what stands between the copies (the first copy's closing
    # bracket or quotation mark stays with it; a bracket round the second copy alone goes with it)
    closing = between[:1] if between[:1] in '])”"' else ""
    start, end = offset + first_start, offset + second_end
    edit = Edit(offset + first_end + len(closing), offset + second_end, "")
    if (closing and line[second_end:second_end + 1] == closing) or (closed and not closing):
        edit = Edit(edit.start, edit.end + 1, "")
    return Hit(start, end, ((edit,),))


_CLOSER = {"(": ")", "[": "]", "“": "”", '"': '"'}
_LIST_END = compile_pattern(r'[\])”"]?(?:[,;.!?:)\]…]|\s+(?:and|or|etc)\b|\s*$)')


def _ends_list(line: str, first_start: int, first_end: int, second_start: int, second_end: int) -> bool:
    """Copies parted by a comma are a list with a word said twice only when the second copy ends
    the list. A third copy ("border protection, border protection, border protection") is a
    chant, a slogan or emphasis; a second copy that goes on ("beats the citizens, the citizens
    beat the slaves") starts a new clause."""
    copy = line[second_start:second_end]
    after = line[second_end:]
    before = line[:first_start].rstrip(' ,"“[(')
    if after.lstrip(' ,"”])').startswith(copy) or before.endswith(copy):
        return False
    return _LIST_END.match(after) is not None
