"""A real editor: Neovim's built-in LSP client, headless, runs `tqlint lsp` on an article,
receives the diagnostics, applies a quick fix and writes the file (tests/nvim/fix_article.lua)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from tqlint.reporters.links import help_uri

pytest.importorskip("pygls", reason="the language server's tests need `pip install -e '.[test]'`")
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (`apt-get install neovim`; .ci/run "
                                                    "installs it where apt-get works): the real-editor test needs `nvim`")

SPACE = "en-news/space-before-punctuation"
ARTICLE = (
    "# Crowds 🎉 in the square\n"
    "\n"
    "Fans 🇷🇴 waved flags in 北京 and the café\u0301 owner said , happily, that it was a good day.\n"
    "Exports grew with 4 percent in March.\n"
)


def test_neovim_receives_diagnostics_and_applies_a_quick_fix(tmp_path):
    article = tmp_path / "crowds.md"
    article.write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.json"
    env = {**os.environ, "TQLINT_ARTICLE": str(article), "TQLINT_PYTHON": sys.executable,
           "TQLINT_REPORT": str(report), "TQLINT_RULE": SPACE, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    script = ROOT / "tests" / "nvim" / "fix_article.lua"
    run = subprocess.run([NVIM, "--headless", "--clean", "-i", "NONE", "-c", f"luafile {script}", "-c", "cquit! 2"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    assert report.exists(), f"Neovim wrote no report (exit {run.returncode}): {run.stderr[-2000:]}"
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["ok"], result["error"]

    before = {d["code"]: d for d in result["before"]}
    assert SPACE in before and "en-news/change-with-amount" in before
    assert {d["source"] for d in result["before"]} == {"tqlint"}
    assert before[SPACE]["href"] == help_uri(SPACE)
    line = ARTICLE.splitlines()[2]
    assert (before[SPACE]["lnum"], before[SPACE]["col"]) == (2, len(line[:line.index(" ,")].encode("utf-8")))  # Neovim counts bytes
    assert f"Disable {SPACE} on this line" in result["titles"]
    assert result["applied"] == "Delete ' '"
    assert SPACE not in {d["code"] for d in result["after"]} and result["after"]
    assert article.read_text(encoding="utf-8") == ARTICLE.replace("said , happily", "said, happily")
    assert result["stopped"] and run.returncode == 0
