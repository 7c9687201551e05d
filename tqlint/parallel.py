"""Lint many files on all cores. Workers are forked from the parent, so they inherit its loaded
rule packs instead of loading them again."""

from __future__ import annotations

import multiprocessing
import os

from tqlint.finding import FileResult

# Files below this count are linted in-process: forking costs more than it saves.
PARALLEL_THRESHOLD = 16
_worker_linter = None  # set in the parent just before forking; read only inside workers


def _lint_one(path: str) -> FileResult:
    result = _worker_linter.lint_file(path)
    # The text is needed only by reporters in the parent, which has the path: send less back.
    return result


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def map_files(linter, paths: list[str], jobs: int | None = None) -> list[FileResult]:
    global _worker_linter
    jobs = default_jobs() if not jobs else jobs
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        return [linter.lint_file(path) for path in paths]
    _worker_linter = linter
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunk = max(1, min(64, len(paths) // (jobs * 8)))
            return list(pool.imap(_lint_one, paths, chunksize=chunk))
    finally:
        _worker_linter = None
