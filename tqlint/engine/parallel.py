"""Lint many files on all cores.

The parent first answers what it can from the results cache (an unchanged re-run never starts a
worker, nor even loads the rule packs), then forks workers for the rest. Workers are forked, so
they inherit everything the parent has loaded; each reads its files itself, writes its own cache
entries, and sends back only findings (the text only where there are findings to report).
"""

from __future__ import annotations

import os
from dataclasses import replace

from tqlint.engine import stage1
from tqlint.finding import FileResult

# Files below this count are linted in-process: forking costs more than it saves.
PARALLEL_THRESHOLD = 16
_worker_linter = None  # set in the parent just before forking; read only inside workers


# Files linted together, rule by rule (engine.lint_documents): enough to keep each rule hot in
# the processor's caches, few enough to keep memory flat and both cores busy to the end.
BATCH = 16


def _lint_batch(paths: list[str]) -> list[FileResult]:
    assert _worker_linter is not None, "set by map_files before the workers fork"
    results = _worker_linter.lint_files(paths)
    # Reporters need the text only to place findings: a clean file's stays in the worker.
    return [replace(r, text="") if not r.findings and r.text else r for r in results]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | None) -> int:
    """The workers to start for `jobs` asked (0 or None: as many as there are cores). More
    workers than cores only queue for them, sharing their memory and caches: `-j 1000` means
    "as parallel as this machine can be"."""
    return default_jobs() if not jobs else max(1, min(jobs, default_jobs()))


def _can_fork() -> bool:
    import multiprocessing  # start-up: only runs that fork workers pay for it

    return "fork" in multiprocessing.get_all_start_methods()


def map_files(linter, paths: list[str], jobs: int | None = None, progress=None) -> list[FileResult]:
    """Lint `paths` (results in the same order). `progress.advance(n)` is called as files finish."""
    global _worker_linter
    results: list[FileResult | None] = [None] * len(paths)
    todo = list(range(len(paths)))
    if getattr(linter, "cache", None) is not None:
        todo = []
        for index, path in enumerate(paths):
            hit = linter.cached_result(path)
            if hit is None:
                todo.append(index)
            else:
                results[index] = hit
                _advance(progress)
    jobs = worker_count(jobs)
    stage1.plan(_total_size(paths[i] for i in todo))
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD or not _can_fork():
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            for index, result in zip(batch, linter.lint_files([paths[i] for i in batch], _rule_progress(progress, len(batch)))):
                results[index] = result
            _advance(progress, len(batch))
        return results  # type: ignore[return-value]  # every index was filled above
    import multiprocessing  # start-up: only runs that fork workers pay for it

    jobs = min(jobs, max(1, len(todo) // 4))
    todo_paths = [paths[index] for index in todo]
    if hasattr(linter, "start_languagetool"):  # one LanguageTool for the run, not one per worker
        linter.start_languagetool(todo_paths)
    size = max(1, min(BATCH, len(todo) // (jobs * 8)))
    batches = [todo[start:start + size] for start in range(0, len(todo), size)]
    if hasattr(linter, "setup_for"):  # load the rules and build stage 1 once, shared by every fork
        stage1.stage1_for(linter.setup_for(todo_paths[0])[0], ())
    _worker_linter = linter
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_leave_interrupts_to_the_parent) as pool:
            done = pool.imap(_lint_batch, [[paths[i] for i in batch] for batch in batches])
            for batch, batch_results in zip(batches, done):
                for index, result in zip(batch, batch_results):
                    results[index] = result
                _advance(progress, len(batch))
    finally:
        _worker_linter = None
    return results  # type: ignore[return-value]  # every index was filled above


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: workers ignore it, so the parent
    alone reports it (one line, exit code 130) and the pool is terminated without tracebacks."""
    import signal  # start-up: only workers need it, and one article starts none

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _total_size(paths) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def _rule_progress(progress, files: int):
    """`on_rule` for a batch linted here: the bar moves as rules finish, not only as files do."""
    if progress is None or not hasattr(progress, "partial"):
        return None
    return lambda done, total: progress.partial(files * done / total)


def _advance(progress, count: int = 1) -> None:
    if progress is not None:
        progress.advance(count)
