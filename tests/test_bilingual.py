"""Bilingual linting end to end: a Markdown article next to its source (--source, source-path:),
XLIFF 1.2, XLIFF 2.0 and TMX files with findings in the target's own offsets, fixes written back,
the glossary from the config, the API's lint_pair, and eval's errors of meaning."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqlint.api import Linter, lint_pair
from tqlint.cli import cli
from tqlint.config import load_config
from tqlint.eval.proven_bilingual import BilingualProof
from tqlint.eval.references import split_findings
from tqlint.finding import Finding, Severity
from tqlint.yamlio import YamlError

DATA = Path(__file__).parent / "data" / "bilingual"


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--no-cache" if False else args[0], *args[1:]], input=input)


def check_json(*args):
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"]


def rules_of(file) -> list[str]:
    return [f["rule"] for f in file["findings"]]


def fixed_span(text: str, finding: dict) -> str:
    """The finding's span once its first fix is applied."""
    edits = sorted(finding["fixes"][0]["edits"], key=lambda e: -e["start"])
    start, end = finding["start"]["offset"], finding["end"]["offset"]
    for edit in edits:
        text = text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]
        end += len(edit["replacement"]) - (edit["end"] - edit["start"])
    return text[start:end]


# --- side-by-side articles ------------------------------------------------------------------

def test_markdown_article_next_to_its_source():
    (file,) = check_json("--no-config", "--source", str(DATA / "ro" / "greva.md"), "--source-language", "ro",
                         str(DATA / "en" / "greva.md"))
    assert rules_of(file) == ["bilingual/date-mismatch", "bilingual/number-missing", "bilingual/name-missing"]
    text = (DATA / "en" / "greva.md").read_text(encoding="utf-8")
    date, number, url = file["findings"]
    assert text[date["start"]["offset"]:date["end"]["offset"]] == "May"
    assert (date["start"]["line"], number["start"]["line"], url["start"]["line"]) == (3, 3, 5)
    assert text[number["start"]["offset"]:number["end"]["offset"]] == "15.5%"
    assert fixed_span(text, number) == "12.5%"
    source = (DATA / "ro" / "greva.md").read_text(encoding="utf-8")
    assert source[number["source"]["start"]:number["source"]["end"]] == "12,5%"


def test_without_a_source_the_bilingual_rules_stay_quiet():
    (file,) = check_json("--no-config", "--select", "bilingual", str(DATA / "en" / "greva.md"))
    assert file["findings"] == []


def test_source_path_in_the_config_finds_each_source(tmp_path):
    shutil.copytree(DATA / "ro", tmp_path / "ro")
    shutil.copytree(DATA / "en", tmp_path / "en")
    (tmp_path / ".tqlint.yaml").write_text('source-path: "{dir}/../ro/{stem}{ext}"\nsource-languages: [ro]\n'
                                           "select: [bilingual]\n", encoding="utf-8")
    (tmp_path / "en" / "orphan.md").write_text("An article with no source.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "-q", str(tmp_path / "en")])
    assert result.exit_code == 2, result.output  # the orphan's source could not be read
    assert "greva.md:3:48: error [bilingual/date-mismatch]" in result.output
    assert re.search(r"bilingual: the source .*ro/orphan.md: file not found", result.output)


def test_fix_writes_the_source_values_back(tmp_path):
    target = tmp_path / "greva.md"
    shutil.copy(DATA / "en" / "greva.md", target)
    result = CliRunner().invoke(cli, ["fix", "--no-cache", "--no-config", "--unsafe-fixes", "--source",
                                      str(DATA / "ro" / "greva.md"), "--source-language", "ro", str(target)])
    assert result.exit_code == 1, result.output  # the URL is still missing
    fixed = target.read_text(encoding="utf-8")
    assert "on strike on April 3, 2023" in fixed and "a 12.5% pay rise" in fixed


def test_source_goes_with_one_file():
    result = CliRunner().invoke(cli, ["check", "--source", str(DATA / "ro" / "greva.md"), str(DATA / "en")])
    assert result.exit_code == 2 and "--source goes with exactly one file" in result.output


def test_stdin_with_a_source():
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--no-config", "--source", str(DATA / "ro" / "greva.md"),
                                      "--source-language", "ro", "--stdin-filename", "greva.md", "-q", "-"],
                                input=(DATA / "en" / "greva.md").read_text(encoding="utf-8"))
    assert result.exit_code == 1 and "greva.md:3:87: error [bilingual/number-missing]" in result.output


def test_lint_pair_is_the_api_for_a_pair():
    result = lint_pair("Sales rose 3.5% to 2 billion yuan.", "销售额增长2.5%，达到20亿元。", "zh", no_config=True)
    assert [(f.rule, f.text) for f in result.findings if f.rule.startswith("bilingual/")] == [("bilingual/number-missing", "3.5%")]


# --- translation files ----------------------------------------------------------------------

def findings_in(name):
    (file,) = check_json("--no-config", "--select", "bilingual", str(DATA / name))
    text = (DATA / name).read_text(encoding="utf-8")
    return file["findings"], text


def inside_target(text: str, offset: int, tag: str) -> bool:
    """Is `offset` inside the content of a <tag> element of the file?"""
    opened = text.rfind(f"<{tag}", 0, offset)
    return opened >= 0 and text.find(f"</{tag}>", opened) >= offset > text.find(">", opened)


def test_xliff_1_2_findings_point_into_the_targets():
    findings, text = findings_in("release.xlf")
    assert [f["rule"] for f in findings] == ["bilingual/number-missing", "bilingual/date-mismatch", "bilingual/name-missing"]
    assert all(inside_target(text, f["start"]["offset"], "target") for f in findings)
    number, date, _ = findings
    assert text[number["start"]["offset"]:number["end"]["offset"]].startswith("3.5 million")
    assert text[date["start"]["offset"]:date["end"]["offset"]] == "July"
    assert text[number["source"]["start"]:number["source"]["end"]].startswith("2,5")


def test_xliff_2_and_tmx():
    findings, text = findings_in("release-2.xlf")
    assert [f["rule"] for f in findings] == ["bilingual/number-missing"]
    assert text[findings[0]["start"]["offset"]:findings[0]["end"]["offset"]] == "1.5 million euros"
    assert fixed_span(text, findings[0]) == "1.5 billion euros"
    findings, text = findings_in("memory.tmx")
    assert [(f["rule"], f["start"]["line"]) for f in findings] == [("bilingual/name-missing", 7), ("bilingual/date-mismatch", 11)]
    assert all(inside_target(text, f["start"]["offset"], "seg") for f in findings)


def test_fixing_an_xliff_file_keeps_it_xml(tmp_path):
    from lxml import etree  # the bilingual extra brings it

    copy = tmp_path / "release.xlf"
    shutil.copy(DATA / "release.xlf", copy)
    CliRunner().invoke(cli, ["fix", "--no-cache", "--no-config", "--unsafe-fixes", str(copy)])
    fixed = copy.read_text(encoding="utf-8")
    etree.fromstring(fixed.encode("utf-8"))
    assert "allocated 2.5 million lei" in fixed and "on 14 June &amp; lasts" in fixed
    assert fixed.replace("2.5 million", "3.5 million").replace("14 June", "14 July") == (DATA / "release.xlf").read_text(encoding="utf-8")


def test_a_broken_translation_file_is_an_error_not_a_crash(tmp_path):
    broken = tmp_path / "broken.xlf"
    broken.write_text('<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--no-config", str(broken)])
    assert result.exit_code == 2 and "not well-formed XML" in result.output


# --- the config: glossary and source-path ---------------------------------------------------

def test_glossary_from_the_config(tmp_path):
    shutil.copy(DATA / "glossary.csv", tmp_path / "terms.csv")
    (tmp_path / ".tqlint.yaml").write_text("glossary: [terms.csv]\nsource-languages: [ro]\n", encoding="utf-8")
    linter = Linter()
    result = linter.lint_pair("The burgomaster met the departmental council.", "Primarul s-a întâlnit cu Consiliul Județean.",
                              "ro", path=str(tmp_path / "a.md"))
    glossary = [f for f in result.findings if f.rule == "bilingual/glossary"]
    assert [(f.text, f.fixes[0].title) for f in glossary] == [
        ("burgomaster", "Replace 'burgomaster' with 'mayor'"),
        ("departmental council", "Replace 'departmental council' with 'county council'")]


@pytest.mark.parametrize("body, message", [
    ('source-path: "{folder}/{stem}.md"\n', r"\.tqlint\.yaml:1: `source-path`: unknown placeholder \{folder\}"),
    ("source-path: 3\n", r"\.tqlint\.yaml:1: `source-path` must be a path template"),
    ("select: [en-news]\nglossary: [missing.csv]\n", r"\.tqlint\.yaml:2: `glossary`: no file 'missing.csv'"),
])
def test_config_errors_name_the_line(tmp_path, body, message):
    (tmp_path / ".tqlint.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(YamlError, match=message):
        load_config(str(tmp_path / ".tqlint.yaml"))


def test_a_bad_glossary_is_a_one_line_error(tmp_path):
    (tmp_path / "terms.csv").write_text("source,target\nprimar\n", encoding="utf-8")
    (tmp_path / ".tqlint.yaml").write_text("glossary: [terms.csv]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(tmp_path / "a.md")])
    assert result.exit_code == 2 and "terms.csv:2: a term needs both a source and a target" in result.output


# --- eval: errors the references prove --------------------------------------------------------

PROOF = BilingualProof()


def test_proven_number_date_and_name_errors():
    source = "Am 3. Mai stieg der Umsatz von ACME um 4,2 Prozent."
    refs = ("On May 3, ACME's revenue rose 4.2 percent.",)
    errors = PROOF.errors(source, "de", "On June 3, the revenue rose 4.7 percent.", refs)
    assert [(e.cls, e.text) for e in errors] == [("number", "4,2 Prozent"), ("date", "3. Mai"), ("name", "ACME")]
    assert PROOF.errors(source, "de", refs[0], refs) == []
    # what a reference also lacks proves nothing
    assert PROOF.errors(source, "de", "On June 3 revenue rose.", ("Revenue rose.",)) == [
        e for e in PROOF.errors(source, "de", "On June 3 revenue rose.", ("Revenue rose.",)) if e.cls == "date"] == []


def test_a_finding_catches_the_error_through_its_source_span():
    (error,) = PROOF.errors("Der Umsatz stieg um 4,2 Prozent.", "de", "Revenue rose 4.7 percent.", ("Revenue rose 4.2 percent.",))
    finding = Finding("bilingual/number-missing", "Accuracy/Mistranslation", Severity.ERROR, "", 13, 24, "4.7 percent",
                      source_span=(20, 31))
    assert error.caught_by(finding)
    assert not error.caught_by(Finding("en-news/x", "Fluency/X", Severity.ERROR, "", 13, 24, "4.7 percent"))


def test_split_findings_moves_source_spans_to_the_segment():
    finding = Finding("bilingual/number-missing", "Accuracy/Mistranslation", Severity.ERROR, "", 9, 12, "4.7",
                      source_span=(14, 17))
    (first, second) = split_findings(["One.", "It is 4.7."], [finding], ["Eins.", "Es ist 4,2."])
    assert first == [] and (second[0].start, second[0].source_span) == (3, (7, 10))
