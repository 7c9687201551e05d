"""`tqlint fix` killed at any moment: every article is either exactly as it was or fully fixed,
never half-written, never lost. Real processes, real signals, at random moments."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tqlint.api import Linter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = 300


def article(i: int) -> str:
    rng = random.Random(i)
    lines = [f"# Report {i}", ""]
    for _ in range(rng.randint(3, 12)):
        words = rng.choice(["Rates rose , then fell.", "They bought bread,milk and eggs.",
                            "Talks went on.", "Prices grew with 5 percent , officials said.",
                            "Markets were calm ; bonds fell."])
        lines.append(words * rng.randint(1, 4))
    return "\n".join(lines) + "\n" + "x" * rng.randint(0, 20000) + "\n"  # sizes vary


@pytest.fixture(scope="module")
def originals(tmp_path_factory, test_pack, test_config):
    folder = tmp_path_factory.mktemp("originals")
    (folder / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    linter = Linter(config=test_config)
    expected = {}
    for i in range(COUNT):
        text = article(i)
        (folder / f"a{i:03d}.md").write_text(text, encoding="utf-8")
        fixed, _, _ = linter.fix_text(text, f"a{i:03d}.md")
        assert fixed != text
        expected[f"a{i:03d}.md"] = (text, fixed)
    return folder, expected


def check_every_article(folder, expected) -> tuple[int, int]:
    """→ (untouched, fixed); fails on anything else."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    assert names == sorted(expected), "an article was lost or a stray one appeared"
    untouched = fixed = 0
    for name, (original, done) in expected.items():
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as handle:
            text = handle.read()
        if text == original:
            untouched += 1
        elif text == done:
            fixed += 1
        else:
            pytest.fail(f"{name} is neither the original nor the fixed article ({len(text)} chars)")
    return untouched, fixed


@pytest.mark.timeout(240)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_fix_never_leaves_a_half_written_article(originals, tmp_path, cache_dir_env, sig):
    source, expected = originals
    rng = random.Random(int(sig))
    interrupted_midway = 0
    for trial in range(5):
        folder = tmp_path / f"run{trial}"
        shutil.copytree(source, folder)
        process = subprocess.Popen([sys.executable, "-m", "tqlint", "fix", ".", "--no-cache", "-q"],
                                   cwd=folder, env=cache_dir_env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        # Start-up first, then somewhere in the run: the moment differs from trial to trial.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            if any(open(os.path.join(folder, n), encoding="utf-8").read() != expected[n][0]
                   for n in ("a000.md", "a001.md", "a002.md")):
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.4))
        if process.poll() is None:
            process.send_signal(sig)
        out, err = process.communicate(timeout=60)
        untouched, fixed = check_every_article(folder, expected)
        if untouched and fixed:
            interrupted_midway += 1
        if sig == signal.SIGINT:
            if process.returncode == 130:
                assert "interrupted; every file is either fully fixed or untouched" in err
            # Interrupted politely, it cleans up its temporary files.
            assert not [n for n in os.listdir(folder) if n.endswith(".tmp")]
        else:
            assert process.returncode in (-signal.SIGKILL, 0, 1, 2)
            # A kill may leave one hidden temporary file, never a visible or half article.
            assert all(n.startswith(".tqlint-") for n in os.listdir(folder) if n.endswith(".tmp"))
    assert interrupted_midway >= 1, "no trial stopped the run half-way: the moments need retuning"


@pytest.fixture(scope="module")
def cache_dir_env(tmp_path_factory):
    return dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path_factory.mktemp("cache")), CI="true", PYTHONPATH=ROOT)


def test_a_failed_write_leaves_the_original(tmp_path, test_config, monkeypatch):
    """A crash inside the write (disk full, say) leaves the article as it was and no litter."""
    import tqlint.text.files as source

    path = tmp_path / "a.md"
    path.write_text("Rates rose , then fell.\n", encoding="utf-8")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(source.os, "replace", full_disk)
    outcome = Linter(config=test_config).fix_file(str(path))
    assert outcome.error == "not written: No space left on device"
    assert path.read_text(encoding="utf-8") == "Rates rose , then fell.\n"
    assert os.listdir(tmp_path) == ["a.md"]
