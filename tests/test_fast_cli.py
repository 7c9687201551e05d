"""The console script's fast path for a plain check (tqlint.cli.fast) against the click command:
the same stdout, stderr and exit code over a matrix of arguments, and click left unloaded only
where the fast path ran."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tqlint.cli import fast

# Runs the console script's main() (marking on stderr whether click was loaded); with "click"
# first, the fast path is switched off.
_SCRIPT = """
import sys
way = sys.argv.pop(1)
import tqlint.cli, tqlint.cli.fast
if way == "click":
    tqlint.cli.fast.plain_check = lambda argv: None
leave = tqlint.cli._exit_without_teardown


def marked(code):
    sys.stderr.write("\\n[click loaded: %s]" % ("click" in sys.modules))
    leave(code)


tqlint.cli._exit_without_teardown = marked
tqlint.cli.main()
"""

FINDINGS = "The mayor said the budget grew with 4 percent .\n\nWe are prudent , the councillors said.\n"
CLEAN = "The council met on Tuesday and approved the budget.\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("fast")
    (root / "a.md").write_text("# Budget\n\n" + FINDINGS, encoding="utf-8")
    (root / "b.txt").write_text(FINDINGS, encoding="utf-8")
    (root / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (root / "escape.txt").write_text("The mayor said \x1b[31mhello\x1b[0m grew with 4 percent .\n", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Caf\xe9 grew with 4 percent .\n".encode("latin-1"))
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 grew\xff\xfe")
    (root / "records.jsonl").write_text('{"id": 1, "text": "It grew with 4 percent ."}\n', encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "c.md").write_text(FINDINGS, encoding="utf-8")
    (root / "skipped").mkdir()
    (root / "skipped" / "d.md").write_text(FINDINGS, encoding="utf-8")
    (root / ".tqlint.yaml").write_text("ignore-paths: [skipped/]\nfail-on: error\n", encoding="utf-8")
    (root / "bad").mkdir()
    (root / "bad" / ".tqlint.yaml").write_text("packs: [\n", encoding="utf-8")
    (root / "bad" / "e.md").write_text(FINDINGS, encoding="utf-8")
    return root


def _run(folder, way: str, args: list[str]):
    env = {**os.environ, "TQLINT_CACHE_DIR": str(folder / ".store"), "NO_COLOR": ""}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, way, *args], cwd=folder, env=env,
                          capture_output=True)
    stderr, _, loaded = done.stderr.rpartition(b"\n[click loaded: ")
    return done.returncode, done.stdout, stderr, loaded == b"True]"


PLAIN = [
    ["check", "a.md"], ["check", "b.txt"], ["check", "clean.txt"], ["check", "--quiet", "a.md", "b.txt"],
    ["check", "-q", "--no-cache", "a.md"], ["check", "--no-config", "a.md"], ["check", "--format", "json", "a.md"],
    ["check", "--format", "json", "--quiet", "clean.txt", "b.txt"], ["check", "missing.md"],
    ["check", "a.md", "missing.md"], ["check", "sub"], ["check", "."], ["check", "escape.txt"],
    ["check", "latin1.txt"], ["check", "binary.txt"], ["check", "records.jsonl"], ["check", "skipped/d.md"],
    ["check", "bad/e.md"], ["check", "--no-config", "bad/e.md"], ["check", "--format", "json", "missing.md"],
    ["check", "--no-cache", "--no-cache", "sub/c.md"],
]
# Not the fast path's: click parses them (usage errors included).
OTHER = [
    ["check"], ["check", "-"], ["check", "--format", "sarif", "a.md"], ["check", "--format", "xml", "a.md"],
    ["check", "--format"], ["check", "--format", "json", "--format", "text", "a.md"], ["check", "--bogus", "a.md"],
    ["check", "--", "a.md"], ["check", "--fail-on", "info", "a.md"], ["check", "--help"], ["--version"],
    ["rules", "--no-config"], ["check", "-qx", "a.md"],
]


@pytest.mark.parametrize("args", PLAIN + OTHER, ids=" ".join)
def test_the_fast_path_writes_what_the_click_command_writes(folder, args):
    fast_code, fast_out, fast_err, fast_click = _run(folder, "fast", args)
    click_code, click_out, click_err, click_loaded = _run(folder, "click", args)
    assert (fast_code, fast_out, fast_err) == (click_code, click_out, click_err)
    assert click_loaded
    if args in OTHER:
        assert fast_click, "the fast path ran where click must parse"
    elif "records.jsonl" not in args:  # (a dataset's readers import click's options: the same output)
        assert not fast_click, "a plain check loaded click"


def test_the_fast_path_passes_the_click_commands_defaults():
    from tqlint.cli.check import check_command

    params = check_command.make_context("check", ["a.md"]).params
    for name in ("paths", "baseline", "write_baseline"):
        params.pop(name)
    assert params == fast.DEFAULTS


def test_plain_check_parses_only_the_plain_forms():
    assert fast.plain_check(["check", "-q", "--format", "json", "x.md"])[0] == ("x.md",)
    for argv in (["check"], ["fix", "x.md"], ["check", "-", "x.md"], ["check", "", "x.md"],
                 ["check", "--format=json", "x.md"], ["check", "--select", "x", "x.md"]):
        assert fast.plain_check(argv) is None, argv
