"""`tqlint eval --annotations`: recall per class, precision and editors' fixes on a small file
written for these tests (tests/data/eval/annotated-small.jsonl), under the four-rule test pack
(tests/data/eval/pack) so the counts do not move when the built-in packs grow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqlint.eval.annotations import Annotation, annotations_report, makes_editor_fix, read_annotated
from tqlint.eval.measure import EvalInputError
from tqlint.finding import Edit, Fix

DATA = Path(__file__).parent / "data" / "eval"
SMALL = str(DATA / "annotated-small.jsonl")
PACK = str(DATA / "pack")


@pytest.fixture
def report():
    from tqlint.api import Linter
    from tqlint.config import Config

    return annotations_report(SMALL, Linter(config=Config(packs=(PACK,))))


def test_recall_per_class(report):
    assert (report.texts, report.words, report.systems) == (3, 45, ("Sys-A", "Sys-B"))
    assert [(c.cls, c.annotations, c.caught, c.fixed) for c in report.classes] == [
        ("punctuation", 2, 2, 2), ("locale", 2, 2, 2), ("calque", 2, 1, 0), ("untranslated", 1, 1, 1),
        ("repetition", 1, 0, 0), ("grammar", 1, 0, 0)]
    assert report.classes[0].by_rule == (("evalpack/cjk-full-stop", 1), ("evalpack/space-before-punct", 1))


def test_aggregates(report):
    assert report.aggregate(("punctuation", "quotes", "locale", "untranslated", "repetition", "pronoun",
                             "capitalization", "encoding")) == (6, 5, 5)
    assert report.aggregate(("calque", "false-friend")) == (2, 1, 0)


def test_precision_and_editor_fixes_per_rule(report):
    assert report.totals() == {"findings": 7, "confirmed": 6, "with_fix": 6, "yields": 5}
    assert [(r.rule, r.findings, r.confirmed, r.with_fix, r.yields) for r in report.rules] == [
        ("evalpack/decimal-comma", 3, 3, 3, 2), ("evalpack/space-before-punct", 2, 1, 1, 1),
        ("evalpack/am-weekday", 1, 1, 1, 1), ("evalpack/cjk-full-stop", 1, 1, 1, 1)]


def test_misses_and_unconfirmed(report):
    assert [(m.cls, m.where, m.annotation.text) for m in report.misses] == [
        ("calque", "de-en-1-Sys-A", "very good"), ("repetition", "ja-en-1-Sys-B", "the the"),
        ("grammar", "ja-en-1-Sys-B", "went on")]
    assert [(u.where, u.rule, u.text) for u in report.unconfirmed] == [("ja-en-1-Sys-B", "evalpack/space-before-punct", " ,")]


def test_makes_editor_fix():
    text = "See the pdf ) ."
    note = Annotation(8, 15, "pdf ) .", "punctuation", "pdf).", "high")
    bracket, stop = Fix("", (Edit(11, 12, ""),), True), Fix("", (Edit(13, 14, ""),), True)
    assert not makes_editor_fix(text, [bracket], note)
    assert makes_editor_fix(text, [bracket, stop], note)
    assert not makes_editor_fix(text, [], note)


def _write(tmp_path, record) -> str:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("annotation, message", [
    ({"start": 0, "end": 3, "text": "Abc", "class": "x", "fix": "y"}, r"a.jsonl:1: annotation 1: the text at 0-3 is 'One', not 'Abc'"),
    ({"start": 5, "end": 99, "text": "x", "class": "x", "fix": "y"}, r"a.jsonl:1: annotation 1: start 5 and end 99 are not a span"),
    ({"start": 0, "end": 3, "text": "One"}, r"a.jsonl:1: annotation 1: missing field 'class', 'fix'"),
])
def test_bad_annotations_name_file_line_and_annotation(tmp_path, annotation, message):
    path = _write(tmp_path, {"id": "t", "text": "One two.", "annotations": [annotation]})
    with pytest.raises(EvalInputError, match=message):
        read_annotated(path)


def test_cli_json_and_verbose(tmp_path):
    from tqlint.cli import cli

    config = tmp_path / ".tqlint.yaml"
    config.write_text(f"packs: [{PACK}]\n", encoding="utf-8")
    run = lambda *args: CliRunner().invoke(cli, ["eval", "--config", str(config), "--annotations", SMALL, *args])  # noqa: E731
    data = json.loads(run("--format", "json").output)
    assert data["aggregates"]["monolingual"] == {
        "classes": ["punctuation", "quotes", "locale", "untranslated", "repetition", "pronoun", "capitalization", "encoding"],
        "annotations": 6, "caught": 5, "recall": 5 / 6, "editor_fix": 5}
    assert data["aggregates"]["calques and false friends"]["recall"] == 0.5
    assert (data["findings"], data["confirmed"], data["precision"]) == (7, 6, 6 / 7)
    assert data["fixes"] == {"confirmed_with_fix": 6, "editor_fix": 5, "rate": 5 / 6}
    assert data["by_rule"]["evalpack/space-before-punct"]["precision"] == 0.5
    text = run().output
    assert "  monolingual                        6       5   83.3%      5" in text
    assert "Precision: 6 of 7 findings overlap an annotation (85.7%)" in text
    assert "3 annotations missed, 1 findings unconfirmed (-v lists them)" in text
    verbose = run("-v").output
    assert "  repetition     ja-en-1-Sys-B: 'the the' → 'the'" in verbose
    assert "  [evalpack/space-before-punct] ja-en-1-Sys-B: ' ,'" in verbose


def test_cli_needs_exactly_one_input():
    from tqlint.cli import cli

    result = CliRunner().invoke(cli, ["eval", "--annotations", SMALL, "--references", SMALL])
    assert result.exit_code == 2 and "give exactly one of" in result.output
