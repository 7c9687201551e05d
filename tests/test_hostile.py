"""Hostile input: every bad file gets one clear line and the run goes on for the others; nothing
hangs, nothing eats unbounded memory, no YAML or rule can run code, nothing leaves the machine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest
from conftest import TEST_PACK, write_pack

from tqlint.api import Linter, fix_paths, lint_paths
from tqlint.config import Config
from tqlint.engine.context import LintContext
from tqlint.text.files import FileError, read_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FLAGGED = "Prices grew , said SUA officials.\n"  # the test pack flags " ," and SUA


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def run(args, cwd, cache_dir, timeout=120, **env):
    full_env = dict(os.environ, TQLINT_CACHE_DIR=str(cache_dir), CI="true", PYTHONPATH=ROOT, **env)
    return subprocess.run([sys.executable, "-m", "tqlint", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def project(tmp_path, test_pack):
    """A folder whose .tqlint.yaml runs the small test pack."""
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    return tmp_path


def error_lines(output: str) -> dict[str, str]:
    return {line.split(": error: ")[0]: line.split(": error: ")[1]
            for line in output.splitlines() if ": error: " in line}


# --- bad files among good ones ----------------------------------------------------------------

def test_bad_files_get_one_line_each_and_the_run_goes_on(project, cache_dir):
    (project / "good.md").write_text(FLAGGED, encoding="utf-8")
    (project / "binary.md").write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    (project / "broken.md").write_bytes(b"Caf\xc3\xa9 and caf\xe9 ok\n")
    (project / "utf16.md").write_bytes(b"\xff\xfe" + FLAGGED.encode("utf-16-le"))
    (project / "empty.md").write_bytes(b"")
    with open(project / "huge.md", "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 2**20)
    os.symlink("loop.md", project / "loop.md")
    os.symlink("missing-target.md", project / "dangling.md")
    if hasattr(os, "mkfifo"):
        os.mkfifo(project / "pipe.md")  # reading it would block forever
    done = run(["check", ".", "--no-cache"], project, cache_dir, timeout=60)
    errors = error_lines(done.stdout)
    assert done.returncode == 2, done.stdout + done.stderr
    assert errors["./binary.md"] == "binary file (contains NUL bytes), skipped"
    assert errors["./broken.md"] == "not valid UTF-8: byte 0xe9 at offset 13 (line 1)"
    assert errors["./huge.md"].startswith("file too large: 50.0 MB, over the 10 MB limit")
    assert "symbolic links" in errors["./loop.md"]
    assert errors["./dangling.md"] == "broken symbolic link (to missing-target.md: nothing there), skipped"
    if hasattr(os, "mkfifo"):
        assert errors["./pipe.md"] == "not a regular file (a pipe, socket or device), skipped"
    # Each bad file is one line; the good ones and the UTF-16 one are linted as usual.
    for path in errors:
        assert sum(1 for line in done.stdout.splitlines() if line.startswith(path + ":")) == 1
    assert "./good.md:1:12: error [testpack/spaced-comma]" in done.stdout
    assert "./utf16.md:1:12: error [testpack/spaced-comma]" in done.stdout
    assert "./empty.md" not in done.stdout


@pytest.mark.parametrize("options", [["--format", "json"], ["--format", "sarif"], ["--statistics"],
                                     ["--output-file", "report.txt"]])
def test_a_report_not_read_line_by_line_still_names_bad_files_on_stderr(project, cache_dir, options):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    (project / "blob.md").write_bytes(b"\x00\x01binary")
    done = run(["check", "a.md", "blob.md", "gone.md", *options], project, cache_dir)
    assert done.returncode == 2
    assert "tqlint: blob.md: error: binary file (contains NUL bytes), skipped\n" in done.stderr
    assert "tqlint: gone.md: error: no such file or directory\n" in done.stderr
    assert "a.md" not in done.stderr.replace("blob.md", "")  # a file that was read gets no line


def test_utf16_is_fixed_and_written_back_as_utf16(project, cache_dir):
    path = project / "utf16.md"
    original = b"\xff\xfe" + "Rates rose , then fell.\r\n".encode("utf-16-le")
    path.write_bytes(original)
    done = run(["fix", "utf16.md"], project, cache_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.read_bytes() == b"\xff\xfe" + "Rates rose, then fell.\r\n".encode("utf-16-le")


def test_size_limit_can_be_raised(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.4 MB
    monkeypatch.setenv("TQLINT_MAX_FILE_MB", "1")
    with pytest.raises(FileError, match="over the 1 MB limit"):
        read_file(str(path))
    monkeypatch.setenv("TQLINT_MAX_FILE_MB", "2")
    assert len(read_file(str(path)).text) == 1_500_000


@pytest.mark.parametrize("setting", ["abc", "-3", "nan", "0"])
def test_a_size_limit_that_is_not_a_size_is_said_once(tmp_path, setting):
    """It was silently ignored: the user believed a limit that did not apply."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Rates rose , then fell.\n")
    env = {**os.environ, "TQLINT_MAX_FILE_MB": setting}
    for args in (["check", "--no-config", "a.txt", "b.txt"], ["check", "--no-config", "--color", "never", "a.txt", "b.txt"]):
        done = subprocess.run([sys.executable, "-m", "tqlint", *args], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.stderr == (f"tqlint: warning: TQLINT_MAX_FILE_MB={setting!r} is not a size in megabytes above 0; "
                               "the default 10 MB applies\n"), args
        assert done.returncode == 1 and "space-before-punctuation" in done.stdout


# --- big and deep input: linear time, bounded memory ----------------------------------------

MEMORY_PROBE = textwrap.dedent("""
    import resource, subprocess, sys
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


@pytest.mark.timeout(180)
def test_megabyte_lines_in_linear_time_and_bounded_memory(tmp_path, cache_dir):
    """A 5 MB single line of prose and 2 MB lines of markup that trips Markdown parsers up
    (emphasis runs, open brackets, backticks, quotation marks), with all built-in rules. A
    quadratic step anywhere would blow the timeout; the memory of the whole run is bounded."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import random

    from generate import sentence

    rng, parts, size = random.Random(5), [], 0
    while size < 5 * 2**20:
        parts.append(sentence(rng))
        size += len(parts[-1]) + 1
    (tmp_path / "line.md").write_text(" ".join(parts), encoding="utf-8")
    for name, unit in [("stars.md", "**a _b "), ("brackets.md", "[a]( [b "), ("ticks.md", "`a ``b "),
                       ("quotes.md", "„a” «b "), ("dots.md", ". . ..! ")]:
        (tmp_path / name).write_text(unit * (2 * 2**20 // len(unit)), encoding="utf-8")
    (tmp_path / "nested.md").write_text("> " * 50_000 + "deep\n" + "".join("  " * i + "- x\n" for i in range(3000))
                                        + "[" * 100_000 + "\n", encoding="utf-8")
    env = dict(os.environ, TQLINT_CACHE_DIR=str(cache_dir), CI="true", PYTHONPATH=ROOT)
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, sys.executable, "-m", "tqlint", "check", ".", "--no-cache", "-q"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=170)
    code, max_rss_kb = (int(x) for x in probe.stdout.split())
    assert code in (1, 2), probe.stderr  # findings, and rules stopped after 2000 findings
    assert max_rss_kb < 600 * 1024, f"{max_rss_kb / 1024:.0f} MB"


# --- broken configuration, packs and rules ------------------------------------------------------

def test_malformed_config_yaml_names_file_and_line(tmp_path, cache_dir):
    (tmp_path / ".tqlint.yaml").write_text("packs: [en-news\nfail-on: error\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    done = run(["check", "a.md"], tmp_path, cache_dir)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"tqlint: {tmp_path / '.tqlint.yaml'}:2: invalid YAML")
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["dangling link", "folder"])
def test_a_config_that_is_not_a_file_is_an_error_not_the_defaults(tmp_path, cache_dir, kind):
    config = tmp_path / ".tqlint.yaml"
    if kind == "folder":
        config.mkdir()
    else:
        os.symlink(tmp_path / "moved" / "house.yaml", config)  # the shared config moved away
    (tmp_path / "a.md").write_text("Prices grew , said officials.\n", encoding="utf-8")
    for args in (["check", "a.md"], ["check", "--format", "json", "a.md"], ["fix", "a.md"]):
        done = run(args, tmp_path, cache_dir)
        assert done.returncode == 2, args
        assert done.stderr.startswith(f"tqlint: {config}: "), args
        assert len(done.stderr.strip().splitlines()) == 1
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "Prices grew , said officials.\n"


def test_malformed_pack_yaml_names_file_and_line(tmp_path, cache_dir):
    pack = write_pack(tmp_path / "mypack", "rules:\n  - id: x\n    kind: pattern\n   pattern: 'a'\n")
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{pack}]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    done = run(["check", "a.md"], tmp_path, cache_dir)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"tqlint: {pack / 'rules.yaml'}:")
    assert "invalid YAML" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_invalid_regex_in_a_user_rule(tmp_path, cache_dir):
    pack = write_pack(tmp_path / "mypack", TEST_PACK.replace(r"pattern: '\bSUA\b'", r"pattern: '\bSUA(?<x\b'"))
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{pack}]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    done = run(["check", "a.md"], tmp_path, cache_dir)
    assert done.returncode == 2
    line = done.stderr.strip()
    assert line.startswith(f"tqlint: {pack / 'rules.yaml'}:") and "rule 'sua': invalid regular expression" in line


SLOW_RULE = r"""
  - id: slow
    kind: pattern
    category: Fluency/Grammar
    severity: warning
    message: "x"
    pattern: '(a|aa)+b'
    no-fix: "test"
    examples:
      flag: ["ab"]
      pass: ["b"]
"""


def test_catastrophic_backtracking_is_stopped_and_named(tmp_path):
    pack = write_pack(tmp_path / "pk", TEST_PACK + SLOW_RULE)
    linter = Linter(config=Config(packs=(str(pack),)))
    ruleset, _ = linter.setup_for(None)
    from tqlint.engine.run import lint_document
    from tqlint.text.readers import read_document

    # (a "b" somewhere, or the rule's prefilter would skip the document before any backtracking)
    text = "Prices grew , a bit. " + "a" * 60 + "\n"
    findings, failures = lint_document(read_document(text, "markdown"), ruleset, LintContext(timeout_floor=0.3))
    assert [f.rule for f in failures] == ["pk/slow"] and "time budget" in failures[0].message
    assert any(f.rule == "pk/spaced-comma" for f in findings)  # the other rules still reported


@pytest.mark.timeout(60)
def test_catastrophic_backtracking_in_the_cli(tmp_path, cache_dir):
    pack = write_pack(tmp_path / "pk", TEST_PACK + SLOW_RULE)
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{pack}]\n", encoding="utf-8")
    (tmp_path / "slow.md").write_text("A bit: " + "a" * 60 + "\n", encoding="utf-8")
    (tmp_path / "other.md").write_text(FLAGGED, encoding="utf-8")
    done = run(["check", ".", "--no-cache"], tmp_path, cache_dir)
    assert done.returncode == 2
    assert "./slow.md: rule error: pk/slow: stopped after its time budget" in done.stdout
    assert "./other.md:1:12: error [pk/spaced-comma]" in done.stdout


# --- the file system moving under our feet ----------------------------------------------------

def test_symlink_loops_in_folders_are_walked_once(project, cache_dir):
    sub = project / "articles"
    sub.mkdir()
    (sub / "a.md").write_text(FLAGGED, encoding="utf-8")
    os.symlink("..", sub / "up")
    os.symlink(".", sub / "self")
    done = run(["check", "articles", "--no-cache"], project, cache_dir, timeout=30)
    assert done.returncode == 1
    assert done.stdout.count("articles/a.md:1:12: error [testpack/spaced-comma]") == 1


def test_unreadable_file_is_reported_and_skipped(project, test_config, monkeypatch):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    (project / "secret.md").write_text(FLAGGED, encoding="utf-8")
    import builtins

    import tqlint.text.files as source

    real_open = builtins.open

    def guarded_open(path, *args, **kwargs):  # what chmod 000 does for anyone but root
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(source, "open", guarded_open, raising=False)
    run_result = lint_paths([str(project)], jobs=1, linter=Linter(config=test_config))
    by_name = {os.path.basename(f.path): f for f in run_result.files}
    assert by_name["secret.md"].error == "permission denied"
    assert by_name["a.md"].findings


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permission bits; "
                                    "test_unreadable_file_is_reported_and_skipped simulates it")
def test_chmod_000_file_is_reported(project, cache_dir):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    secret = project / "secret.md"
    secret.write_text(FLAGGED, encoding="utf-8")
    secret.chmod(0)
    done = run(["check", ".", "--no-cache"], project, cache_dir)
    assert "./secret.md: error: permission denied" in done.stdout
    assert "./a.md:1:12" in done.stdout


def test_a_folder_that_cannot_be_listed_is_reported(project, test_config, monkeypatch):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    (project / "locked").mkdir()
    (project / "locked" / "b.md").write_text(FLAGGED, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path="."):  # what chmod 000 on a folder does for anyone but root
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    linter = Linter(config=test_config)
    for result in (lint_paths([str(project)], jobs=1, linter=linter),
                   fix_paths([str(project / "locked")], write=False, linter=linter)):
        errors = {os.path.basename(f.path): f.error for f in result.files if f.error}
        assert errors == {"locked": "folder could not be read (permission denied), its files were not checked"}
    monkeypatch.setattr(os, "lstat", lambda path: guarded_scandir(os.path.dirname(path)))
    named = lint_paths([str(project / "locked" / "b.md")], jobs=1, linter=linter).files
    assert named[0].error == "permission denied (a folder on the way cannot be searched)"


@pytest.mark.skipif(IS_ROOT, reason="root lists folders whatever their permission bits; "
                                    "test_a_folder_that_cannot_be_listed_is_reported simulates it")
def test_chmod_000_folder_is_reported(project, cache_dir):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    locked = project / "locked"
    locked.mkdir()
    (locked / "b.md").write_text(FLAGGED, encoding="utf-8")
    locked.chmod(0)
    try:
        done = run(["check", ".", "--no-cache"], project, cache_dir)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 2
    assert "./locked: error: folder could not be read (permission denied)" in done.stdout


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_removed_mid_run(project, test_config, monkeypatch, jobs):
    import tqlint.api as discover

    for i in range(40):
        (project / f"a{i:02d}.md").write_text(FLAGGED, encoding="utf-8")
    real_expand = discover.expand_paths

    def expand_then_remove(paths, ignored, *args):
        files, missing = real_expand(paths, ignored, *args)
        os.unlink(files[7])  # gone after discovery, before linting
        return files, missing

    monkeypatch.setattr(discover, "expand_paths", expand_then_remove)
    results = lint_paths([str(project)], jobs=jobs, linter=Linter(config=test_config)).files
    assert results[7].error == "file not found (removed while tqlint was running?)"
    assert all(r.findings and not r.error for i, r in enumerate(results) if i != 7)


def test_a_broken_symlink_is_named_as_one(project, cache_dir):
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    os.symlink("moved-away.md", project / "link.md")
    os.symlink("loop2.md", project / "loop1.md")
    os.symlink("loop1.md", project / "loop2.md")
    done = run(["check", "."], project, cache_dir)
    assert done.returncode == 2
    errors = error_lines(done.stdout)
    assert errors["./link.md"] == "broken symbolic link (to moved-away.md: nothing there), skipped"
    assert errors["./loop1.md"] == "Too many levels of symbolic links"
    assert "./a.md:1:12" in done.stdout


def test_fix_leaves_a_read_only_file_alone_and_says_so(project, cache_dir):
    locked, free = project / "locked.md", project / "free.md"
    for path in (locked, free):
        path.write_text("Rates rose , then fell.\n", encoding="utf-8")
    locked.chmod(0o444)
    try:
        done = run(["fix", "."], project, cache_dir)
        assert locked.read_text(encoding="utf-8") == "Rates rose , then fell.\n"
        assert free.read_text(encoding="utf-8") == "Rates rose, then fell.\n"
        assert "./locked.md: error: not written: file is read-only (no write permission), not changed" in done.stdout
        # It was read and linted: its finding is counted, and the summary says what went wrong.
        assert "./locked.md:1:11: error [" in done.stdout
        assert "1 finding in 2 files" in done.stdout and "1 file could not be written" in done.stdout
        assert "could not be read" not in done.stdout
        assert done.returncode == 2
        assert oct(locked.stat().st_mode & 0o777) == "0o444"
    finally:
        locked.chmod(0o644)


def test_fix_never_overwrites_an_edit_saved_while_it_ran(project, test_config, monkeypatch):
    article, other = project / "a.md", project / "b.md"
    for path in (article, other):
        path.write_text("Rates rose , then fell.\n", encoding="utf-8")
    edited = "Rates rose , then fell sharply.\n"
    linter = Linter(config=test_config)
    real_fix_text = linter.fix_text

    def fix_while_the_user_saves(text, path, *args, **kwargs):
        if path.endswith("a.md"):
            article.write_text(edited, encoding="utf-8")  # an editor saves between read and write
        return real_fix_text(text, path, *args, **kwargs)

    monkeypatch.setattr(linter, "fix_text", fix_while_the_user_saves)
    run_result = fix_paths([str(project)], linter=linter)
    assert article.read_text(encoding="utf-8") == edited
    assert other.read_text(encoding="utf-8") == "Rates rose, then fell.\n"
    outcome = {os.path.basename(o.path): o for o in run_result.fixes}
    assert outcome["a.md"].error == "not written: the file changed while tqlint was fixing it, not changed (run fix again)"
    assert outcome["b.md"].written and not outcome["b.md"].error
    assert [name for name in os.listdir(project) if name.startswith(".tqlint-")] == []


def test_fix_keeps_permission_bits_and_symlinks(project, test_config):
    target = project / "real.md"
    target.write_text("Rates rose , then fell.\n", encoding="utf-8")
    target.chmod(0o640)
    link = project / "link.md"
    os.symlink("real.md", link)
    fix_paths([str(link)], linter=Linter(config=test_config))
    assert os.path.islink(link) and target.read_text(encoding="utf-8") == "Rates rose, then fell.\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in os.listdir(project) if p.endswith(".tmp")]


# --- security -----------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["config", "pack"])
def test_python_tags_in_yaml_are_rejected(tmp_path, cache_dir, where):
    marker = tmp_path / "pwned"
    payload = f"!!python/object/apply:os.system ['touch {marker}']"
    if where == "config":
        (tmp_path / ".tqlint.yaml").write_text(f"fail-on: {payload}\n", encoding="utf-8")
        name = tmp_path / ".tqlint.yaml"
    else:
        pack = write_pack(tmp_path / "pk", f"rules:\n  - id: x\n    kind: {payload}\n")
        (tmp_path / ".tqlint.yaml").write_text(f"packs: [{pack}]\n", encoding="utf-8")
        name = pack / "rules.yaml"
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    done = run(["check", "a.md"], tmp_path, cache_dir)
    assert done.returncode == 2 and not marker.exists()
    assert done.stderr.startswith(f"tqlint: {name}:") and "python/object" in done.stderr


def test_a_pack_cannot_name_a_module_to_run(tmp_path):
    from tqlint.packs.loader import load_pack
    from tqlint.yamlio import YamlError

    rules = TEST_PACK.replace("kind: pattern", "kind: os.path", 1)
    with pytest.raises(YamlError, match="unknown kind 'os.path'"):
        load_pack(write_pack(tmp_path / "pk", rules))


def test_nothing_leaves_the_machine_by_default(tmp_path, monkeypatch):
    """With every built-in pack and the default config, linting and fixing open no socket."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a lint run")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices grew with 10 percent , said SUA. Elle a dit: «non».\n"
                       "See https://example.org/x and www.example.com.\n", encoding="utf-8")
    linter = Linter(no_config=True)
    result = lint_paths([str(article)], jobs=1, linter=linter)
    fix_paths([str(article)], linter=linter)
    assert not attempts and not result.files[0].error


def test_an_empty_argument_is_named(tmp_path):
    """`tqlint check "$UNSET"` said only ': error: no such file or directory'."""
    for args in (["check", "--no-config", ""], ["check", "--no-config", "--color", "never", ""]):
        done = subprocess.run([sys.executable, "-m", "tqlint", *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 2 and "an empty argument ('') names no file or folder" in done.stdout, args


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "a.md"], ["check", "--color", "never", "a.md"],
                                  ["check", "--format", "json", "a.md"], ["check", "--format", "sarif", "a.md"],
                                  ["fix", "--diff", "a.md"]])
def test_a_standard_output_that_cannot_be_written_is_one_line(project, cache_dir, args):
    """A report sent to a full disk was a traceback and 'internal error … please report it'
    (exit 3) on both CLI paths; the disk is the user's to free."""
    (project / "a.md").write_text(FLAGGED, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "tqlint", *args], cwd=project, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120, env=dict(os.environ, TQLINT_CACHE_DIR=str(cache_dir), PYTHONPATH=ROOT))
    assert done.stderr == "tqlint: the report could not be written to standard output (No space left on device)\n"
    assert done.returncode == 2
    assert (project / "a.md").read_text(encoding="utf-8") == FLAGGED
