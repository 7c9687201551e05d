"""Length-based alignment of a source text with its translation (Gale and Church, 1993).

Why this aligner: it needs nothing but the lengths of the pieces, so it runs offline, on any
language pair, in a few milliseconds per article, and it is the method every later aligner is
measured against. Its two numbers per language pair (how many target characters one source
character becomes, and how much that varies) are learned from human translations
(tqlint.text.lengths). Aligners that compare meaning (vecalign, bleualign) need sentence
embeddings or an MT system, neither of which a linter can load offline. News paragraphs are
short and aligned first, so the sentences inside them rarely leave room for a length-only
mistake.

`align(source_lengths, target_lengths, ratio, variance)` returns beads: pairs of (source indexes,
target indexes), in order, covering both sides; a bead with an empty side is a piece with no
counterpart (an omission or an addition).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Bead shapes and their prior probabilities (Gale and Church's Table 5).
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
_PRIOR_COSTS = {shape: -math.log(p) for shape, p in PRIORS.items()}


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]  # indexes of source pieces (may be empty)
    target: tuple[int, ...]  # indexes of target pieces (may be empty)


def _match_cost(source_length: int, target_length: int, ratio: float, variance: float) -> float:
    """-log P(lengths | the pieces translate each other), from the normal model of the length
    difference (`length_score`)."""
    delta = length_score(source_length, target_length, ratio, variance)
    # Two-sided tail of the standard normal; floored so a very long bead is unlikely, not impossible.
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300))


def align(source_lengths: list[int], target_lengths: list[int], ratio: float = 1.0,
          variance: float = 6.8) -> list[Bead]:
    """The most probable sequence of beads (dynamic programming over the two sequences)."""
    n, m = len(source_lengths), len(target_lengths)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), prior in _PRIOR_COSTS.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                step = prior + _match_cost(sum(source_lengths[i:ni]), sum(target_lengths[j:nj]), ratio, variance)
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (di, dj)
    return _beads(back, n, m)


def _beads(back, n: int, m: int) -> list[Bead]:
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None, "every cell on the path was reached"
        di, dj = step
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def length_score(source_length: int, target_length: int, ratio: float, variance: float) -> float:
    """How many standard deviations the target's length is from what the source predicts
    (positive: longer): target ≈ ratio × source, the variance growing with the length."""
    if source_length == 0 and target_length == 0:
        return 0.0
    mean = (source_length + target_length / ratio) / 2
    return (target_length - source_length * ratio) / math.sqrt(max(mean, 1.0) * variance)
