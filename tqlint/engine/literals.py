"""What a regular expression needs in order to match, read from its structure: the literals
every match contains (a Requirement, so a rule can skip a document that lacks them) and where its
matches can start (so a pattern is tried only there). Kept with the pack in the parse cache, as
JSON, so a cold process need not analyse the patterns again.

The `regex` module's syntax is read with the parser of Python's own `re` module after rewriting
what the two disagree on; where the analysis is not certain, nothing is derived and the rule
always runs: a requirement never changes what a rule finds, only how fast it finds nothing.
"""

from __future__ import annotations

import functools
import re

from tqlint.engine.prefilter import Requirement, WordRequirement

try:  # Python 3.11+: the parser of the `re` module; used only to read a regex's structure.
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        ATOMIC_GROUP,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        POSSESSIVE_REPEAT,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse
    from sre_constants import (
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        RANGE,
        SUBPATTERN,
    )
    ATOMIC_GROUP = POSSESSIVE_REPEAT = object()

_MAX_ALTERNATIVES = 48
_MAX_GROUPS = 3  # literals checked per rule: each is a scan of the document when absent
_MAX_RANGE = 32
_MIN_START = 3  # shorter start literals occur everywhere

def requirement_to_json(requirement):
    if requirement is None:
        return None
    if isinstance(requirement, WordRequirement):
        return {"phrases": requirement.phrases(), "chunks": list(requirement.chunks)}
    data = {"all": [list(g) for g in requirement.groups], "ignore_case": requirement.ignore_case}
    if requirement.pattern is not None:
        starts = derive_starts(*requirement.pattern)
        data["pattern"] = list(requirement.pattern)
        data["starts"] = None if starts is None else [list(starts[0]), starts[1]]
    return data


def requirement_from_json(data):
    if data is None:
        return None
    if "phrases" in data:
        return WordRequirement(data["phrases"], data["chunks"])
    groups = data["all"]
    if not groups or not all(g and all(isinstance(x, str) for x in g) for g in groups):
        raise ValueError("malformed requirement")
    requirement = Requirement.all_of(groups, bool(data["ignore_case"]))
    if "pattern" in data:
        source, ignore_case = data["pattern"]
        starts = data["starts"]
        requirement.pattern = (str(source), bool(ignore_case))
        _STARTS.setdefault(requirement.pattern, None if starts is None else (tuple(starts[0]), bool(starts[1])))
    return requirement


# --- deriving a requirement from a regex -----------------------------------------------------

# Syntax that `re` parses differently from `regex` (or not at all) is either rewritten into an
# equivalent "matches something unknown" or makes the analysis give up.
_REGEX_ONLY = re.compile(r"\\\\|\\[pP]\{[^}]*\}|\\[pP][A-Za-z]|\\[XmMG]|\\[NU]\{[^}]*\}|\\x\{[^}]*\}")
_BRACE = re.compile(r"\\\\|\\\{|\{")
_REPEAT_BRACE = re.compile(r"\{\d*(?:,\d*)?\}")


def _rewrite(source: str) -> str | None:
    if "[:" in source or "(?V1" in source or "(?|" in source or "(?f" in source:
        return None  # POSIX classes, version-1 sets, branch reset, full case folding

    def swap(match):
        token = match.group()
        if token == "\\\\":
            return token
        if token in ("\\m", "\\M"):
            return "\\b"
        if token == "\\G":
            return "(?:)"
        return "\\w"  # a character of some class: unknown, never a required literal

    rewritten = _REGEX_ONLY.sub(swap, source)
    # A brace that is not a repeat count is a literal to `re` but may be fuzzy matching to `regex`.
    for brace in _BRACE.finditer(rewritten):
        if brace.group() == "{" and not _REPEAT_BRACE.match(rewritten, brace.start()):
            return None
    return rewritten


@functools.lru_cache(maxsize=1024)
def _parse(source, ignore_case: bool):
    """(the pattern's structure as `re` reads it, whether it ignores case anywhere), or None
    where `re` cannot be trusted to read it as `regex` does."""
    if not isinstance(source, str):
        return None
    rewritten = _rewrite(source)
    if rewritten is None:
        return None
    try:
        parsed = _sre_parse.parse(rewritten, re.IGNORECASE if ignore_case else 0)
    except Exception:  # anything `re` cannot read: nothing derived, the rule just always runs
        return None
    # A local case-sensitive part, (?-i:…), only makes a lowercase test more permissive.
    if parsed.state.flags & re.IGNORECASE or re.search(r"\(\?[a-zA-Z]*i", rewritten):
        ignore_case = True
    return parsed, ignore_case


def derive(source: str, ignore_case: bool) -> Requirement | None:
    """A requirement every match of `source` (in `regex` VERSION0 syntax) satisfies, or None."""
    asked_ignore_case = ignore_case
    read = _parse(source, ignore_case)
    if read is None:
        return None
    parsed, ignore_case = read
    try:
        options = _conjunction(list(parsed))
    except _GiveUp:
        return None
    if ignore_case:
        options = [{s.lower() for s in o} for o in options if all(s.isascii() for s in o)]
    options = _ranked(options)
    if not options:
        return None
    # The most selective groups, most selective first (it fails soonest). Groups any article
    # satisfies (a comma, "the", a single letter) would cost a check and skip nothing.
    chosen = [o for o in options if _score(o)[0] > 0][:_MAX_GROUPS]
    if not chosen:
        return None
    requirement = Requirement.all_of(chosen, ignore_case)
    requirement.pattern = (source, asked_ignore_case)
    return requirement


class _GiveUp(Exception):
    pass


# Literals nearly every English article contains: a requirement made of these skips nothing.
_COMMON = frozenset(
    "the of and to a in is was for on that with by as at from it he she his her its are be has "
    "have had not this which said were been will an or but also after over than more".split()
) | frozenset(" \t\n.,;:'\"")


def _selectivity(literal: str) -> int:
    if literal.strip().lower() in _COMMON or literal in _COMMON or (len(literal) == 1 and literal.isascii()):
        return 0
    return len(literal)


def _score(option) -> tuple:
    return (min(_selectivity(s) for s in option), -len(option))


def _ranked(options) -> list:
    """Distinct non-empty options, most likely to fail on a clean document first."""
    unique = {frozenset(o) for o in options if o}
    return sorted(unique, key=lambda o: (_score(o), sorted(o)), reverse=True)


def _best(options):
    """Of several requirements that all hold, the one most likely to fail on a clean document."""
    ranked = _ranked(options)
    return set(ranked[0]) if ranked else None


def _runs(items):
    """The parsed items with consecutive literal characters joined: (None, "text") for a run."""
    run = []
    for op, arg in items:
        if op is LITERAL:
            run.append(chr(arg))
            continue
        if run:
            yield None, "".join(run)
            run = []
        yield op, arg
    if run:
        yield None, "".join(run)


def _conjunction(items) -> list:
    """Every any-of set that a match of the sequence `items` needs: literal runs, and what
    groups, repeats (at least once) and positive lookarounds inside it need in turn."""
    options = []
    for op, arg in _runs(items):
        if op is None:
            options.append({arg})
        elif op is SUBPATTERN:
            options += _conjunction(list(arg[-1]))
        elif op is ATOMIC_GROUP:
            options += _conjunction(list(arg))
        elif op is ASSERT:
            options += _conjunction(list(arg[1]))
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and arg[0] >= 1:
            options += _conjunction(list(arg[2]))
        else:
            found = _node(op, arg)
            if found:
                options.append(found)
    return options


def _sequence(items) -> set | None:
    return _best([{arg} if op is None else _node(op, arg) for op, arg in _runs(items)])


def _node(op, arg) -> set | None:
    if op is IN:
        chars = set()
        for item_op, item_arg in arg:
            if item_op is LITERAL:
                chars.add(chr(item_arg))
            elif item_op is RANGE and item_arg[1] - item_arg[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(item_arg[0], item_arg[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None
        return chars if len(chars) <= _MAX_ALTERNATIVES else None
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        low, _high, sub = arg
        return _sequence(list(sub)) if low >= 1 else None
    if op is SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is ATOMIC_GROUP:
        return _sequence(list(arg))
    if op is ASSERT:
        return _sequence(list(arg[1]))
    if op is BRANCH:
        union = set()
        for alternative in arg[1]:
            found = _sequence(list(alternative))
            if not found:
                return None
            union |= found
        return union if len(union) <= _MAX_ALTERNATIVES else None
    if op in (ANY, CATEGORY, AT, ASSERT_NOT, NEGATE):
        return None
    return None  # back-references, conditionals, anything else: nothing certain


# --- scanning only where a match can start ------------------------------------------------------

_STARTS: dict = {}  # (source, ignore_case) -> derive_starts result, also filled from the cache


def remember_starts(entries) -> None:
    """Starts derived in an earlier process (tqlint.cache.packs): [source, ignore_case, starts]."""
    for source, ignore_case, starts in entries:
        if not isinstance(source, str) or not (starts is None or (isinstance(starts, list) and len(starts) == 2)):
            raise ValueError("malformed starts")
        _STARTS.setdefault((source, bool(ignore_case)),
                           None if starts is None else (tuple(str(s) for s in starts[0]), bool(starts[1])))


def derive_starts(source: str, ignore_case: bool):
    """(literals, ignore_case) such that every match of `source` begins with one of the literals
    (zero-width assertions aside), or None. Lets `iter_matches` try the pattern only at those
    places instead of at every position of the document."""
    key = (source, ignore_case)
    if key not in _STARTS:
        if len(_STARTS) > 4096:
            _STARTS.clear()
        _STARTS[key] = _derive_starts(source, ignore_case)
    return _STARTS[key]


def _derive_starts(source, ignore_case):
    if not isinstance(source, str) or "\\G" in source:
        return None
    read = _parse(source, ignore_case)
    if read is None:
        return None
    parsed, ignore_case = read
    try:
        starts = _starts(list(parsed), 0)
    except _GiveUp:
        return None
    if not starts or "" in starts:
        return None
    if ignore_case:
        if not all(s.isascii() for s in starts):
            return None
        starts = {s.lower() for s in starts}
    # A literal that starts another one adds nothing: its occurrences include the other's.
    kept = tuple(sorted(s for s in starts if not any(o != s and s.startswith(o) for o in starts)))
    if min(len(s) for s in kept) < _MIN_START:
        return None  # digits, single marks: found everywhere, a scan is cheaper
    return kept, ignore_case


def _starts(items, depth):
    """Literals that every match of the sequence `items` starts with; None if unknown."""
    if depth > 40:
        raise _GiveUp
    for index, (op, arg) in enumerate(items):
        rest = items[index + 1:]
        if op in (AT, ASSERT, ASSERT_NOT):
            continue  # zero-width: tried at the candidate position itself
        if op is LITERAL:
            run = []
            for op2, arg2 in items[index:]:
                if op2 is not LITERAL:
                    break
                run.append(chr(arg2))
            return {"".join(run)}
        if op is IN:
            chars = _node(op, arg)
            if chars and len(chars) <= 8:  # [Tt]he: the prefixes "The" and "the", not "T" and "t"
                tail = _starts(rest, depth + 1)
                if tail and len(chars) * len(tail) <= 64:
                    return {c + t for c in chars for t in tail}
            return chars
        if op is BRANCH:
            found = set()
            for alternative in arg[1]:
                sub = _starts(list(alternative) + rest, depth + 1)
                if sub is None:
                    return None
                found |= sub
            return found if len(found) <= 64 else None
        if op is SUBPATTERN:
            return _starts(list(arg[-1]) + rest, depth + 1)
        if op is ATOMIC_GROUP:
            return _starts(list(arg) + rest, depth + 1)
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            low, high, sub = arg
            # Once at most ("x?"), what follows comes right after; else another round may.
            first = _starts(list(sub) + rest if high == 1 else list(sub), depth + 1)
            if first is None:
                return None
            if "" in first or low == 0:
                after = _starts(rest, depth + 1)
                if after is None:
                    return None
                first = (first - {""}) | after if "" in first else first | after
            return first if len(first) <= 64 else None
        return None
    return {""}  # the pattern can match the empty string here: no literal start


# Use the candidates only when there are few: below one per this many characters. (Each try is
# a Python-level call, some twenty times dearer than a step of the regex engine's own scan.)
