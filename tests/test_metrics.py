"""`tqlint eval --post-edits`: tqlint's fixes applied to MT lines, scored against the human
post-edits with sacrebleu's TER and chrF, before and after, per line and per rule."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tqlint.cli import cli

# Written for these tests, in the corpus file's shape: idx, src, mt_detok, pe_detok (tab-separated).
ROWS = [
    # 2: the safe spaced-comma fix moves MT to the post-edit
    ("1", "x", "Rates rose , then fell sharply in May.", "Rates rose, then fell sharply in May."),
    # 3: no rule fires
    ("2", "x", "The council met on Tuesday.", "The council met on Tuesday."),
    # 4: the post-editor kept what the rule fixes: the fix scores worse
    ("3", "x", "They bought bread,milk and eggs.", "They bought bread,milk and eggs."),
    # 5: an unsafe fix (grew with → grew by), applied only with --unsafe-fixes
    ("4", "x", "Prices grew with 10 percent last year.", "Prices grew by 10 percent last year."),
    # 6: two rules on one line
    ("5", "x", "Sales rose , and bread,milk sold out.", "Sales rose, and bread, milk sold out."),
    # 7: a change neither metric notices (chrF ignores spaces; TER's edit count stays 2)
    ("6", "x", "cats,dogs", "x y"),
    # 8: a double quote is an ordinary character (QUOTE_NONE)
    ("7", "x", "He said \"no\" , twice.", "He said \"no\", twice."),
]
HEADER = ("idx", "src", "mt_detok", "pe_detok")


@pytest.fixture
def tsv(tmp_path):
    path = tmp_path / "post-edits.tsv"
    path.write_text("\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path, test_pack):
    path = tmp_path / "eval.tqlint.yaml"
    path.write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    return path


def test_report_safe_fixes(tsv, linter):
    from sacrebleu.metrics import CHRF, TER

    from tqlint.eval.postedits import post_edit_report

    report = post_edit_report(str(tsv), linter)
    assert report.lines == 7
    verdicts = {o.line: o.verdict for o in report.changed}
    assert verdicts == {2: "improved", 4: "worsened", 6: "improved", 7: "unchanged", 8: "improved"}
    assert {o.line: o.rules for o in report.changed}[6] == ("testpack/spaced-comma", "testpack/no-space-after-comma")

    # every fixed line is exactly what `tqlint fix` makes of it
    for outcome in report.changed:
        assert outcome.fixed == linter.fix_text(outcome.mt, None, False)[0]
    # corpus figures are sacrebleu's own
    mts = [row[2] for row in ROWS]
    pes = [row[3] for row in ROWS]
    fixed = [linter.fix_text(mt, None, False)[0] for mt in mts]
    assert report.ter == pytest.approx((TER().corpus_score(mts, [pes]).score, TER().corpus_score(fixed, [pes]).score))
    assert report.chrf == pytest.approx((CHRF().corpus_score(mts, [pes]).score, CHRF().corpus_score(fixed, [pes]).score))
    assert report.ter[1] < report.ter[0]
    assert report.chrf[1] == report.chrf[0]  # chrF ignores spaces, and these fixes only move spaces
    # the sentence scores behind each verdict are sacrebleu's too
    worsened = next(o for o in report.changed if o.line == 4)
    assert worsened.ter_after == pytest.approx(TER().sentence_score(worsened.fixed, [worsened.pe]).score)
    assert worsened.ter_after > worsened.ter_before
    unchanged = next(o for o in report.changed if o.line == 7)
    assert (unchanged.ter_before, unchanged.chrf_before) == (unchanged.ter_after, unchanged.chrf_after)

    table = report.by_rule()
    assert table["testpack/spaced-comma"] == {"changed": 3, "improved": 3, "worsened": 0, "unchanged": 0,
                                              "misaligned": 0, "alone": 2, "verdict": "helps"}
    assert table["testpack/no-space-after-comma"] == {"changed": 3, "improved": 1, "worsened": 1, "unchanged": 1,
                                                      "misaligned": 0, "alone": 2, "verdict": "mixed"}
    # with nothing excluded, the judged totals are the raw ones
    assert [report.judged_count(v) for v in ("improved", "worsened", "unchanged")] == [3, 1, 1]
    assert "testpack/grew-with" not in table


def test_not_judged_rules_are_listed_but_not_counted(tsv, linter):
    from tqlint.eval.postedits import post_edit_report

    by_rule = post_edit_report(str(tsv), linter, not_judged=("testpack/no-space-after-comma",))
    # line 4 was changed by that rule alone: out of the judged totals; line 6 was changed by a
    # judged rule too, so it still counts (an unjudged rule cannot hide a judged one's line)
    judged = {o.line for o in by_rule.changed if by_rule.is_judged(o)}
    assert judged == {2, 6, 8}
    assert [by_rule.judged_count(v) for v in ("improved", "worsened", "unchanged")] == [3, 0, 0]
    assert by_rule.count("worsened") == 1  # the raw totals stay as they were
    table = by_rule.by_rule()
    assert table["testpack/no-space-after-comma"]["verdict"] == "not judged"
    assert table["testpack/spaced-comma"]["verdict"] == "helps"

    # a category names the same rule (both test rules are Fluency/Punctuation)
    by_category = post_edit_report(str(tsv), linter, not_judged=("Fluency/Punctuation",))
    assert by_category.categories["testpack/spaced-comma"] == "Fluency/Punctuation"
    assert [by_category.judged_count(v) for v in ("improved", "worsened", "unchanged")] == [0, 0, 0]
    assert {row["verdict"] for row in by_category.by_rule().values()} == {"not judged"}


def test_misaligned_lines_are_not_judged(tmp_path, linter):
    from sacrebleu.metrics import TER

    from tqlint.eval.postedits import post_edit_report

    mt = "The minister said , that talks will resume."
    unrelated = "Heavy rain is expected across the north."  # another row's post-edit
    path = tmp_path / "shifted.tsv"
    path.write_text("mt_detok\tpe_detok\n" + f"{mt}\t{unrelated}\n" + f"{mt}\tThe minister said, that talks will resume.\n",
                    encoding="utf-8")
    assert TER().sentence_score(mt, [unrelated]).score > 100
    report = post_edit_report(str(path), linter)
    shifted, aligned = report.changed
    assert shifted.misaligned and not aligned.misaligned
    assert not report.is_judged(shifted) and report.is_judged(aligned)
    row = report.by_rule()["testpack/spaced-comma"]
    assert (row["improved"], row["misaligned"], row["verdict"]) == (1, 1, "helps")
    # the threshold is the user's: raised, the shifted line counts again
    assert post_edit_report(str(path), linter, misaligned_ter=1000).changed[0].misaligned is False


def test_unsafe_fixes_only_when_asked(tsv, linter):
    from tqlint.eval.postedits import post_edit_report

    safe = post_edit_report(str(tsv), linter)
    unsafe = post_edit_report(str(tsv), linter, unsafe=True)
    assert 5 not in {o.line for o in safe.changed}
    line5 = next(o for o in unsafe.changed if o.line == 5)
    assert line5.fixed == "Prices grew by 10 percent last year." == line5.pe
    assert line5.rules == ("testpack/grew-with",) and line5.verdict == "improved"
    assert unsafe.by_rule()["testpack/grew-with"]["improved"] == 1


def test_cli_text_report(tsv, config_file):
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(tsv), "--config", str(config_file)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "7 lines; mt_detok fixed with safe fixes, scored against pe_detok" in out
    assert "Lines changed by fixes: 5 of 7: 3 improved, 1 worsened, 1 unchanged" in out
    assert "TER (corpus)" in out and "chrF (corpus)" in out
    assert "testpack/spaced-comma" in out and "1 worsened line: -v lists them" in out
    verbose = CliRunner().invoke(cli, ["eval", "--post-edits", str(tsv), "--config", str(config_file), "-v"]).output
    assert "Worsened lines:" in verbose
    assert "line 4 [testpack/no-space-after-comma]" in verbose
    assert "fixed: They bought bread, milk and eggs." in verbose
    assert "Rules to look at (worsen as many lines as they improve, or more): testpack/no-space-after-comma" in out

    excluded = CliRunner().invoke(cli, ["eval", "--post-edits", str(tsv), "--config", str(config_file), "-v",
                                        "--not-judged", "testpack/no-space-after-comma"]).output
    assert "Judged: 3 improved, 0 worsened, 0 unchanged; not counted: 0 misaligned" in excluded
    assert "2 changed only by rules not judged here (testpack/no-space-after-comma)" in excluded  # lines 4 and 7
    assert "line 4 [testpack/no-space-after-comma]: " in excluded and "(rules not judged here, not counted)" in excluded
    assert "Rules to look at" not in excluded


def test_cli_json_report(tsv, config_file):
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(tsv), "--config", str(config_file),
                                      "--format", "json", "--unsafe-fixes"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lines"] == 7 and data["unsafe_fixes"] is True
    assert (data["changed"], data["improved"], data["worsened"], data["unchanged"]) == (6, 4, 1, 1)
    assert data["corpus"]["ter"]["after"] < data["corpus"]["ter"]["before"]
    assert data["corpus"]["chrf"]["signature"].startswith("nrefs:1|")
    assert data["by_rule"]["testpack/grew-with"]["changed"] == 1
    line = next(item for item in data["changed_lines"] if item["line"] == 4)
    assert line["verdict"] == "worsened" and line["rules"] == ["testpack/no-space-after-comma"]
    assert line["judged"] is True and line["misaligned"] is False
    assert data["judged"] == {"improved": 4, "worsened": 1, "unchanged": 1}
    assert data["by_rule"]["testpack/grew-with"]["verdict"] == "helps"
    assert (data["not_judged"], data["misaligned"], data["misaligned_ter"]) == ([], 0, 100.0)


def test_other_columns(tmp_path, config_file):
    path = tmp_path / "pe.tsv"
    path.write_text("mt\tpost\nRates rose , then fell.\tRates rose, then fell.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(path), "--config", str(config_file),
                                      "--mt-column", "mt", "--pe-column", "post", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["improved"] == 1


def test_missing_column_is_a_usage_error(tsv, config_file):
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(tsv), "--config", str(config_file), "--pe-column", "pe_detk"])
    assert result.exit_code == 2
    assert "no column 'pe_detk' (did you mean 'pe_detok'?)" in result.output
    assert ":1:" in result.output


def test_short_row_is_a_usage_error(tmp_path, config_file):
    path = tmp_path / "bad.tsv"
    path.write_text("idx\tmt_detok\tpe_detok\n1\tA line.\tA line.\n2\tOnly two fields\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(path), "--config", str(config_file)])
    assert result.exit_code == 2
    assert "bad.tsv:3: 2 tab-separated fields, but the header has 3" in result.output


def test_empty_file(tmp_path, config_file):
    path = tmp_path / "empty.tsv"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(path), "--config", str(config_file)])
    assert result.exit_code == 2 and "empty file" in result.output


def test_header_only(tmp_path, config_file):
    path = tmp_path / "header.tsv"
    path.write_text("mt_detok\tpe_detok\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--post-edits", str(path), "--config", str(config_file)])
    assert result.exit_code == 0, result.output
    assert "0 lines" in result.output and "Lines changed by fixes: 0 of 0" in result.output
