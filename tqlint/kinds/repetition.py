"""`repetition`: a sentence or a paragraph that repeats an earlier one word for word.

MT pipelines that re-join segments, and post-editors who paste, leave the same sentence or
paragraph twice. The second copy is flagged; the fix deletes it with the whitespace that joins it
to its neighbour. Case and spacing are ignored when comparing; short units ("Thank you.") are
left alone because speakers and headlines repeat them on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError, count_option

OPTIONS = {
    "unit": "`sentence` or `paragraph` (default sentence)",
    "min-words": "only units of at least this many words count (default 5)",
    "min-words-adjacent": "a unit that repeats the one right before it counts from this many words (default: min-words)",
}
REQUIRED = ()

_PARAGRAPH_BREAK = compile_pattern(r"\n[ \t]*\n\s*")
_WORD = compile_pattern(r"[\p{L}\p{N}]+")
_SPACE = compile_pattern(r"\s+")


def has_fix(options) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    unit = options.get("unit", "sentence")
    if unit not in ("sentence", "paragraph"):
        raise RuleError("`unit` must be `sentence` or `paragraph`", "unit")
    min_words = count_option(options, "min-words", 5)
    min_adjacent = count_option(options, "min-words-adjacent", min_words)

    def find(doc, context):
        view = doc.view
        paragraphs, keys = _paragraph_keys(doc)
        repeated = _repeats(keys, min_words, min_adjacent)
        if unit == "paragraph":
            for i in repeated:
                yield _deletion(view, paragraphs, i)
            return
        sentences = _outside_metadata(list(doc.sentences), doc.metadata)
        kept = _outside(sentences, [paragraphs[i] for i in repeated])
        for i in _repeats(_keys(view, [sentences[k] for k in kept]), min_words, min_adjacent):
            yield _deletion(view, sentences, kept[i])

    return find


def _outside_metadata(spans: list, metadata) -> list:
    """The spans that are not headline fields: a page repeats its <title> in its <h1>, and an
    article its front-matter title in its first heading, by design."""
    if not metadata:
        return spans
    return [(start, end) for start, end in spans
            if not any(m_start < end and start < m_end for m_start, m_end in metadata)]


def _paragraph_keys(doc) -> tuple[list, list[str]]:
    """The document's paragraphs outside its metadata, and their keys: one computation for the
    sentence and the paragraph rule (both need them)."""
    try:
        return doc._tqlint_paragraph_keys
    except AttributeError:
        pass
    paragraphs = _outside_metadata(list(_paragraphs(doc.view)), doc.metadata)
    doc._tqlint_paragraph_keys = (paragraphs, _keys(doc.view, paragraphs))
    return doc._tqlint_paragraph_keys


def _paragraphs(view: str):
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(view):
        span = _trim(view, start, match.start())
        if span:
            yield span
        start = match.end()
    span = _trim(view, start, len(view))
    if span:
        yield span


def _trim(view, start, end):
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _key(text: str) -> str:
    # str.split() splits where regex's \s matches, and also at U+001C-U+001F: those keep the
    # regex (the spans are trimmed, so split() dropping the ends changes nothing). Six times
    # faster than the substitution, which was most of the kind's time.
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return _SPACE.sub(" ", text).casefold()
    return " ".join(text.split()).casefold()


def _keys(view: str, spans) -> list[str]:
    """`_key` of each span's text; mapped in C where no span can hold U+001C-U+001F."""
    texts = [view[start:end] for start, end in spans]
    if "\x1c" in view or "\x1d" in view or "\x1e" in view or "\x1f" in view:
        return list(map(_key, texts))
    return list(map(str.casefold, map(" ".join, map(str.split, texts))))


def _repeats(keys: list[str], min_words, min_adjacent) -> list[int]:
    """Indexes of the units whose key repeats an earlier unit's."""
    if len(set(keys)) == len(keys):
        return []  # no key twice: nothing repeats (most documents)
    seen: dict[str, int] = {}  # key -> its word count, counted once its text repeats
    previous = None
    found = []
    for i, key in enumerate(keys):
        words = seen.get(key)
        if words is None:
            seen[key] = -1  # first sight: words are counted only for text that repeats
        else:  # a repeat (the previous unit's text too is among those seen)
            if words < 0:
                words = seen[key] = len(_WORD.findall(key))
            if words >= min_words or key == previous and words >= min_adjacent:
                found.append(i)
        previous = key
    return found


def _outside(spans, containers) -> list[int]:
    """Indexes of the spans not inside any container; both lists are sorted and disjoint."""
    if not containers:
        return list(range(len(spans)))
    kept, c = [], 0
    for i, (start, end) in enumerate(spans):
        while c < len(containers) and containers[c][1] <= start:
            c += 1
        if not (c < len(containers) and containers[c][0] <= start and end <= containers[c][1]):
            kept.append(i)
    return kept


def _deletion(view, spans, i) -> Hit:
    """Delete spans[i] and the whitespace joining it to a neighbour on its own line if there is
    one, else to the unit before it; the bare text as a fallback for Markdown, where the engine
    may not edit the break between blocks."""
    start, end = spans[i]
    before = spans[i - 1][1] if i > 0 else None
    after = spans[i + 1][0] if i + 1 < len(spans) else None
    if before is not None and "\n" not in view[before:start]:
        cut = before, end
    elif after is not None and "\n" not in view[end:after]:
        cut = start, after
    elif before is not None:
        cut = before, end
    elif after is not None:
        cut = start, after
    else:
        cut = start, end
    # (the spans compared, not Edits: one Edit fewer per finding, 35,681 on the dense article)
    joined = Edit(cut[0], cut[1], "")
    fixes = ((joined,),) if cut == (start, end) else ((joined,), (Edit(start, end, ""),))
    return Hit(start, end, fixes)
