"""Stage 1: one multi-pattern scan per document says which pattern and phrase rules can match it;
stage 2 (each rule's own `regex` pattern) then runs only for those.

The scan is a google-re2 `Set` over relaxed versions of the rules' regexes (tqlint.engine.relax:
each matches wherever its original can), one entry per pattern rule and one per phrase of a phrase
table, so a phrase rule compiles only the phrases a document can hold. The relaxed patterns are
kept in the store (tqlint.cache.stage1) and the set is compiled once per process and rule set.

A document goes to the exact path (every rule runs, as without stage 1) when its text cannot be
given to RE2 (lone surrogates) or RE2 gives up on it (its DFA ran out of memory, which a sentinel
entry that matches every text reveals). Without google-re2, with TQLINT_STAGE1=off, or for a run
too small to repay compiling the set, every document takes the exact path.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable

from tqlint.cache import stage1 as stored
from tqlint.kinds import load_kind


@functools.cache
def _re2():
    """google-re2, or None where it is not installed (then every rule runs on every document)."""
    try:
        import re2  # start-up: loaded only by a run that builds stage 1
    except ImportError:  # pragma: no cover - exercised through TQLINT_STAGE1=off
        return None
    return re2

# A run linting less text than this skips stage 1: compiling the set (~100 ms of CPU for the
# built-in packs) costs more than it saves (~2.5 ms per 4 kB article; see docs/performance.md).
MIN_BYTES = 256_000
_MAX_MEM = 256 << 20  # RE2's budget for a set's program and DFA cache
PATTERN_SETS = 8  # see Stage1.__init__
_SENTINEL = ""  # matches every text: a scan without it in its answer is a scan RE2 gave up


def enabled() -> bool:
    return _re2() is not None and os.environ.get("TQLINT_STAGE1", "").lower() not in ("off", "0", "none")


def entries_of(rule) -> list[tuple[str | None, str, bool]] | None:
    """The (key, source, ignore case) of a rule's stage-1 entries, or None when the rule has
    none (a code kind, or a rule that declares something stage 1 cannot see). A bilingual rule
    has none (only the pattern and phrase kinds do): its kind is not even imported, which in a
    run without sources would compile a few dozen date and number regexes for nothing, in the
    parent before it forks (serial time every worker waits for)."""
    if rule.needs_source:
        return None
    entries = getattr(load_kind(rule.kind), "stage1", None)
    return entries(rule.options) if entries is not None else None


class Candidates:
    """What stage 1 found possible in one document: rule ids, and phrases per case mode."""

    __slots__ = ("rules", "phrases")

    def __init__(self, rules: frozenset, phrases: frozenset):
        self.rules, self.phrases = rules, phrases


class Stage1:
    """The compiled set for one rule set."""

    def __init__(self, ruleset):
        self.covered: set[str] = set()  # rules with stage-1 entries: run only when a candidate
        self._entries: list[tuple[str, str | None, bool]] = []  # (rule id, key, ignore case) by set index
        sources: list[tuple[str, bool]] = []
        for active in ruleset.rules:
            found = entries_of(active.rule)
            if found is None:
                continue
            self.covered.add(active.rule.id)
            for key, source, ignore_case in found:
                self._entries.append((active.rule.id, key, ignore_case))
                sources.append((source, ignore_case))
        relaxed = stored.relaxed_patterns(sources, _relax_or_none)
        # The phrases in one set, the patterns spread over a few: one DFA over every pattern
        # grows a state for each mix of half-matched patterns that real text brings up, and
        # building those states is most of a scan (on real MT, CPU per MB: 1.1 s in one set,
        # 0.5 s in four, about half that again in eight, little less in sixteen; 26 ms for all
        # the phrases together). On generated text, where few states are built, eight cost as
        # much as four and sixteen half as much again: each set is one more pass over the text.
        groups: list[list[int]] = [[] for _ in range(1 + PATTERN_SETS)]
        patterns = [n for n, p in enumerate(relaxed) if p is not None and self._entries[n][1] is None]
        for place, number in enumerate(sorted(patterns, key=lambda n: len(relaxed[n] or ""))):
            groups[1 + place % PATTERN_SETS].append(number)
        groups[0] = [n for n, p in enumerate(relaxed) if p is not None and self._entries[n][1] is not None]
        for number, pattern in enumerate(relaxed):
            if pattern is None:  # cannot be relaxed: the rule always runs
                self.covered.discard(self._entries[number][0])
        self._sets = [self._compiled([relaxed[n] for n in group]) for group in groups if group]
        self._index = [[-1] + group for group in groups if group]  # per set: set index -> entry index

    @staticmethod
    def _compiled(patterns):
        compiled = _re2().Set.SearchSet(_options())
        compiled.Add(_SENTINEL)
        for pattern in patterns:
            compiled.Add(pattern)
        compiled.Compile()
        return compiled

    def scan(self, view: str) -> Candidates | None:
        """The candidates of one prose view, or None: take the exact path."""
        return self.scan_all([view])[0]

    def scan_all(self, views: list[str]) -> list[Candidates | None]:
        """`scan` of each of `views`, set by set across them: one set's DFA stays in the
        processor's caches while it reads every view (on real MT, the cold scan of a 16-document
        batch costs about 40 % less than going document by document through all the sets)."""
        texts: list[bytes | None] = []
        for view in views:
            try:
                texts.append(view.encode("utf-8"))
            except UnicodeEncodeError:  # lone surrogates: RE2 reads UTF-8 only
                texts.append(None)
        found: list[list[int]] = [[] for _ in views]  # per view: entry indices
        for compiled, index in zip(self._sets, self._index):
            for number, text in enumerate(texts):
                if text is None:
                    continue
                matched = compiled.Match(text)
                if not matched or 0 not in matched:
                    texts[number] = None  # RE2 gave up on this view: the exact path
                    continue
                found[number].extend(index[n] for n in matched if n)
        return [self._candidates(entries) if text is not None else None for text, entries in zip(texts, found)]

    def _candidates(self, entries: list[int]) -> Candidates:
        rules, phrases = set(), set()
        for entry in entries:
            rule_id, key, ignore_case = self._entries[entry]
            rules.add(rule_id)
            if key is not None:
                phrases.add((key, ignore_case))
        return Candidates(frozenset(rules), frozenset(phrases))


def _options():
    options = _re2().Options()
    options.max_mem = _MAX_MEM
    options.log_errors = False
    return options


def _relax_or_none(source: str, ignore_case: bool) -> str | None:
    from tqlint.engine.relax import Unsupported, relax  # start-up: only when relaxed patterns are not in the store

    try:
        return relax(source, ignore_case)
    except (Unsupported, ValueError, IndexError):  # IndexError/ValueError: a construct cut short
        return None


_built: dict[int, tuple[object, Stage1]] = {}
_planned = 0  # characters the run as a whole will lint (see `plan`)


def plan(total: int) -> None:
    """Tell stage 1 how much text the run holds (the engine lints it a batch at a time), so it
    is built when the run, not one batch, repays it."""
    global _planned
    _planned = total


def stage1_for(ruleset, docs: Iterable) -> Stage1 | None:
    """The stage-1 set of `ruleset`, or None when this run takes the exact path."""
    switch = os.environ.get("TQLINT_STAGE1", "").lower()
    if switch in ("off", "0", "none"):
        return None
    cached = _built.get(id(ruleset))
    if cached is not None and cached[0] is ruleset:
        return cached[1]
    if switch != "on" and max(_planned, sum(len(doc.view) for doc in docs)) < MIN_BYTES:
        return None
    if _re2() is None:
        return None
    built = Stage1(ruleset)
    if len(_built) > 8:
        _built.clear()
    _built[id(ruleset)] = (ruleset, built)
    return built


# --- what the engine tells the phrase kind about a document ---------------------------------

def set_candidates(doc, candidates: Candidates | None) -> None:
    doc._tqlint_stage1 = candidates


def candidates_of(doc) -> Candidates | None:
    """Stage 1's answer for this document, or None (no stage 1: the rule finds out itself)."""
    return getattr(doc, "_tqlint_stage1", None)
