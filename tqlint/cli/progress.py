"""A progress line on stderr for long runs in a terminal, and nothing at all anywhere else.

Shown only when stderr is a TTY, `CI` is not set and TERM is not "dumb", and only once a run has
taken a moment (short runs never flicker). It is erased when the run ends, so the report that
follows on stdout or stderr starts on a clean line.
"""

from __future__ import annotations

import os
import sys
import time

_DELAY = 0.4  # seconds before the bar first appears
_INTERVAL = 0.1  # seconds between redraws
_WIDTH = 30


def wanted(stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    def __init__(self, total: int, stream=None, label: str = "linting", delay: float = _DELAY):
        self.total, self.done, self.part = total, 0, 0.0
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self._start = time.monotonic()
        self._delay = delay
        self._last_draw = 0.0
        self._shown = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        self.part = 0.0
        self._redraw()

    def partial(self, files: float) -> None:
        """Part of the files now being linted is done (one long file shows its progress too)."""
        self.part = files
        self._redraw()

    def _redraw(self) -> None:
        now = time.monotonic()
        if now - self._start < self._delay or (now - self._last_draw < _INTERVAL and self.done < self.total):
            return
        self._last_draw = now
        self._draw()

    def _draw(self) -> None:
        share = min(1.0, (self.done + self.part) / self.total) if self.total else 1.0
        filled = int(share * _WIDTH)
        bar = "=" * filled + (">" if filled < _WIDTH else "") + " " * max(0, _WIDTH - filled - 1)
        line = f"\rtqlint: {self.label} [{bar}] {self.done}/{self.total} files {share:4.0%}"
        try:
            self.stream.write(line)
            self.stream.flush()
        except (OSError, ValueError):
            return
        self._shown = True

    def close(self) -> None:
        if self._shown:
            try:
                self.stream.write("\r\033[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self._shown = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def progress_for(total: int, label: str = "linting", stream=None) -> Progress | None:
    """A Progress for `total` files if a person is watching stderr, else None. One file is
    enough: a long one shows its progress rule by rule (a short run never shows a bar at all)."""
    if total < 1 or not wanted(stream):
        return None
    return Progress(total, stream, label)
