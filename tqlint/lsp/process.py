"""The lint process seen from the server: `await lint.call("lint", text, path, syntax)`.

Jobs run one at a time, in the order they were asked for. A call cancelled before its turn
never reaches the process (a stale lint is dropped, not run); one cancelled while running
finishes there and its answer is thrown away. If the process dies it is started again and the
job retried once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from typing import Any

from tqlint.lsp.worker import serve


class LintJobError(Exception):
    """A job failed inside the lint process (the message says why)."""


class LintProcess:
    def __init__(self, close_fds=(), warm_folder: str | None = None):
        self._close_fds = tuple(close_fds)
        self._warm_folder = warm_folder
        self._pipe = threading.Lock()  # one request and its answer at a time on the pipe
        self._turn: asyncio.Lock | None = None
        self._stopped = False
        # Fork while this process has a single thread: the child starts warm-up at once, in
        # parallel with the server importing its protocol library. Later restarts spawn.
        forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        self._start("fork" if forkable else "spawn")

    def _start(self, method: str) -> None:
        context: Any = multiprocessing.get_context(method)  # typeshed's BaseContext lacks Process
        self._conn, child = context.Pipe()
        # Only a forked child inherits the client's pipe; in a spawned one those numbers are its own.
        close_fds = self._close_fds if method == "fork" else ()
        self._process = context.Process(target=serve, args=(child, close_fds, self._warm_folder),
                                        name="tqlint-lint", daemon=True)
        self._process.start()
        child.close()

    def _roundtrip(self, name: str, args: tuple):
        with self._pipe:
            for attempt in (1, 2):
                if self._stopped:
                    raise LintJobError("the server is shutting down")
                try:
                    self._conn.send((name, args))
                    status, value = self._conn.recv()
                    break
                except (EOFError, OSError):
                    if attempt == 2 or self._stopped:
                        raise LintJobError("the lint process stopped") from None
                    self._conn.close()
                    self._start("spawn")
        if status == "error":
            raise LintJobError(value)
        return value

    @property
    def stopped(self) -> bool:
        return self._stopped

    def call_now(self, name: str, *args):
        """Run a job and wait for it on this thread (tests and benchmarks)."""
        return self._roundtrip(name, args)

    async def call(self, name: str, *args):
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:
            return await asyncio.get_running_loop().run_in_executor(None, self._roundtrip, name, args)

    def stop(self, timeout: float = 2.0) -> None:
        """End the process: when idle, by closing the pipe (it leaves its loop); when busy (a
        job, or still warming up), by SIGTERM, which it handles by cleaning up and leaving."""
        if self._stopped:
            return
        self._stopped = True
        if self._pipe.acquire(blocking=False):
            try:
                self._conn.close()
            finally:
                self._pipe.release()
            self._process.join(0.2)
        for end in (self._process.terminate, self._process.kill):
            if not self._process.is_alive():
                return
            end()
            self._process.join(timeout)
