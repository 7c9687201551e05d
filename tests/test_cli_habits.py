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


# --- 6. ignore-paths on stdin; 18. no path lints '.', a named ignored file says so -------------

def test_stdin_of_an_ignored_file_is_not_linted_nor_fixed(project):
    result = run("check", "--stdin-filename", "drafts/x.md", "-", input=ARTICLE)
    assert result.exit_code == 0 and "testpack/" not in result.stdout
    assert "drafts/x.md: not checked (ignore-paths" in result.stderr
    fixed = run("fix", "--stdin-filename", "drafts/x.md", "-", input=ARTICLE)
    assert fixed.exit_code == 0 and fixed.stdout == ARTICLE  # passed through, not rewritten
    assert run("check", "--stdin-filename", "news/a.md", "-", input=ARTICLE).exit_code == 1


def test_check_without_paths_lints_the_current_folder(project):
    result = run("check")
    assert result.exit_code == 1 and "news/a.md" in result.stdout and "drafts" not in result.stdout


def test_a_named_file_that_the_config_ignores_says_so(project):
    result = run("check", "drafts/x.md")
    assert result.exit_code == 0 and "drafts/x.md: not checked (ignore-paths in" in result.stderr


# --- 11. --format where it does not apply -------------------------------------------------------

@pytest.mark.parametrize("args", [("fix", "--diff", "--format", "json", "news/a.md"),
                                  ("fix", "--format", "sarif", "-")])
def test_fix_refuses_a_format_it_cannot_honour(project, args):
    result = run(*args, input=ARTICLE)
    assert result.exit_code == 2 and "does not apply to" in result.stderr


# --- 17. .gitignore -----------------------------------------------------------------------------

def test_walking_a_folder_passes_over_what_git_ignores(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("public/\n*.min.md\n!keep.min.md\n")
    (project / "public").mkdir()
    (project / "public" / "built.md").write_text(ARTICLE)
    (project / "news" / "page.min.md").write_text(ARTICLE)
    (project / "news" / "keep.min.md").write_text(ARTICLE)
    (project / "news" / ".gitignore").write_text("local.md\n")
    (project / "news" / "local.md").write_text(ARTICLE)
    listed = run("check", "--format", "json", ".")
    paths = sorted(f["path"] for f in json.loads(listed.stdout)["files"])
    assert paths == ["./news/a.md", "./news/keep.min.md"]
    everything = run("check", "--format", "json", "--no-gitignore", ".")
    assert len(json.loads(everything.stdout)["files"]) == 5
    named = run("check", "--format", "json", "public/built.md")  # named outright: linted
    assert [f["path"] for f in json.loads(named.stdout)["files"]] == ["public/built.md"]


# --- 9. carets under CJK and emoji -------------------------------------------------------------

@pytest.mark.parametrize("before", ["北京会谈 ", "👩‍🔬 scientists ", "café\u0301 ", "🇷🇴 team "])
def test_carets_sit_under_the_span_in_terminal_columns(before):
    from wcwidth import wcswidth

    from tqlint.finding import FileResult, Finding, Severity
    from tqlint.reporters.text import render_text

    text = f"{before}grew , said.\n"
    start = text.index(" ,")
    finding = Finding("t/r", "Fluency/Punctuation", Severity.ERROR, "m", start, start + 2, " ,")
    out = render_text([FileResult("a.txt", (finding,), text=text)])
    shown, carets = [line[4:] for line in out.splitlines()[1:3]]
    assert wcswidth(carets.rstrip()) - carets.count("^") == wcswidth(shown[:shown.index(" ,")])
    assert carets.count("^") == 2


# --- 1. a typo in source-languages ----------------------------------------------------------------

@pytest.mark.parametrize("value, meant", [("romanian", "ro"), ("rum", "ro"), ("ron", "ro"), ("xx", None)])
def test_a_source_language_typo_is_an_error_naming_file_line_and_codes(tmp_path, value, meant):
    from tqlint.config import load_config
    from tqlint.yamlio import YamlError

    config = tmp_path / ".tqlint.yaml"
    config.write_text(f"fail-on: warning\nsource-languages: [fr, {value}]\n")
    with pytest.raises(YamlError) as info:
        load_config(str(config))
    message = str(info.value)
    assert message.startswith(f"{config}:2: `source-languages`: {value!r} is not a two-letter ISO 639-1")
    assert "from-* packs cover: " in message and "ro" in message.split("cover: ")[1]
    if meant:
        assert f"did you mean {meant!r}" in message


def test_real_codes_and_regions_pass(tmp_path):
    from tqlint.config import load_config

    config = tmp_path / ".tqlint.yaml"
    config.write_text("source-languages: [ro, pt-BR, zh-Hant, uk]\n")
    assert load_config(str(config)).source_languages == ("ro", "pt-br", "zh-hant", "uk")


# --- 7. no raw templates in SARIF, explain and the rule reference --------------------------------

def test_sarif_and_explain_show_messages_without_placeholders(tmp_path):
    import re

    from tqlint.api import Linter
    from tqlint.packs.docgen import explain_rule, plain_message
    from tqlint.reporters.sarif import render_sarif

    placeholder = re.compile(r"\{(match|fix|antecedent|language|open|close|english)\}")
    rules = [active.rule for active in Linter(no_config=True).setup_for(None)[0].rules]
    templated = [rule for rule in rules if placeholder.search(rule.message)]
    assert len(templated) > 100  # the test means something: most rules use templates
    sarif = json.loads(render_sarif([], rules))
    for descriptor in sarif["runs"][0]["tool"]["driver"]["rules"]:
        assert not placeholder.search(descriptor["shortDescription"]["text"]), descriptor["id"]
    for rule in templated[:40]:
        assert not placeholder.search(explain_rule(rule))
    grew = next(r for r in rules if r.id == "en-news/change-with-amount")
    assert "with" in plain_message(grew)


# --- 12. typos in suppression comments, unused suppressions ---------------------------------------

def test_an_unknown_rule_in_a_suppression_is_a_warning_with_the_name_meant(project):
    (project / "news" / "b.md").write_text("<!-- tqlint-disable-next-line testpack/spaced-coma -->\n" + ARTICLE)
    result = run("check", "--format", "json", "news/b.md")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    unknown = [f for f in findings if f["rule"] == "tqlint/unknown-suppression"]
    assert len(unknown) == 1 and "did you mean 'testpack/spaced-comma'" in unknown[0]["message"]
    assert unknown[0]["text"] == "testpack/spaced-coma" and unknown[0]["fixes"][0]["safe"] is False
    assert any(f["rule"] == "testpack/spaced-comma" for f in findings)  # the typo silenced nothing
    assert result.exit_code == 1


def test_known_names_prefixes_and_languagetool_are_not_typos(project):
    text = ("<!-- tqlint-disable-next-line testpack/spaced-comma, testpack -->\n" + ARTICLE
            + "<!-- tqlint-disable languagetool/MORFOLOGIK_RULE_EN_US -->\n")
    (project / "news" / "c.md").write_text(text)
    findings = json.loads(run("check", "--format", "json", "news/c.md").stdout)["files"][0]["findings"]
    assert not [f for f in findings if f["rule"].startswith("tqlint/")]


def test_unused_suppressions_are_reported_on_request(project):
    text = ("<!-- tqlint-disable-next-line testpack/spaced-comma -->\n" + ARTICLE
            + "\n<!-- tqlint-disable-next-line testpack/sua -->\nNothing to see here.\n")
    (project / "news" / "d.md").write_text(text)
    quiet = json.loads(run("check", "--format", "json", "news/d.md").stdout)["files"][0]["findings"]
    assert not [f for f in quiet if f["rule"] == "tqlint/unused-suppression"]
    asked = run("check", "--format", "json", "--report-unused-suppressions", "news/d.md")
    unused = [f for f in json.loads(asked.stdout)["files"][0]["findings"] if f["rule"] == "tqlint/unused-suppression"]
    assert [f["start"]["line"] for f in unused] == [4]  # the first one did suppress the " ,"


# --- 18. small habits: statistics, output file, baseline, unsafe fixes, sorted rules -------------

def test_statistics_counts_findings_per_rule(project):
    (project / "news" / "b.md").write_text(ARTICLE + "Talks with SUA , ended.\n")
    result = run("check", "--statistics", "news")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["3", "testpack/spaced-comma", "[*]"]
    assert any(line.split()[:2] == ["1", "testpack/sua"] for line in lines)
    assert result.exit_code == 1


def test_output_file_gets_the_report(project):
    result = run("check", "--format", "json", "--output-file", "report.json", "news/a.md")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((project / "report.json").read_text())["summary"]["findings"] >= 1


def test_a_baseline_fails_only_on_new_findings(project):
    assert run("check", "--baseline", "known.json", "--write-baseline", "news").exit_code == 0
    assert run("check", "--baseline", "known.json", "news").exit_code == 0
    # Moved down two lines: still known. One more " ," in the same file: new.
    (project / "news" / "a.md").write_text("\n\n" + ARTICLE + "Then it fell , again.\n")
    result = run("check", "--format", "json", "--baseline", "known.json", "news")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["start"]["line"]) for f in findings] == [("testpack/spaced-comma", 4)]
    assert result.exit_code == 1
    (project / "bad.json").write_text("[1, 2]")
    broken = run("check", "--baseline", "bad.json", "news")
    assert broken.exit_code == 2 and "bad.json: not a tqlint baseline" in broken.stderr


def test_summary_mentions_unsafe_fixes_and_rules_are_sorted(project):
    result = run("check", "news/a.md")
    assert "more with `tqlint fix --unsafe-fixes`" in result.stdout  # grew with → grew by is unsafe
    listed = run("rules", "--format", "json")
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert ids == sorted(ids)
    assert "0 (the default) one per core" in " ".join(run("check", "--help").stdout.split())


# --- 16. headlines: front matter, <title>, alt and title attributes -------------------------------

def test_headlines_are_linted_where_they_stand(project, test_pack):
    (project / "news" / "h.md").write_text('---\ntitle: "Rates rose , then fell"\nauthor: A , B\n---\n\nBody.\n')
    (project / "news" / "h.html").write_text('<html><head><title>Rates rose , then fell</title></head>'
                                             '<body><img alt="Banks closed , it said" src="a.png"><p>Ok.</p></body></html>\n')
    data = json.loads(run("check", "--format", "json", "news/h.md", "news/h.html").stdout)
    by_file = {f["path"]: f["findings"] for f in data["files"]}
    markdown, page = by_file["news/h.md"], by_file["news/h.html"]
    assert [(f["start"]["line"], f["text"]) for f in markdown] == [(2, " ,")]  # author: is not prose
    texts = (project / "news" / "h.html").read_text()
    assert sorted(texts[f["start"]["offset"] - 5:f["start"]["offset"]] for f in page) == [" rose", "losed"]
    fixed = run("fix", "news/h.md")
    assert fixed.exit_code == 0
    assert (project / "news" / "h.md").read_text().startswith('---\ntitle: "Rates rose, then fell"\nauthor: A , B\n')


def test_front_matter_keys_are_configurable(project, test_pack):
    (project / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nfront-matter-keys: [author]\n")
    (project / "news" / "h.md").write_text('---\ntitle: "Rates rose , then fell"\nauthor: A , B\n---\n\nBody.\n')
    findings = json.loads(run("check", "--format", "json", "news/h.md").stdout)["files"][0]["findings"]
    assert [f["start"]["line"] for f in findings] == [3]


def test_a_headline_repeated_in_the_heading_is_not_a_repeated_paragraph():
    from tqlint.api import Linter

    linter = Linter(no_config=True, select=("en-news/repeated-paragraph", "en-news/repeated-sentence"))
    headline = "Port traffic rises sharply in the first quarter of the year"
    page = f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1><p>Text.</p></body></html>"
    article = f'---\ntitle: "{headline}"\n---\n# {headline}\n\nText.\n'
    assert not linter.lint_text(page, "a.html").findings
    assert not linter.lint_text(article, "a.md").findings
    twice = f"# {headline}\n\n{headline}\n"
    assert linter.lint_text(twice, "b.md").findings  # a body paragraph repeating the heading still counts


# --- 5. a safe fix that changed meaning -------------------------------------------------------------

def test_since_with_a_duration_is_not_fixed_unattended():
    """"continues since three weeks" → "continues for three weeks" reads as a future duration:
    the verb needs the perfect ("has continued for"), so the fix waits for a person."""
    from tqlint.api import Linter

    linter = Linter(no_config=True, select=("en-news/since-with-duration",))
    text = "The strike continues since three weeks.\n"
    (finding,) = linter.lint_text(text, "a.txt").findings
    assert not finding.fixes[0].safe and "has continued for" in finding.message
    assert linter.fix_text(text, "a.txt")[0] == text  # `tqlint fix` leaves it


# --- 18. stdin without a name --------------------------------------------------------------------

def test_markdown_on_stdin_without_a_name_is_read_as_markdown_with_a_hint(project):
    article = "# Rates\n\nRates rose , then fell.\n\n```\ncode , here\n```\n\n- item , one\n"
    result = run("check", "--format", "json", "-", input=article)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["start"]["line"] for f in findings] == [3, 9]  # not the code block: Markdown was read
    assert "looks like Markdown" in result.stderr
    plain = run("check", "-", input="Rates rose , then fell.\n")
    assert "looks like Markdown" not in plain.stderr
    named = run("check", "--stdin-filename", "a.txt", "-", input=article)
    assert "looks like Markdown" not in named.stderr
    fixed = run("fix", "-", input=article)
    assert "code , here" in fixed.stdout and "Rates rose, then fell." in fixed.stdout
