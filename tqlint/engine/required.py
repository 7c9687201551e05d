"""What a rule's regex needs in order to match, read from the tree stage 1's relaxation parses
(tqlint.engine.relax): literals every match contains, as a Requirement, so that on the exact
path (no stage 1) a rule skips a document lacking them at the cost of a substring test. A
requirement never changes what a rule finds, only how fast it finds nothing; where the analysis
is not sure, nothing is derived and the rule always runs.
"""

from __future__ import annotations

from tqlint.engine.prefilter import ASCII_CASE_TWINS, Requirement
from tqlint.engine.relax import Leaf, Node, Unsupported, parse

_MAX_ALTERNATIVES = 48
_MAX_GROUPS = 3  # literals checked per rule: each is a scan of the document when absent
_TWINS = dict(ASCII_CASE_TWINS)
# Literals nearly every English article contains: a requirement made of these skips nothing.
_COMMON = frozenset(
    "the of and to a in is was for on that with by as at from it he she his her its are be has "
    "have had not this which said were been will an or but also after over than more".split()
) | frozenset(" \t\n.,;:'\"")


def derive(source: str, ignore_case: bool) -> Requirement | None:
    """A requirement (over the folded view) every match of `source` satisfies, or None."""
    try:
        tree = parse(source, ignore_case)
    except (Unsupported, ValueError, IndexError):
        return None
    options = _ranked(_conjunction(tree))
    # The most selective groups, most selective first (it fails soonest). Groups any article
    # satisfies (a comma, "the", a single letter) would cost a check and skip nothing.
    chosen = [o for o in options if _score(o)[0] > 0][:_MAX_GROUPS]
    return Requirement.all_of(chosen, ignore_case=True) if chosen else None


def _folded(leaf: Leaf) -> str | None:
    """The one character a leaf stands for in the folded view (tqlint.engine.prefilter), if one."""
    if leaf.ranges is None or sum(high - low + 1 for low, high in leaf.ranges) > 4:
        return None
    folded = set()
    for low, high in leaf.ranges:
        for code in range(low, high + 1):
            char = chr(code)
            if char in _TWINS:
                folded.add(_TWINS[char])
            elif char.isascii() or (char.lower() == char and char.upper() == char):
                folded.add(char.lower())
            else:
                return None  # a cased letter beyond ASCII: its lowercase may depend on context
    return folded.pop() if len(folded) == 1 else None


def _items(node: Node) -> list:
    if isinstance(node, tuple) and node[0] == "seq":
        return node[1]
    return [node]


def _conjunction(node: Node) -> list[set]:
    """Every any-of set of literals a match of `node` needs."""
    options: list[set] = []
    run: list[str] = []
    for item in _items(node) + [None]:
        char = _folded(item) if isinstance(item, Leaf) else None
        if char is not None:
            run.append(char)
            continue
        if run:
            options.append({"".join(run)})
            run = []
        options += _needs(item)
    return options


def _needs(item: Node) -> list[set]:
    if item is None or isinstance(item, Leaf):
        return []
    kind = item[0]
    if kind == "look":
        return _conjunction(item[2])
    if kind == "rep":
        return _conjunction(item[1]) if _at_least_once(item[2]) else []
    if kind == "seq":
        return _conjunction(item)
    branches = [_best(_conjunction(branch)) for branch in item[1]]
    if any(b is None for b in branches):
        return []
    union = set().union(*branches)  # type: ignore[arg-type]
    return [union] if len(union) <= _MAX_ALTERNATIVES else []


def _at_least_once(count: str) -> bool:
    return count == "+" or (count.startswith("{") and not count.startswith(("{0,", "{,")))


def _selectivity(literal: str) -> int:
    if literal.strip() in _COMMON or literal in _COMMON or len(literal) == 1:
        return 0
    return len(literal)


def _score(option) -> tuple:
    return (min(_selectivity(s) for s in option), -len(option))


def _ranked(options) -> list:
    """Distinct non-empty options, most likely to fail on a clean document first."""
    unique = {frozenset(o) for o in options if o}
    return sorted(unique, key=lambda o: (_score(o), sorted(o)), reverse=True)


def _best(options) -> set | None:
    """Of several requirements that all hold, the one most likely to fail on a clean document."""
    ranked = _ranked(options)
    return set(ranked[0]) if ranked else None
