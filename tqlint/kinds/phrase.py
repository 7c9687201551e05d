"""`phrase`: a table of wrong → right phrases, matched as whole words in one compiled alternation,
with the replacement given the capitalisation of the text it replaces.

Optional context regexes say where an entry is certainly wrong: `after` must match right after the
phrase, `before` right before it; `not-after` / `not-before` veto a match.
"""

from __future__ import annotations

import regex

from tqlint import regexcache
from tqlint.kinds import Hit, RuleError, RuleTimeout
from tqlint.kinds.pattern import compile_regex
from tqlint.kinds.textcase import match_case

OPTIONS = {
    "phrases": "mapping of wrong phrase → replacement, list of replacements (best first), or null for no fix",
    "case-sensitive": "match the phrases' case exactly (default false)",
    "preserve-case": "give the replacement the capitalisation of the matched text (default true)",
    "before": "regex that must match the text just before the phrase",
    "after": "regex that must match the text just after the phrase",
    "not-before": "regex that, matching just before the phrase, vetoes it",
    "not-after": "regex that, matching just after the phrase, vetoes it",
}
REQUIRED = ("phrases",)
_CONTEXT_WINDOW = 120  # characters of context a before/after regex may look at


def _normalise(phrase: str, case_sensitive: bool) -> str:
    joined = " ".join(phrase.split())
    return joined if case_sensitive else joined.lower()


def _alternative(phrase: str) -> str:
    words = [regex.escape(word) for word in phrase.split()]
    body = r"\s+".join(words)
    head = r"(?<![\w'’-])" if regex.match(r"\w", phrase) else ""
    tail = r"(?![\w'’-])" if regex.search(r"\w$", phrase) else ""
    return head + body + tail


def _replacements(value, phrase) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleError(f"phrase {phrase!r}: replacement must be a string, a list of strings or null", "phrases")


def compile(options: dict, rule) -> callable:
    table = options["phrases"]
    if not isinstance(table, dict) or not table:
        raise RuleError("`phrases` must be a non-empty mapping of wrong → right", "phrases")
    case_sensitive = bool(options.get("case-sensitive", False))
    preserve = bool(options.get("preserve-case", True))
    entries: dict[str, tuple[str, ...]] = {}
    for phrase, value in table.items():
        if not isinstance(phrase, str) or not phrase.strip():
            raise RuleError(f"phrase {phrase!r} must be non-empty text", "phrases")
        entries[_normalise(phrase, case_sensitive)] = _replacements(value, phrase)
    alternatives = sorted(entries, key=len, reverse=True)  # longest first: "the most part of" before "most"
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    matcher_for = _matcher_by_words(alternatives, flags)
    # before-regexes are written as if they end where the phrase starts: anchor them there.
    context = {}
    for key in ("before", "after", "not-before", "not-after"):
        if key in options:
            source = options[key]
            if not isinstance(source, str):
                raise RuleError(f"`{key}` must be a regular expression", key)
            anchored = f"(?:{source})\\Z" if "before" in key else source
            context[key] = compile_regex(anchored, key, not case_sensitive)

    def context_allows(view: str, start: int, end: int) -> bool:
        before_text = view[max(0, start - _CONTEXT_WINDOW):start]
        after_text = view[end:end + _CONTEXT_WINDOW]
        if "before" in context and not context["before"].search(before_text):
            return False
        if "not-before" in context and context["not-before"].search(before_text):
            return False
        if "after" in context and not context["after"].match(after_text):
            return False
        if "not-after" in context and context["not-after"].match(after_text):
            return False
        return True

    def find(doc, ctx):
        view = doc.view
        present = matcher_for(doc)
        if present is None:
            return
        try:
            for match in present.finditer(view, timeout=ctx.regex_timeout(doc)):
                start, end = match.span()
                if context and not context_allows(view, start, end):
                    continue
                found = match.group()
                replacements = entries[_normalise(found, case_sensitive)]
                if preserve:
                    replacements = tuple(match_case(found, r) for r in replacements)
                yield Hit.replace(start, end, replacements)
        except TimeoutError:
            raise RuleTimeout("phrase table took too long") from None

    return find


def _key(phrase: str):
    """What every occurrence of the (normalised) phrase contains: ("word", its longest ASCII
    word), ("chunk", its longest caseless chunk), or None when there is no exact cheap test."""
    from tqlint.prefilter import key_words

    words = key_words(phrase)
    if words:
        return "word", max(words, key=len)
    chunk = max(phrase.split(), key=len)
    if chunk.lower() != chunk or chunk.upper() != chunk:
        return None
    return "chunk", chunk


def requirement(options: dict):
    """The words (or chunks) of which one must occur for any phrase to match; lets the engine
    skip the rule, and even compiling it, on documents without them."""
    from tqlint.prefilter import WordRequirement

    table = options.get("phrases")
    if not isinstance(table, dict):
        return None
    case_sensitive = bool(options.get("case-sensitive", False))
    words, chunks = set(), set()
    for phrase in table:
        if not isinstance(phrase, str) or not phrase.strip():
            return None
        key = _key(_normalise(phrase, case_sensitive))
        if key is None:
            return None
        (words if key[0] == "word" else chunks).add(key[1])
    return WordRequirement(words, chunks)


def _matcher_by_words(alternatives, flags):
    """`doc -> compiled alternation` of only the phrases that can occur in the document (None if
    none can). Each phrase has a key that every occurrence contains: its longest ASCII word
    (looked up in the document's word set) or, for phrases with no such word (punctuation,
    other scripts), its longest caseless chunk (looked up as a substring). Dropping phrases whose
    key is absent keeps the order of the rest, so the matches are exactly the full table's; but
    a scan for a few phrases runs many times faster than for hundreds, and most documents hold
    none of a table's phrases at all."""
    from tqlint.prefilter import ascii_words

    compiled: dict[tuple, object] = {}
    everything = tuple(range(len(alternatives)))

    def full():
        if everything not in compiled:
            compiled[everything] = regexcache.compile("|".join(_alternative(p) for p in alternatives), flags)
        return compiled[everything]

    by_word: dict[str, list[int]] = {}
    by_chunk: dict[str, list[int]] = {}
    for index, phrase in enumerate(alternatives):
        key = _key(phrase)
        if key is None:  # a cased chunk outside ASCII: no exact cheap test
            return lambda doc: full()
        (by_word if key[0] == "word" else by_chunk).setdefault(key[1], []).append(index)
    words = frozenset(by_word)
    total = len(by_word) + len(by_chunk)

    def matcher_for(doc):
        found = [by_word[key] for key in (words & ascii_words(doc))] if words else []
        if by_chunk:
            view = doc.view
            found += [indices for chunk, indices in by_chunk.items() if chunk in view]
        if not found:
            return None
        if len(found) == total:
            return full()
        chosen = tuple(sorted(i for indices in found for i in indices))
        pattern = compiled.get(chosen)
        if pattern is None:
            if len(compiled) > 512:
                compiled.clear()  # (the whole table is simply compiled again if needed)
            pattern = compiled[chosen] = regexcache.compile("|".join(_alternative(alternatives[i]) for i in chosen), flags)
        return pattern

    return matcher_for


def has_fix(options: dict) -> bool:
    return any(value is not None for value in options["phrases"].values())
