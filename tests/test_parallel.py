"""Linting on several cores gives exactly what one core gives, in the same order."""

from __future__ import annotations

import io
import os

import pytest

from tqlint.api import Linter, lint_paths
from tqlint.cache.results import ResultCache
from tqlint.cli.progress import Progress, progress_for, wanted
from tqlint.engine.parallel import PARALLEL_THRESHOLD, default_jobs, map_files


def make_folder(tmp_path, count=PARALLEL_THRESHOLD * 3):
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"a{i:03d}.md"
        text = f"Article {i} grew with {i} percent .\n" if i % 3 else f"Article {i} is clean.\n"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def summary(results):
    return [(r.path, r.findings, r.error, r.failures) for r in results]


def test_default_jobs_is_the_usable_cores():
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)


def test_parallel_equals_serial(tmp_path, test_config):
    paths = make_folder(tmp_path)
    serial = map_files(Linter(config=test_config), paths, jobs=1)
    parallel = map_files(Linter(config=test_config), paths, jobs=2)
    assert summary(parallel) == summary(serial)
    assert [r.path for r in parallel] == paths
    # Clean files come back without their text; files with findings keep it for the reporters.
    for result in parallel:
        assert bool(result.text) == bool(result.findings)


def test_errors_come_back_in_place(tmp_path, test_config):
    paths = make_folder(tmp_path)
    os.unlink(paths[5])
    with open(paths[7], "wb") as handle:
        handle.write(b"\x00\x01binary")
    results = map_files(Linter(config=test_config), paths, jobs=2)
    assert "not found" in results[5].error and "binary" in results[7].error
    assert all(r.error is None for i, r in enumerate(results) if i not in (5, 7))


def test_cached_files_never_reach_a_worker(tmp_path, test_config, monkeypatch):
    paths = make_folder(tmp_path)
    cache = ResultCache(str(tmp_path / "cache"))
    first = map_files(Linter(config=test_config, cache=cache), paths, jobs=2)

    def no_lint(self, path):
        raise AssertionError("linted although cached")

    monkeypatch.setattr(Linter, "lint_file", no_lint)
    monkeypatch.setattr(Linter, "lint_files", no_lint)
    again = map_files(Linter(config=test_config, cache=ResultCache(str(tmp_path / "cache"))), paths, jobs=2)
    assert summary(again) == summary(first)


def test_progress_counts_every_file(tmp_path, test_config):
    paths = make_folder(tmp_path)
    for jobs in (1, 2):
        seen = []

        class Counter:
            def advance(self, n=1):
                seen.append(n)  # noqa: B023 - called within this iteration

        map_files(Linter(config=test_config), paths, jobs=jobs, progress=Counter())
        assert sum(seen) == len(paths)


def test_lint_paths_closes_the_progress_bar(tmp_path, test_config):
    paths = make_folder(tmp_path, 3)
    bars = []

    def make(total):
        bar = Progress(total, io.StringIO(), delay=0)
        bars.append(bar)
        return bar

    lint_paths([os.path.dirname(paths[0])], linter=Linter(config=test_config), progress=make)
    out = bars[0].stream.getvalue()
    assert "3/3 files" in out and out.endswith("\r\033[K")


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_in_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(FakeTTY()) and not wanted(io.StringIO())
    assert progress_for(100, stream=FakeTTY()) is not None
    assert progress_for(1, stream=FakeTTY()) is not None  # one long file shows its progress too
    assert progress_for(0, stream=FakeTTY()) is None
    monkeypatch.setenv("CI", "true")
    assert not wanted(FakeTTY())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not wanted(FakeTTY())


def test_progress_waits_before_drawing():
    stream = FakeTTY()
    bar = Progress(10, stream, delay=60)
    for _ in range(10):
        bar.advance()
    bar.close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize("piped", [True, False])
def test_cli_prints_no_progress_when_piped(tmp_path, test_pack, piped):
    import subprocess
    import sys

    paths = make_folder(tmp_path, 20)
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    env = dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path / "cache"))
    if piped:
        env.pop("CI", None)
    else:
        env["CI"] = "true"
    done = subprocess.run([sys.executable, "-m", "tqlint", "check", os.path.dirname(paths[0]), "-q"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "\r" not in done.stderr and "files" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_cli_draws_progress_on_a_terminal_and_erases_it(tmp_path):
    import subprocess
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
    from generate import generate

    generate(str(tmp_path / "articles"), 250)
    master, slave = os.openpty()
    env = dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path / "cache"), TERM="xterm")
    env.pop("CI", None)
    process = subprocess.Popen([sys.executable, "-m", "tqlint", "check", str(tmp_path / "articles"),
                                "--no-cache", "-q", "-j", "1"],
                               stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(master)
    frames = shown.split(b"\r")
    assert any(b"/250 files" in frame for frame in frames), shown[:200]
    assert frames[-1] == b"\x1b[K"  # erased: the report that follows starts on a clean line


def test_linting_together_equals_linting_one_by_one(tmp_path, test_config):
    """Batches run rule by rule across files (engine.lint_documents): same results, same order."""
    paths = make_folder(tmp_path, 40)
    os.unlink(paths[3])
    with open(paths[4], "wb") as handle:
        handle.write(b"\xff\xfe\x00")
    linter = Linter(config=test_config)
    one_by_one = [linter.lint_file(p) for p in paths]
    together = linter.lint_files(paths)
    assert summary(together) == summary(one_by_one)
    assert [r.text for r in together] == [r.text for r in one_by_one]


def test_lint_documents_equals_lint_document(test_ruleset):
    from tqlint.engine.run import lint_document, lint_documents
    from tqlint.text.readers import read_document

    texts = ["Rates rose , then fell.", "SUA said so.\n\nbread,milk", "", "Nothing here."]
    docs = [read_document(t, "markdown") for t in texts]
    assert lint_documents(docs, test_ruleset) == [lint_document(d, test_ruleset) for d in docs]
