"""Issue 12, items 2 and 4: a loaded machine or a long dense file must not lose findings. The
regex budget is CPU time of the thread (tqlint.engine.budget), `--jobs` is capped at the cores,
and the findings bound of a rule grows with the document."""

from __future__ import annotations

import time

import pytest
import regex

from tqlint.api import Linter
from tqlint.engine import budget, parallel
from tqlint.engine.run import MAX_FINDINGS_PER_RULE

RUNAWAY = regex.compile(r"(?=(\w+))\w*?(?<=z)\1")  # tries every suffix at every position


def test_a_starved_thread_keeps_its_findings(monkeypatch):
    """The thread gets a thousandth of a core (as under -j 1000 on two cores): the wall clock runs
    away, its CPU time does not, and the scan finishes with every match."""
    text = "abc " * 200_000 + "grew with 5 percent."
    pattern = regex.compile(r"\w+\s+with\s+\d+")
    with pytest.raises(TimeoutError):  # what a wall-clock budget of 1 ms does: the finding is lost
        list(pattern.finditer(text, timeout=0.001))
    real = time.thread_time
    begun = real()
    monkeypatch.setattr(budget.time, "thread_time", lambda: begun + (real() - begun) / 1000)
    found = [m.span() for m in budget.finditer(pattern, text, 0.005)]
    assert found == [m.span() for m in pattern.finditer(text)] and found


def test_a_runaway_pattern_still_stops():
    started = time.thread_time()
    with pytest.raises(TimeoutError):
        list(budget.finditer(RUNAWAY, "a" * 20000, 0.2))
    assert time.thread_time() - started < 2.0


def test_a_resumed_scan_finds_each_match_once(monkeypatch):
    """A step cut short by load resumes after the last match, empty matches included."""
    pattern = regex.compile(r"\b|x")
    text = "ab x cd x"
    calls = {"n": 0}
    real_finditer = type(pattern).finditer

    class Flaky:
        groups = pattern.groups

        def finditer(self, text, pos=0, timeout=None):
            calls["n"] += 1
            for number, match in enumerate(real_finditer(pattern, text, pos)):
                if calls["n"] == 1 and number == 2:
                    raise TimeoutError("regex timed out")  # (no CPU spent: a starved step)
                yield match

    found = [m.span() for m in budget.finditer(Flaky(), text, 5.0)]
    assert found == [m.span() for m in pattern.finditer(text)] and calls["n"] == 2


def test_jobs_are_capped_at_the_cores():
    cores = parallel.default_jobs()
    assert parallel.worker_count(1000) == cores
    assert parallel.worker_count(0) == parallel.worker_count(None) == cores
    assert parallel.worker_count(1) == 1


def test_a_long_dense_document_keeps_every_finding():
    sentence = "Prices grew with 5 percent last year. "
    count = MAX_FINDINGS_PER_RULE + 500
    result = Linter(no_config=True).lint_text(sentence * count, None, syntax="text")
    assert not result.failures
    assert sum(f.rule == "en-news/change-with-amount" for f in result.findings) == count


def test_a_file_that_is_not_prose_still_stops_a_rule():
    text = "a , " * 60000  # a space before every comma, one finding per four characters
    result = Linter(no_config=True).lint_text(text, None, syntax="text")
    assert any("stopped after" in failure for failure in result.failures)


def test_one_long_file_shows_its_progress(tmp_path, monkeypatch):
    """A single file's bar moves as its rules finish (issue 12: feedback on one big file)."""
    import io

    from tqlint.cli.progress import Progress

    path = tmp_path / "long.md"
    path.write_text("Prices grew with 5 percent last year.\n\n" * 2000, encoding="utf-8")
    stream = io.StringIO()
    bar = Progress(1, stream=stream, delay=0.0)
    monkeypatch.setattr("tqlint.cli.progress._INTERVAL", 0.0)
    results = parallel.map_files(Linter(no_config=True), [str(path)], jobs=1, progress=bar)
    shares = {int(part.split("files")[1].strip(" %")) for part in stream.getvalue().split("\r") if "files" in part}
    assert results[0].findings and len(shares - {0, 100}) >= 1
