"""What a new user hit (issue 12), one test per item: each failed before its fix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from tqlint.cli import cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLE = "Prices grew with 10 percent , the bank said.\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env={"CI": "true", **(env or {})},
                              catch_exceptions=False)


@pytest.fixture
def project(tmp_path, test_pack, monkeypatch):
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nignore-paths: [drafts/**]\n")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(ARTICLE)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tqlint(*args, cwd, **kwargs):
    env = dict(os.environ, PYTHONPATH=ROOT, CI="true", TQLINT_CACHE_DIR="off")
    return subprocess.Popen([sys.executable, "-m", "tqlint", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


# --- 3. Ctrl-C during check -------------------------------------------------------------------

def test_ctrl_c_during_check_exits_130_with_one_line(tmp_path):
    """A real SIGINT to a run linting on two cores: exit 130, one line, no worker traceback
    (click's standalone mode used to print "Aborted!" and exit 1, which CI reads as findings)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paragraph = "The council said on Monday , that prices grew with 10 percent in the last year . " * 40
    for i in range(1500):
        (folder / f"a{i:04d}.md").write_text(f"# Article {i}\n\n{paragraph}\n")
    process = _tqlint("check", "--no-config", "-j", "2", str(folder), cwd=tmp_path)
    time.sleep(2.0)  # start-up and the first batches: the run is under way
    assert process.poll() is None, "the run ended before the interrupt: give it more to do"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip().splitlines() == ["tqlint: interrupted"], err
    assert "Traceback" not in err and "Aborted" not in err
