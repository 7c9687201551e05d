"""The `tqlint` command, through click's runner and through real subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from tqlint import __version__
from tqlint.cli import cli
from tqlint.cli.common import use_color as _use_color

ARTICLE = "---\nslug: rates , here\n---\n# Rates\n\nRates rose , then fell.\n\n`code , x`\n"
CLEAN = "# Clean\n\nNothing to see here.\n"
ENV = {"TQLINT_CACHE_DIR": "off", "NO_COLOR": None, "CI": "true"}


@pytest.fixture
def project(tmp_path, test_pack, monkeypatch):
    """A folder of articles with a config that runs only the test pack."""
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(ARTICLE)
    (tmp_path / "news" / "clean.md").write_text(CLEAN)
    (tmp_path / "news" / "b.txt").write_text("Talks with SUA ended.\n")
    (tmp_path / "news" / "c.html").write_text("<p>Prices grew with 5 percent.</p>\n")
    (tmp_path / "news" / "notes.py").write_text("x = 1 , 2\n")
    (tmp_path / "news" / ".hidden").mkdir()
    (tmp_path / "news" / ".hidden" / "d.md").write_text("A , b.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, input=None, env=None):
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, env={**ENV, **(env or {})}, catch_exceptions=False)


def paths_in(result):
    return sorted(f["path"] for f in json.loads(result.stdout)["files"])


class TestCheck:
    def test_findings_exit_1_with_text_output(self, project):
        result = run("check", "news/a.md")
        assert result.exit_code == 1
        assert "news/a.md:6:11: error [testpack/spaced-comma] No space goes before ','." in result.stdout
        assert "    Rates rose , then fell." in result.stdout
        assert "→ Delete ' '" in result.stdout
        assert "1 finding in 1 file (1 error); 1 fixable with `tqlint fix`" in result.stdout

    def test_clean_file_exits_0(self, project):
        result = run("check", "news/clean.md")
        assert result.exit_code == 0 and "0 findings in 1 file" in result.stdout

    def test_folders_recurse_by_extension_and_skip_hidden(self, project):
        result = run("check", "news", "--format", "json")
        assert paths_in(result) == ["news/a.md", "news/b.txt", "news/c.html", "news/clean.md"]

    def test_globs(self, project):
        result = run("check", "news/*.md", "--format", "json")
        assert paths_in(result) == ["news/a.md", "news/clean.md"]

    def test_recursive_glob(self, project):
        (project / "news" / "deep" / "er").mkdir(parents=True)
        (project / "news" / "deep" / "er" / "e.md").write_text(CLEAN)
        result = run("check", "news/**/*.md", "--format", "json")
        assert "news/deep/er/e.md" in paths_in(result)

    def test_a_file_named_twice_is_linted_once(self, project):
        result = run("check", "news/a.md", "./news/a.md", "news", "--format", "json")
        assert paths_in(result).count("news/a.md") + paths_in(result).count("./news/a.md") == 1

    def test_missing_path_is_an_error_entry_and_exit_2(self, project):
        result = run("check", "news/a.md", "news/nope.md", "--format", "json")
        assert result.exit_code == 2
        files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
        assert files["news/nope.md"]["error"] == "no such file or directory"
        assert files["news/a.md"]["findings"]

    def test_glob_matching_nothing(self, project):
        result = run("check", "news/*.rst")
        assert result.exit_code == 2 and "no file matches this pattern" in result.stdout

    def test_unreadable_file_does_not_stop_the_others(self, project):
        (project / "news" / "bad.txt").write_bytes(b"caf\xe9 , x\n")
        result = run("check", "news", "--format", "json")
        assert result.exit_code == 2
        files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
        assert "not valid UTF-8" in files["news/bad.txt"]["error"]
        assert files["news/a.md"]["findings"]

    def test_stdin_with_stdin_filename_picks_reader_and_config(self, project):
        text = "Intro , here.\n\n```\ncode , x\n```\n"
        result = run("check", "--stdin-filename", "news/x.md", "--format", "json", "-", input=text)
        assert result.exit_code == 1
        (file,) = json.loads(result.stdout)["files"]
        assert file["path"] == "news/x.md"
        assert [f["start"]["line"] for f in file["findings"]] == [1]  # the code block is not prose
        assert file["findings"][0]["rule"] == "testpack/spaced-comma"  # the config's pack ran

    def test_stdin_without_a_name(self, project):
        result = run("check", "-", input="Rates rose , then.\n")
        assert result.exit_code == 1 and "<stdin>:1:11:" in result.stdout

    def test_stdin_must_be_valid_text(self, project):
        result = run("check", "-", input=b"caf\xe9 , x\n")
        assert result.exit_code == 2

    def test_stdin_cannot_be_mixed_with_paths(self, project):
        result = run("check", "-", "news/a.md", input="x")
        assert result.exit_code == 2 and "cannot be mixed" in result.stderr

    def test_no_path_means_the_current_folder(self, project):
        assert run("check").exit_code == 1  # news/a.md has findings (issue 12: was a usage error)

    @pytest.mark.parametrize("option,expected", [
        (("--select", "testpack/sua"), {"testpack/sua"}),
        (("--select", "testpack/sua,testpack/spaced-comma"), {"testpack/sua", "testpack/spaced-comma"}),
        (("--ignore", "testpack/spaced-comma"), {"testpack/sua", "testpack/grew-with"}),
        (("--select", "testpack", "--ignore", "testpack/sua"), {"testpack/spaced-comma", "testpack/grew-with"}),
        (("--select", "testpack/*-with"), {"testpack/grew-with"}),
    ])
    def test_select_and_ignore(self, project, option, expected):
        result = run("check", "news", "--format", "json", *option)
        rules = {f["rule"] for file in json.loads(result.stdout)["files"] for f in file.get("findings", [])}
        assert rules == expected

    def test_a_selector_that_names_no_rule_is_a_usage_error(self, project):
        result = run("check", "news/a.md", "--select", "testpack/spaced-coma")
        assert result.exit_code == 2
        assert "--select: no rule matches 'testpack/spaced-coma' (did you mean 'testpack/spaced-comma'?)" in result.stderr

    @pytest.mark.parametrize("fail_on,path,code", [
        ("error", "news/c.html", 0),  # a warning only
        ("warning", "news/c.html", 1),
        ("warning", "news/b.txt", 0),  # an info only
        ("info", "news/b.txt", 1),
        ("never", "news/a.md", 0),
    ])
    def test_fail_on(self, project, fail_on, path, code):
        assert run("check", path, "--fail-on", fail_on).exit_code == code

    def test_fail_on_from_the_config(self, project, test_pack):
        (project / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nfail-on: info\n")
        assert run("check", "news/b.txt").exit_code == 1
        assert run("check", "news/b.txt", "--fail-on", "warning").exit_code == 0  # the option wins

    def test_config_error_exits_2_naming_file_and_line(self, project):
        (project / "news" / ".tqlint.yaml").write_text("fail-on: error\nslect: [x]\n")
        result = run("check", "news/a.md")
        assert result.exit_code == 2
        assert ".tqlint.yaml:2: unknown key 'slect' (did you mean 'select'?)" in result.stderr

    def test_explicit_config_and_no_config(self, project, test_pack):
        other = project / "other.yaml"
        other.write_text(f"packs: [{test_pack}]\nrules:\n  testpack/spaced-comma: off\n")
        assert run("check", "news/a.md", "--config", str(other)).exit_code == 0
        result = run("check", "news/a.md", "--no-config", "--select", "en-news/space-before-punctuation")
        assert result.exit_code == 1 and "[en-news/space-before-punctuation]" in result.stdout
        assert run("check", "news/a.md", "--config", "missing.yaml").exit_code == 2

    def test_quiet(self, project):
        result = run("check", "news/a.md", "--quiet")
        assert result.stdout.splitlines() == ["news/a.md:6:11: error [testpack/spaced-comma] No space goes before ','.", "", "1 finding in 1 file (1 error); 1 fixable with `tqlint fix`"]
        assert run("check", "news/clean.md", "-q").stdout.strip() == ""

    def test_color(self, project):
        assert "\x1b[" in run("check", "news/a.md", "--color", "always").stdout
        assert "\x1b[" not in run("check", "news/a.md", "--color", "never").stdout
        assert "\x1b[" not in run("check", "news/a.md").stdout  # not a terminal

    def test_no_color_is_honoured_in_auto(self, monkeypatch):
        class Tty:
            def isatty(self):
                return True

        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm")
        assert _use_color("auto", Tty()) is True
        monkeypatch.setenv("NO_COLOR", "1")
        assert _use_color("auto", Tty()) is False
        assert _use_color("always", Tty()) is True

    @pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
    def test_machine_formats(self, project, fmt):
        result = run("check", "news", "--format", fmt)
        assert result.exit_code == 1
        if fmt == "github":
            assert "::error file=news/a.md,line=6,col=11" in result.stdout
        else:
            json.loads(result.stdout)

    def test_jobs_give_the_same_result(self, project):
        for i in range(20):
            (project / "news" / f"n{i:02}.md").write_text(ARTICLE if i % 3 else CLEAN)
        one = run("check", "news", "--format", "json", "-j", "1")
        two = run("check", "news", "--format", "json", "-j", "2")
        assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1
        assert len(json.loads(one.stdout)["files"]) == 24

    def test_ignore_paths_from_the_config(self, project, test_pack):
        (project / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nignore-paths: ['news/a.md', '*.html']\n")
        result = run("check", "news", "--format", "json")
        assert paths_in(result) == ["news/b.txt", "news/clean.md"]

    def test_symlink_loops_and_vendor_folders_are_not_walked(self, project):
        (project / "news" / "loop").symlink_to(project / "news")
        (project / "news" / "node_modules").mkdir()
        (project / "news" / "node_modules" / "x.md").write_text("A , b.\n")
        result = run("check", "news", "--format", "json")
        assert paths_in(result) == ["news/a.md", "news/b.txt", "news/c.html", "news/clean.md"]

    def test_version(self):
        result = run("--version")
        assert result.exit_code == 0 and __version__ in result.stdout


class TestFix:
    def test_applies_safe_fixes_in_place(self, project):
        result = run("fix", "news")
        assert (project / "news" / "a.md").read_text() == ARTICLE.replace("rose ,", "rose,")
        assert (project / "news" / "c.html").read_text() == "<p>Prices grew with 5 percent.</p>\n"  # unsafe
        assert "Fixed 1 finding in 1 file." in result.stderr
        assert result.exit_code == 1  # the unsafe calque is left
        assert "[testpack/grew-with]" in result.stdout

    def test_unsafe_fixes(self, project):
        result = run("fix", "news/c.html", "--unsafe-fixes")
        assert (project / "news" / "c.html").read_text() == "<p>Prices grew by 5 percent.</p>\n"
        assert result.exit_code == 0

    def test_diff_prints_and_writes_nothing(self, project):
        result = run("fix", "news", "--diff", "--unsafe-fixes")
        assert result.exit_code == 1
        assert (project / "news" / "a.md").read_text() == ARTICLE
        assert "--- a/news/a.md\n+++ b/news/a.md\n" in result.stdout
        assert "-Rates rose , then fell.\n+Rates rose, then fell.\n" in result.stdout
        assert "+<p>Prices grew by 5 percent.</p>" in result.stdout
        assert "clean.md" not in result.stdout

    def test_diff_with_nothing_to_fix(self, project):
        result = run("fix", "news/clean.md", "--diff")
        assert result.exit_code == 0 and result.stdout == ""

    def test_fix_from_stdin_to_stdout(self, project):
        result = run("fix", "--stdin-filename", "news/x.md", "-", input="Rates rose , then.\n\n`a , b`\n")
        assert result.stdout == "Rates rose, then.\n\n`a , b`\n"
        assert result.exit_code == 0

    @pytest.mark.parametrize("raw,expected", [
        (b"\xef\xbb\xbfRates rose , then.\r\n", b"\xef\xbb\xbfRates rose, then.\r\n"),
        ("Rates rose , then.".encode("utf-16"), "Rates rose, then.".encode("utf-16")),
        (b"Caf\xc3\xa9 , no newline", b"Caf\xc3\xa9, no newline"),
    ])
    def test_fix_from_stdin_keeps_bom_encoding_and_newlines(self, project, raw, expected):
        result = run("fix", "-", input=raw)
        assert result.stdout_bytes == expected

    def test_fix_json_reports_what_is_left(self, project):
        result = run("fix", "news/a.md", "news/c.html", "--format", "json")
        files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
        assert files["news/a.md"]["findings"] == []
        assert [f["rule"] for f in files["news/c.html"]["findings"]] == ["testpack/grew-with"]

    def test_fixing_twice_changes_nothing_more(self, project):
        run("fix", "news", "--unsafe-fixes")
        before = {p.name: p.read_bytes() for p in (project / "news").iterdir() if p.is_file()}
        result = run("fix", "news", "--unsafe-fixes")
        assert "Fixed 0 findings in 0 files." in result.stderr
        assert {p.name: p.read_bytes() for p in (project / "news").iterdir() if p.is_file()} == before


class TestOtherCommands:
    def test_rules(self, project):
        result = run("rules")
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["RULE", "CATEGORY", "SEVERITY", "FIX"]
        row = next(line for line in lines if line.startswith("testpack/spaced-comma"))
        assert row.split() == ["testpack/spaced-comma", "Fluency/Punctuation", "error", "safe"]
        assert "4 rules" in result.stdout

    def test_rules_json_honours_select(self, project):
        rows = json.loads(run("rules", "--format", "json", "--select", "testpack/sua").stdout)
        assert rows == [{"id": "testpack/sua", "category": "Accuracy/Untranslated", "severity": "info",
                         "fix": "none", "message": "'SUA' is Romanian for the United States."}]

    def test_explain(self, project):
        result = run("explain", "testpack/grew-with")
        assert result.exit_code == 0
        assert result.stdout.startswith("testpack/grew-with  (Accuracy/Mistranslation, warning)")
        assert "Fix: unsafe (applied with --unsafe-fixes)" in result.stdout
        assert "  ✗ Prices grew with 10 percent.\n    → Prices grew by 10 percent." in result.stdout
        assert "  ✓ Prices grew by 10 percent." in result.stdout
        assert "rules.yaml:" in result.stdout

    def test_explain_a_rule_the_config_switches_off(self, project, test_pack):
        (project / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nrules:\n  testpack/sua: off\n")
        result = run("explain", "testpack/sua")
        assert result.exit_code == 0 and "Fix: none: the right English name depends on the sentence" in result.stdout

    def test_explain_a_builtin_rule_outside_the_configured_packs(self, project):
        result = run("explain", "en-news/space-before-punctuation")
        assert result.exit_code == 0 and result.stdout.startswith("en-news/space-before-punctuation  (Fluency/Punctuation")

    def test_explain_by_short_id(self, project):
        assert run("explain", "sua").stdout.startswith("testpack/sua")

    def test_explain_unknown_rule(self, project):
        result = run("explain", "testpack/spaced-coma")
        assert result.exit_code == 2 and "did you mean 'testpack/spaced-comma'" in result.stderr

    def test_test_rules_on_a_user_pack(self, project, test_pack):
        result = run("test-rules", str(test_pack))
        assert result.exit_code == 0 and "4 rules, 8 examples: all pass" in result.stdout

    def test_test_rules_on_a_builtin_pack_by_name(self, project):
        result = run("test-rules", "from-ro")
        assert result.exit_code == 0 and result.stdout.rstrip().endswith("examples: all pass")

    def test_test_rules_reports_a_failing_example(self, project):
        pack = project / "mine.yaml"
        pack.write_text("""\
rules:
  - id: colour
    kind: phrase
    category: Style/Spelling
    severity: info
    message: "Use US spelling."
    phrases: {colour: color}
    safe: true
    examples:
      flag:
        - {text: "The colour red.", fixed: "The colour red."}
      pass:
        - "The colour blue."
""")
        result = run("test-rules", str(pack))
        assert result.exit_code == 1
        assert "mine.yaml:11: [mine/colour] fix gives 'The color red.', expected 'The colour red.'" in result.stdout
        assert "mine.yaml:13: [mine/colour] must not be flagged, but is at 'colour'" in result.stdout
        # the cross-check adds the near miss flagged by the pack itself (the wrong `fixed` text
        # holds only the problem the example already had, so it is not counted twice)
        assert "example text is flagged by mine/colour at 'colour': 'The colour blue.'" in result.stdout
        assert "1 rules, 2 examples: 3 failed" in result.stdout
        assert run("test-rules", "--no-cross", str(pack)).stdout.endswith("2 failed\n")

    def test_test_rules_on_an_invalid_pack(self, project):
        (project / "bad.yaml").write_text("rules:\n  - id: x\n    kind: nope\n")
        result = run("test-rules", "bad.yaml")
        assert result.exit_code == 2 and "bad.yaml:3: rule 'x': unknown kind 'nope'" in result.stderr

    def test_init(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        result = run("init")
        assert result.exit_code == 0 and (tmp_path / ".tqlint.yaml").is_file()
        assert run("init").exit_code == 2
        (tmp_path / ".tqlint.yaml").write_text("x")
        assert run("init", "--force").exit_code == 0
        assert (tmp_path / ".tqlint.yaml").read_text().startswith("# tqlint configuration")

    def test_init_into_a_folder(self, tmp_path):
        assert run("init", str(tmp_path / "site")).exit_code == 2  # not there: a usage error
        (tmp_path / "site").mkdir()
        assert run("init", str(tmp_path / "site")).exit_code == 0
        assert (tmp_path / "site" / ".tqlint.yaml").is_file()


def test_internal_error_exits_3(monkeypatch, capsys, project):
    import tqlint.cli.checking
    from tqlint import cli as cli_module

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(tqlint.cli.checking, "lint_paths", broken)
    monkeypatch.setattr(sys, "argv", ["tqlint", "check", "news/a.md"])
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    assert info.value.code == 3
    assert "internal error: ValueError: boom" in capsys.readouterr().err


def test_interrupted_fix_exits_130(monkeypatch, project):
    import tqlint.cli.fix

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tqlint.cli.fix, "fix_paths", interrupted)
    result = run("fix", "news")
    assert result.exit_code == 130 and "every file is either fully fixed or untouched" in result.stderr


# ---- real processes: the installed entry points, not just the click object ------------------

def _subprocess_env():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    env.update(TQLINT_CACHE_DIR="off", CI="true")
    return env


def test_python_dash_m(project):
    result = subprocess.run([sys.executable, "-m", "tqlint", "check", "news/a.md"], capture_output=True,
                            text=True, env=_subprocess_env(), timeout=60)
    assert result.returncode == 1
    assert "news/a.md:6:11: error [testpack/spaced-comma]" in result.stdout


def test_console_script_reads_stdin(project):
    script = shutil.which("tqlint", path=os.path.dirname(sys.executable)) or shutil.which("tqlint")
    if script is None:
        pytest.skip("the tqlint console script is not installed next to this Python")
    result = subprocess.run([script, "check", "--format", "json", "--stdin-filename", "news/x.md", "-"],
                            input="Rates rose , then.\n", capture_output=True, text=True,
                            env=_subprocess_env(), timeout=60)
    assert result.returncode == 1
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "news/x.md" and file["findings"][0]["start"] == {"offset": 10, "line": 1, "column": 11}


def test_console_script_fix_exit_code_and_version(project):
    script = shutil.which("tqlint", path=os.path.dirname(sys.executable)) or shutil.which("tqlint")
    if script is None:
        pytest.skip("the tqlint console script is not installed next to this Python")
    result = subprocess.run([script, "fix", "news/a.md"], capture_output=True, text=True,
                            env=_subprocess_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert (project / "news" / "a.md").read_text() == ARTICLE.replace("rose ,", "rose,")
    version = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and __version__ in version.stdout


def test_the_project_is_where_the_tests_think(project):
    assert (ROOT / "tqlint" / "cli" / "__init__.py").is_file()
