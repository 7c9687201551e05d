"""A regex scan under a budget of CPU time, not wall-clock time.

The `regex` module stops a search after a wall-clock timeout, so on a loaded machine (other
jobs, more workers than cores) a sound pattern looks like a runaway one and its findings are
lost. Here the budget is this thread's CPU time: each search step gets as much wall-clock time
as the remaining CPU budget would need at the load measured so far, and a step cut short while
the thread was starved of CPU is taken again from where the scan had got to.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

_MAX_SLACK = 1000.0  # wall-clock seconds per CPU second we are prepared to wait


def finditer(pattern, text: str, budget: float) -> Iterator:
    """`pattern.finditer(text)`, raising TimeoutError once the scan has used `budget` seconds
    of this thread's CPU time."""
    started = time.thread_time()
    position, last, slack = 0, None, 1.5
    while True:
        left = budget - (time.thread_time() - started)
        if left <= 0:
            raise TimeoutError("regex used up its CPU-time budget")
        wall, cpu = time.monotonic(), time.thread_time()
        try:
            for match in pattern.finditer(text, position, timeout=left * slack):
                if match.span() == last:
                    continue  # the empty match a resumed scan finds again
                last = match.span()
                yield match
                if time.thread_time() - started > budget:
                    raise TimeoutError("regex used up its CPU-time budget")
            return
        except TimeoutError:
            used = time.thread_time() - cpu
            if time.thread_time() - started >= budget:
                raise
            # Starved rather than stuck: wait in proportion to the load this step saw.
            slack = min(_MAX_SLACK, max(slack, 1.5 * (time.monotonic() - wall) / max(used, 1e-3)))
            if last is not None:
                position = last[1]
