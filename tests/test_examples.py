"""The example articles: their pinned JSON output, and what fixing them does.

When rules land or change, the pinned output changes: regenerate it with one command,
`python tests/regen_examples.py`, and review `git diff examples/expected.json`."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT
from regen_examples import EXPECTED, comparable, current_output

EXAMPLES = ROOT / "examples"
REGENERATE = "python tests/regen_examples.py"


@pytest.fixture(scope="module")
def output():
    code, text = current_output()
    return code, json.loads(text)


def _keys(document):
    return {(f["path"], finding["start"]["line"], finding["start"]["column"], finding["rule"])
            for f in document["files"] for finding in f.get("findings", [])}


def test_output_matches_the_pinned_json(output):
    code, document = output
    pinned = comparable(EXPECTED.read_text(encoding="utf-8"))
    document = comparable(json.dumps(document))
    if document != pinned:
        new = sorted(_keys(document) - _keys(pinned))
        gone = sorted(_keys(pinned) - _keys(document))
        lines = [f"examples/expected.json is out of date: if the change is intended, run `{REGENERATE}`"
                 " and review the diff."]
        lines += [f"  new:  {p}:{line}:{col} [{rule}]" for p, line, col, rule in new[:20]]
        lines += [f"  gone: {p}:{line}:{col} [{rule}]" for p, line, col, rule in gone[:20]]
        if not new and not gone:
            lines.append("  (same findings; messages, fixes or offsets differ)")
        pytest.fail("\n".join(lines))


def test_exit_code_is_findings(output):
    assert output[0] == 1


def test_every_article_is_listed_and_has_artifacts(output):
    _, document = output
    files = {f["path"]: f for f in document["files"]}
    assert sorted(files) == ["examples/council.txt", "examples/harbour.html", "examples/markets.md"]
    for path, file in files.items():
        assert "error" not in file, path
        assert len(file["findings"]) >= 4, path


def test_ignored_drafts_are_not_read(output):
    assert (EXAMPLES / "drafts" / "unfinished.md").is_file()
    assert not any("drafts" in f["path"] for f in output[1]["files"])


def test_code_links_and_scripts_are_not_flagged(output):
    _, document = output
    texts = {f["path"]: (ROOT / f["path"]).read_text(encoding="utf-8") for f in document["files"]}
    for file in document["files"]:
        text = texts[file["path"]]
        for finding in file["findings"]:
            line = text.splitlines()[finding["start"]["line"] - 1]
            assert "curl" not in line and "<script" not in line and "<style" not in line
            assert text[finding["start"]["offset"]:finding["end"]["offset"]] == finding["text"]
            assert "example.org" not in finding["text"] and "example.com" not in finding["text"]


def test_the_sample_config_is_valid():
    from tqlint.config import load_config

    config = load_config(str(EXAMPLES / ".tqlint.yaml"))
    assert config.source_languages and config.ignore_paths == ("drafts/**",)


def test_fixing_the_examples(tmp_path, monkeypatch):
    """The safe fixes leave no safe-fixable finding behind, converge, and never touch code."""
    from click.testing import CliRunner

    from tqlint.cli import cli

    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    env = {"TQLINT_CACHE_DIR": "off"}
    runner = CliRunner()
    first = runner.invoke(cli, ["fix", "examples", "--format", "json"], env=env, catch_exceptions=False)
    left = json.loads(first.stdout)
    assert not [f for file in left["files"] for f in file["findings"] if f["fixes"] and f["fixes"][0]["safe"]]
    fixed = {p.name: p.read_bytes() for p in (tmp_path / "examples").iterdir() if p.is_file()}
    assert fixed["markets.md"] != (EXAMPLES / "markets.md").read_bytes()
    assert b'curl "https://example.com/api?q=a , b"' in fixed["markets.md"]
    assert b'"Release , PDF"' in fixed["markets.md"]
    assert b'ever";</script>' in fixed["harbour.html"] and b"p , span" in fixed["harbour.html"]
    assert (tmp_path / "examples" / "drafts" / "unfinished.md").read_bytes() == (EXAMPLES / "drafts" / "unfinished.md").read_bytes()
    second = runner.invoke(cli, ["fix", "examples"], env=env, catch_exceptions=False)
    assert "Fixed 0 findings in 0 files." in second.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "examples").iterdir() if p.is_file()} == fixed
