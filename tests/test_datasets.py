"""Datasets of records in (JSON Lines, CSV, Parquet), findings tables out, fixed datasets written
anew. A record must be linted exactly as a file of its format would be."""

from __future__ import annotations

import csv
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tqlint.api import Linter
from tqlint.cli import cli
from tqlint.finding import Edit, Finding, Fix, Severity
from tqlint.reporters.table import COLUMNS, TableWriter, first_fix, rows
from tqlint.text.datasets import Dataset, DatasetError, Fields, Record, rewrite_dataset

ENV = {"TQLINT_CACHE_DIR": "off", "NO_COLOR": None, "CI": "true"}
# Markdown keeps code out of the prose; plain text does not: the format field must matter.
RECORDS = [
    {"id": "r1", "body": "Rates rose , then fell.\n\n`code , x`\n", "format": "markdown"},
    {"id": "r2", "body": "Rates rose , then fell.\n\n`code , x`\n", "format": "text"},
    {"id": "r3", "body": "<p>Prices grew with 5 percent.</p>\n", "format": "html"},
    {"id": "r4", "body": "Nothing to see here.\n", "format": "markdown"},
    {"id": 5, "body": "Talks with SUA ended ; no date.\n"},
]


def run(*args):
    return CliRunner().invoke(cli, list(args), env=ENV, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path, test_pack, monkeypatch):
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_jsonl(path, records, extra_lines=()):
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")


def write_parquet(path, records):
    table = pa.table({"id": [str(r["id"]) for r in records], "body": [r["body"] for r in records],
                      "format": [r.get("format") for r in records]})
    pq.write_table(table, path, row_group_size=2)  # several row groups, read in order


def as_files(records, folder, linter):
    """Each record linted as the file of its format in the dataset's folder."""
    suffix = {"markdown": "md", "html": "html", "text": "txt", None: "txt"}
    return [linter.lint_text(r["body"], str(folder / f"news.{suffix[r.get('format')]}")).findings for r in records]


def json_findings(result):
    return {f["path"]: [(g["rule"], g["start"]["offset"], g["end"]["offset"]) for g in f.get("findings", [])]
            for f in json.loads(result.stdout)["files"]}


class TestReading:
    @pytest.mark.parametrize("name", ["news.jsonl", "news.parquet"])
    def test_records_lint_exactly_as_files_of_their_format(self, folder, test_config, name):
        (write_jsonl if name.endswith(".jsonl") else write_parquet)(folder / name, RECORDS)
        result = run("check", "--format", "json", "--text-field", "body", "--format-field", "format", name)
        assert result.exit_code == 1, result.output
        files = json.loads(result.stdout)["files"]
        assert [f["path"] for f in files] == [f"{name}#{r['id']}" for r in RECORDS]
        assert [f["record"] for f in files] == [str(r["id"]) for r in RECORDS]
        assert {f["dataset"] for f in files} == {name}
        expected = as_files(RECORDS, folder, Linter(config=test_config))
        got = [[(g["rule"], g["start"]["offset"], g["end"]["offset"]) for g in f["findings"]] for f in files]
        assert got == [[(f.rule, f.start, f.end) for f in findings] for findings in expected]
        assert got[0] != got[1]  # the same text as markdown and as plain text

    def test_csv_with_newlines_in_fields_and_a_broken_record(self, folder):
        with open("news.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "body"])
            writer.writerow(["c1", "First line.\nRates rose , then fell."])
            writer.writerow(["c2", "Clean text."])
        with open("news.csv", "ab") as handle:
            handle.write(b'c3,"Bad byte \xff here , too."\n\nc4,"Rates fell , again."\n\n')  # blank lines: no records
        result = run("check", "--format", "json", "news.csv")
        assert result.exit_code == 2  # a record could not be read: an input error, as for a file
        files = json.loads(result.stdout)["files"]
        assert [f["path"] for f in files] == ["news.csv#c1", "news.csv#c2", "news.csv", "news.csv#c4"]
        assert files[2]["error"] == "record 3 (line 5, id 'c3'): field 'body' is not valid UTF-8"
        assert files[0]["findings"][0]["start"]["line"] == 2 and files[3]["findings"]
        # The one text field was picked, and the run said so.
        assert "news.csv: linting field 'body', its only text field" in result.stderr

    def test_every_bad_record_is_one_line_and_the_rest_are_linted(self, folder):
        write_jsonl("news.jsonl", [{"id": "ok", "body": "A , b."}, {"id": "n", "body": 7}, {"id": "m"},
                                   {"body": "no id , here"}], ["{broken", "[1, 2]", ""])
        with open("news.jsonl", "ab") as handle:
            handle.write(b'{"id": "u", "body": "\xff"}\n')
        result = run("check", "--text-field", "body", "news.jsonl")
        assert result.exit_code == 2
        errors = [line for line in result.stdout.splitlines() if ": error: " in line]
        assert errors == [
            "news.jsonl: error: record 2 (line 2, id 'n'): field 'body' is int, not text",
            "news.jsonl: error: record 3 (line 3, id 'm'): no field 'body'",
            "news.jsonl: error: record 4 (line 4): no field 'id'",
            "news.jsonl: error: record 5 (line 5): not JSON: Expecting property name enclosed in double quotes at column 2",
            "news.jsonl: error: record 6 (line 6): a JSON list, not an object",
            "news.jsonl: error: record 7 (line 8): not valid UTF-8: byte 0xff at byte 21 of the line",
        ]
        assert "news.jsonl#ok:1:2: error [" in result.stdout

    def test_choosing_fields(self, folder):
        write_jsonl("two.jsonl", [{"id": "a", "title": "T , x", "body": "B , y"}])
        result = run("check", "two.jsonl")
        assert result.exit_code == 2
        assert "two.jsonl: error: text fields title, body; name the one to lint with --text-field" in result.stdout
        result = run("check", "--format", "json", "--text-field", "title", "--id-field", "title", "two.jsonl")
        assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["two.jsonl#T , x"]
        # Without an id field, a record is named by its number.
        write_jsonl("anon.jsonl", [{"text": "A , b."}, {"text": "C , d."}])
        result = run("check", "--format", "json", "anon.jsonl")
        assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["anon.jsonl#1", "anon.jsonl#2"]

    def test_parquet_schema_errors_name_the_column(self, folder):
        pq.write_table(pa.table({"id": ["a"], "body": [3]}), "ints.parquet")
        result = run("check", "--text-field", "body", "ints.parquet")
        assert result.exit_code == 2 and "ints.parquet: error: column 'body' is int64, not text" in result.stdout
        result = run("check", "--text-field", "nope", "ints.parquet")
        assert "ints.parquet: error: no column 'nope' (columns: id, body)" in result.stdout
        pq.write_table(pa.table({"id": ["a", "b"], "body": [None, "A , b."]}), "nulls.parquet")
        result = run("check", "nulls.parquet")
        assert "nulls.parquet: error: record 1 (id 'a'): field 'body' is missing, not text" in result.stdout
        assert "nulls.parquet#b:1:2:" in result.stdout

    def test_a_missing_dataset_is_an_error_and_the_other_inputs_still_run(self, folder):
        write_jsonl("news.jsonl", [{"id": "a", "text": "A , b."}])
        result = run("check", "gone.parquet", "news.jsonl")
        assert result.exit_code == 2
        assert "gone.parquet: error: no such file" in result.stdout and "news.jsonl#a:1:2" in result.stdout

    def test_bad_format_value(self, folder):
        write_jsonl("news.jsonl", [{"id": "a", "text": "A , b.", "kind": "docx"}])
        result = run("check", "--text-field", "text", "--format-field", "kind", "news.jsonl")
        assert "record 1 (line 1, id 'a'): format 'docx' in field 'kind' is not markdown, html or text" in result.stdout


class TestFindingsTable:
    @pytest.mark.parametrize("form", ["parquet", "jsonl"])
    def test_one_row_per_finding_matching_the_json_report(self, folder, form):
        write_jsonl("news.jsonl", RECORDS)
        (folder / "article.md").write_text("Prices grew with 5 percent , they said.\n")
        args = ["--text-field", "body", "--format-field", "format", "news.jsonl", "article.md"]
        report = json.loads(run("check", "--format", "json", *args).stdout)
        result = run("check", "--format", form, "--output-file", f"findings.{form}", *args)
        assert result.exit_code == 1 and result.stdout == ""
        if form == "parquet":
            table = pq.read_table(f"findings.{form}")
            assert table.schema.names == [name for name, _ in COLUMNS]
            assert str(table.schema.field("start").type) == "int64"
            table = table.to_pylist()
        else:
            table = [json.loads(line) for line in open(f"findings.{form}", encoding="utf-8")]
        expected = []
        for file in report["files"]:
            for f in file["findings"]:
                fix = f["fixes"][0] if f["fixes"] else {}
                expected.append((file.get("dataset", file["path"]), file.get("record"), f["rule"], f["severity"],
                                 f["start"]["offset"], f["start"]["line"], f["start"]["column"], f["end"]["column"],
                                 f["text"], fix.get("title")))
        assert [(r["path"], r["record"], r["rule"], r["severity"], r["start"], r["line"], r["column"],
                 r["end_column"], r["text"], r["fix_title"]) for r in table] == expected
        assert {"article.md", "news.jsonl"} == {r["path"] for r in table}
        # Summary per category and per rule on stderr, as in the JSON output.
        for rule, count in report["summary"]["by_rule"].items():
            assert f"{count:>8}  {rule}" in result.stderr
        assert sum(report["summary"]["by_category"].values()) == len(table)
        assert f"{len(table)} findings in 6 documents" in result.stderr
        assert [p for p in os.listdir(folder) if p.startswith(".tqlint-")] == []

    def test_a_table_format_needs_an_output_file(self, folder):
        write_jsonl("news.jsonl", RECORDS[:1])
        result = run("check", "--format", "parquet", "--output-file", "findings.parquet", "--baseline", "base.json",
                     "news.jsonl")
        assert result.exit_code == 2 and "--baseline does not apply to a findings table" in result.stderr
        assert not os.path.exists("findings.parquet")
        result = run("check", "--format", "jsonl", "news.jsonl")
        assert result.exit_code == 2 and "give --output-file FILE" in result.stderr
        assert run("fix", "--format", "parquet", "news.jsonl").exit_code == 2

    def test_fix_replacement_is_what_the_flagged_text_becomes(self):
        text = "one , two"
        finding = Finding("p/r", "c", Severity.ERROR, "m", 3, 5, " ,",
                          (Fix("Delete ' '", (Edit(3, 4, ""),), True), Fix("other", (), False)))
        assert first_fix(finding, text) == ("Delete ' '", ",", True)
        wide = Finding("p/r", "c", Severity.ERROR, "m", 4, 5, ",", (Fix("t", (Edit(3, 4, ""), Edit(5, 5, "!")), False),))
        assert first_fix(wide, text) == ("t", ",!", False)
        assert first_fix(Finding("p/r", "c", Severity.INFO, "m", 0, 3, "one"), text) == (None, None, None)

    def test_an_interrupted_table_leaves_no_file(self, tmp_path, test_config):
        result = Linter(config=test_config).lint_text("A , b.", "a.txt")
        path = tmp_path / "findings.parquet"
        with pytest.raises(KeyboardInterrupt):
            with TableWriter(str(path), "parquet") as table:
                table.write([result])
                raise KeyboardInterrupt
        assert os.listdir(tmp_path) == []
        with TableWriter(str(path), "parquet") as table:
            table.write([result])
        assert len(rows(result)) == pq.read_table(path).num_rows == 1


class TestFix:
    @pytest.mark.parametrize("name", ["news.jsonl", "news.csv", "news.parquet"])
    def test_fix_writes_a_new_dataset_and_leaves_the_input(self, folder, test_config, name):
        records = [{"id": "a", "body": "Rates rose , then fell.", "format": "text"},
                   {"id": "b", "body": "Clean.", "format": "text"},
                   {"id": "c", "body": "Prices grew with 5 percent , said one.", "format": "markdown"}]
        if name.endswith(".jsonl"):
            write_jsonl(name, records, ['{"id": "d", "body": 3}'])
        elif name.endswith(".csv"):
            with open(name, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, ["id", "body", "format"])
                writer.writeheader()
                writer.writerows(records)
        else:
            write_parquet(name, records)
        before = (folder / name).read_bytes()
        out = "fixed" + os.path.splitext(name)[1]
        result = run("fix", "--text-field", "body", "--format-field", "format", "--output-dataset", out, name)
        assert (folder / name).read_bytes() == before
        assert "Fixed 2 findings in 2 records; wrote " + out in result.stderr
        fixed = list(Dataset(out, Fields("body", "id", "format")).records())
        expected = [Linter(config=test_config).fix_text(r["body"], "x.txt", syntax=r["format"])[0] for r in records]
        assert [r.text for r in fixed if isinstance(r, Record)] == expected
        assert expected[0] == "Rates rose, then fell." and expected[1] == "Clean."
        if name.endswith(".jsonl"):  # untouched records are copied byte for byte, bad ones too
            old, new = before.splitlines(), (folder / out).read_bytes().splitlines()
            assert new[0] != old[0] and new[1] == old[1] and new[3] == old[3]
            assert json.loads(new[2]) == {**records[2], "body": expected[2]}
            assert result.exit_code == 2 and "record 4 (line 4, id 'd'): field 'body' is int" in result.stdout
        if name.endswith(".parquet"):
            assert pq.read_table(out).schema == pq.read_table(name).schema

    def test_fix_refuses_to_rewrite_in_place_or_without_output(self, folder):
        write_jsonl("news.jsonl", [{"id": "a", "text": "A , b."}])
        result = run("fix", "news.jsonl")
        assert result.exit_code == 2 and "give --output-dataset FILE" in result.stderr
        result = run("fix", "--output-dataset", "news.jsonl", "news.jsonl")
        assert result.exit_code == 2 and "is the input dataset" in result.stderr
        result = run("fix", "--output-dataset", "out.csv", "news.jsonl")
        assert result.exit_code == 2 and "keeps the input's format (jsonl)" in result.stderr
        assert not os.path.exists("out.csv")
        with pytest.raises(DatasetError):
            rewrite_dataset("news.jsonl", "news.jsonl", Fields("text"), {})
