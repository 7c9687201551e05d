"""`phrase`: a table of wrong → right phrases, matched as whole words in one compiled alternation,
with the replacement given the capitalisation of the text it replaces.

Optional context regexes say where an entry is certainly wrong: `after` must match right after the
phrase, `before` right before it; `not-after` / `not-before` veto a match.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.engine import budget
from tqlint.engine.prefilter import WordRequirement, ascii_words, key_words
from tqlint.engine.stage1 import candidates_of
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
    "unless": "regex tried at the phrase's start (lookbehind sees what precedes it): a match vetoes it, "
              "for vetoes that need the context on both sides",
    "stage1-context": "true: stage 1's multi-pattern scan looks for each phrase with its `before`/`after`, so a "
                      "document holding the phrase only without them skips the rule (for common words such as "
                      "'has'; each context adds DFA states to the scan, so only where measured to pay; a speed-up; "
                      "default false)",
}
REQUIRED = ("phrases",)
_CONTEXT_WINDOW = 120  # characters of context a before/after regex may look at


def _normalise(phrase: str, case_sensitive: bool) -> str:
    joined = " ".join(phrase.split())
    return joined if case_sensitive else joined.lower()


# Compiled once: the module-level regex.match/search look each pattern up in regex's cache on
# every call, three times the cost of the test itself over a stage-1 build's 1,199 phrases.
_WORD_START = regex.compile(r"\w")
_WORD_END = regex.compile(r"\w$")
_WORD_ONLY = regex.compile(r"\w+\Z")


def _alternative(phrase: str) -> str:
    words = [regex.escape(word) for word in phrase.split()]
    body = r"\s+".join(words)
    head = r"(?<![\w'’-])" if _WORD_START.match(phrase) else ""
    tail = r"(?![\w'’-])" if _WORD_END.search(phrase) else ""
    return head + body + tail


def _replacements(value, phrase) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleError(f"phrase {phrase!r}: replacement must be a string, a list of strings or null", "phrases")


def compile(options: dict, rule) -> Callable:
    case_sensitive = bool(options.get("case-sensitive", False))
    preserve = bool(options.get("preserve-case", True))
    entries = _entries(options["phrases"], case_sensitive)
    alternatives = sorted(entries, key=len, reverse=True)  # longest first: "the most part of" before "most"
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    matcher_for = _PhraseMatcher(alternatives, flags, not case_sensitive)
    if not isinstance(options.get("stage1-context", False), bool):
        raise RuleError("`stage1-context` must be true or false", "stage1-context")
    context = _Context(options, case_sensitive)

    def find(doc, ctx):
        view = doc.view
        present = matcher_for(doc)
        if present is None:
            return
        try:
            for match in budget.finditer(present, view, ctx.regex_timeout(doc)):
                start, end = match.span()
                if context and not context.allows(view, start, end):
                    continue
                found = match.group()
                replacements = entries[_normalise(found, case_sensitive)]
                if preserve:
                    replacements = tuple(match_case(found, r) for r in replacements)
                yield Hit.replace(start, end, replacements)
        except TimeoutError:
            raise RuleTimeout("phrase table took too long") from None

    return find


def _entries(table, case_sensitive: bool) -> dict[str, tuple[str, ...]]:
    """The table, each phrase normalised, each value as a tuple of replacements."""
    if not isinstance(table, dict) or not table:
        raise RuleError("`phrases` must be a non-empty mapping of wrong → right", "phrases")
    entries: dict[str, tuple[str, ...]] = {}
    for phrase, value in table.items():
        if not isinstance(phrase, str) or not phrase.strip():
            raise RuleError(f"phrase {phrase!r} must be non-empty text", "phrases")
        entries[_normalise(phrase, case_sensitive)] = _replacements(value, phrase)
    return entries


class _Context:
    """`before`, `after`, `not-before`, `not-after` and `unless`: what must (not) stand around a
    phrase for it to be certainly wrong."""

    KEYS = ("before", "after", "not-before", "not-after", "unless")

    def __init__(self, options: dict, case_sensitive: bool):
        self.patterns = {}
        for key in self.KEYS:
            if key in options:
                source = options[key]
                if not isinstance(source, str):
                    raise RuleError(f"`{key}` must be a regular expression", key)
                # before-regexes are written as if they end where the phrase starts: anchor them there.
                anchored = f"(?:{source})\\Z" if "before" in key else source
                self.patterns[key] = compile_regex(anchored, key, not case_sensitive)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def allows(self, view: str, start: int, end: int) -> bool:
        patterns = self.patterns
        before_text = view[max(0, start - _CONTEXT_WINDOW):start]
        after_text = view[end:end + _CONTEXT_WINDOW]
        checks = (
            ("before", lambda p: p.search(before_text), True),
            ("not-before", lambda p: p.search(before_text), False),
            ("after", lambda p: p.match(after_text), True),
            ("not-after", lambda p: p.match(after_text), False),
            ("unless", lambda p: p.match(view, start), False),
        )
        return all(bool(test(patterns[key])) == wanted for key, test, wanted in checks if key in patterns)


def _key(phrase: str):
    """What every occurrence of the (normalised) phrase contains: ("words", all its ASCII words,
    each found whole in a document's word set) or ("chunk", its longest caseless chunk, found as
    a substring); None when there is no exact cheap test."""
    words = key_words(phrase)
    if words:
        return "words", frozenset(words)
    chunk = max(phrase.split(), key=len)
    if chunk.lower() != chunk or chunk.upper() != chunk:
        return None
    return "chunk", chunk


def stage1(options: dict):
    """One stage-1 entry (tqlint.engine.stage1) per phrase, keyed by the normalised phrase: a
    document's candidates then name the phrases it can hold."""
    case_sensitive = bool(options.get("case-sensitive", False))
    phrases = {_normalise(phrase, case_sensitive) for phrase in options["phrases"]}
    before, after = _stage1_context(options, phrases) if options.get("stage1-context") is True else ("", "")
    return [(phrase, before + _alternative(phrase) + after, not case_sensitive) for phrase in sorted(phrases)]


_GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]*\)")


def _stage1_context(options: dict, phrases: set[str]) -> tuple[str, str]:
    """The `before` and `after` regexes to write around each phrase of its stage-1 entry, so a
    phrase that occurs only without its context is no candidate ("has" without "… years old").
    Exact only where no phrase can match inside another's span (then dropping a phrase cannot
    let another match where the full table's longer match would have hidden it): every phrase
    is words of word characters alone, and no two phrases share a word. A context with global
    inline flags (which would reach the phrase itself) is left out. Only with `stage1-context:
    true`: on real MT, writing every phrase rule's context (78 rules) cost the phrase set's scan
    ~25 times its CPU, far more than stage 2 saved."""
    seen: set[str] = set()
    for phrase in phrases:
        tokens = {token.casefold() for token in phrase.split()}  # casefold: "ſ" and "s" match alike
        if any(not _WORD_ONLY.match(token) for token in tokens) or seen & tokens:
            return "", ""
        seen |= tokens
    parts = []
    for key in ("before", "after"):
        source = options.get(key)
        usable = isinstance(source, str) and source and not _GLOBAL_FLAGS.search(source)
        parts.append(f"(?:{source})" if usable else "")
    return parts[0], parts[1]


def requirement(options: dict):
    """Some phrase's words (or chunk) must occur for any phrase to match; lets the engine skip
    the rule, and even compiling it, on documents without them."""
    table = options.get("phrases")
    if not isinstance(table, dict):
        return None
    case_sensitive = bool(options.get("case-sensitive", False))
    phrases, chunks = [], set()
    for phrase in table:
        if not isinstance(phrase, str) or not phrase.strip():
            return None
        key = _key(_normalise(phrase, case_sensitive))
        if key is None:
            return None
        if key[0] == "words":
            phrases.append(sorted(key[1]))
        else:
            chunks.add(key[1])
    return WordRequirement(phrases, chunks)


class _PhraseMatcher:
    """`doc -> compiled alternation` of only the phrases that can occur in the document (None if
    none can): those stage 1 names, or else those whose ASCII words all occur in it, or whose
    caseless chunk does. Dropping the others keeps the order of the rest, so the matches are
    exactly the full table's; but a scan for a few phrases runs many times faster than for
    hundreds, and most documents hold none of a table's phrases at all."""

    def __init__(self, alternatives, flags, ignore_case: bool):
        self.alternatives, self.flags, self.ignore_case = alternatives, flags, ignore_case
        self.compiled: dict[tuple, object] = {}
        self.by_word: dict[str, list[tuple[frozenset, int]]] = {}
        self.by_chunk: dict[str, list[int]] = {}
        self.exact = True  # every phrase has a cheap exact test
        for index, phrase in enumerate(alternatives):
            key = _key(phrase)
            if key is None:  # a cased chunk outside ASCII: no exact cheap test
                self.exact = False
            elif key[0] == "words":
                self.by_word.setdefault(max(sorted(key[1]), key=len), []).append((key[1], index))
            else:
                self.by_chunk.setdefault(key[1], []).append(index)
        self.words = frozenset(self.by_word)

    def __call__(self, doc):
        candidates = candidates_of(doc)
        if candidates is not None:  # stage 1 has said which phrases can occur
            return self._compiled_for([i for i, phrase in enumerate(self.alternatives)
                                       if (phrase, self.ignore_case) in candidates.phrases])
        if not self.exact:
            return self._compiled_for(range(len(self.alternatives)))
        return self._compiled_for(self._present(doc))

    def _present(self, doc) -> list[int]:
        chosen = []
        if self.words:
            present = ascii_words(doc)
            for key in self.words & present:
                chosen += [index for needed, index in self.by_word[key] if needed <= present]
        view = doc.view
        for chunk, indices in self.by_chunk.items():
            if chunk in view:
                chosen += indices
        return chosen

    def _compiled_for(self, chosen):
        chosen = tuple(sorted(chosen))
        if not chosen:
            return None
        pattern = self.compiled.get(chosen)
        if pattern is None:
            if len(self.compiled) > 512:
                self.compiled.clear()  # (the whole table is simply compiled again if needed)
            source = "|".join(_alternative(self.alternatives[i]) for i in chosen)
            pattern = self.compiled[chosen] = compile_pattern(source, self.flags)
        return pattern


def has_fix(options: dict) -> bool:
    return any(value is not None for value in options["phrases"].values())
