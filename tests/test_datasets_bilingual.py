"""Datasets linted bilingually: each record's text next to the source in another field
(`--source-field`), its language from `--source-language` or a field (`--source-language-field`).
A record whose source field is missing is one error line; the other records are still linted."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tqlint.api import Linter
from tqlint.cli import cli
from tqlint.text.datasets import Dataset, Fields, Record, lint_records

ENV = {"TQLINT_CACHE_DIR": "off", "NO_COLOR": None, "CI": "true"}
# Our own sentences: a German number read as 2.5 million, a Czech month, a record with no source.
ROWS = [
    {"id": "n1", "source": "Die Gemeinde gab 2,5 Millionen Euro für neue Schulen aus.",
     "mt": "The municipality spent 3.5 million euros on new schools.", "lang": "de"},
    {"id": "d1", "source": "Starosta otevřel most 4. května.",
     "mt": "The mayor opened the bridge on 4 June.", "lang": "cs"},
    {"id": "ok", "source": "Die Gemeinde gab 2,5 Millionen Euro aus.",
     "mt": "The municipality spent 2.5 million euros.", "lang": "de"},
]
NO_SOURCE = {"id": "gap", "mt": "The council met on Tuesday.", "lang": "de"}


def run(*args):
    return CliRunner().invoke(cli, ["check", "--no-config", *args], env=ENV, catch_exceptions=False)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def write_csv(path, rows, columns=("id", "source", "mt", "lang")):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)
    return str(path)


def write_parquet(path, rows, columns=("id", "source", "mt", "lang")):
    pq.write_table(pa.table({c: [row.get(c) for row in rows] for c in columns}), path)
    return str(path)


def rules_by_record(output: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for file in json.loads(output)["files"]:
        found.setdefault(file["record"], set()).update(f["rule"] for f in file["findings"])
    return found


@pytest.mark.parametrize("writer", [write_jsonl, write_csv, write_parquet])
def test_each_record_is_checked_against_its_source(tmp_path, writer):
    path = writer(tmp_path / f"rows{ {write_jsonl: '.jsonl', write_csv: '.csv', write_parquet: '.parquet'}[writer]}", ROWS)
    result = run(path, "--text-field", "mt", "--source-field", "source", "--source-language-field", "lang",
                 "--select", "bilingual", "--format", "json")
    assert result.exit_code == 1, result.output
    found = rules_by_record(result.stdout)
    assert found["n1"] == {"bilingual/number-missing"}
    assert found["d1"] == {"bilingual/date-mismatch"}
    assert not found.get("ok")


def test_one_language_for_the_whole_dataset(tmp_path):
    path = write_jsonl(tmp_path / "de.jsonl", [ROWS[0], ROWS[2]])
    result = run(path, "--text-field", "mt", "--source-field", "source", "--source-language", "de", "--select", "bilingual")
    assert result.exit_code == 1
    assert "[bilingual/number-missing] The source has '2,5 Millionen Euro' (2.5 million)" in result.stdout
    assert "#ok:" not in result.stdout


def test_without_a_source_field_the_dataset_is_monolingual(tmp_path):
    path = write_jsonl(tmp_path / "mono.jsonl", ROWS)
    result = run(path, "--text-field", "mt", "--select", "bilingual")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("writer, suffix, where", [
    (write_jsonl, ".jsonl", "record 2 (line 2, id 'gap')"),
    (write_csv, ".csv", "record 2 (line 3, id 'gap')"),
    (write_parquet, ".parquet", "record 2 (id 'gap')"),
])
def test_a_record_without_its_source_is_one_error_and_the_run_goes_on(tmp_path, writer, suffix, where):
    path = writer(tmp_path / f"gap{suffix}", [ROWS[0], NO_SOURCE, ROWS[1]])
    result = run(path, "--text-field", "mt", "--source-field", "source", "--source-language-field", "lang",
                 "--select", "bilingual")
    assert result.exit_code == 2
    missing = "missing" if writer is not write_csv else "empty"  # a CSV cell is never absent
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [f"{path}: error: {where}: source field 'source' is {missing}"]
    assert "#n1:" in result.stdout and "#d1:" in result.stdout  # the records around it were linted


def test_a_missing_language_field_value_names_the_field(tmp_path):
    row = {key: value for key, value in ROWS[0].items() if key != "lang"}
    path = write_jsonl(tmp_path / "nolang.jsonl", [row, ROWS[2]])
    result = run(path, "--text-field", "mt", "--source-field", "source", "--source-language-field", "lang")
    assert f"{path}: error: record 1 (line 1, id 'n1'): source-language field 'lang' is missing" in result.output
    assert result.exit_code == 2


def test_a_source_column_that_is_not_there_stops_the_dataset(tmp_path):
    path = write_csv(tmp_path / "cols.csv", ROWS, columns=("id", "mt"))
    result = run(path, "--text-field", "mt", "--source-field", "source")
    assert result.exit_code == 2
    assert "no column 'source' (columns: id, mt)" in result.output


def test_a_language_field_needs_a_source_field(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", ROWS)
    result = run(path, "--text-field", "mt", "--source-language-field", "lang")
    assert result.exit_code == 2
    assert "--source-language-field names the language of a source: give --source-field too" in result.output


def test_the_text_field_is_picked_among_the_others(tmp_path):
    """With the source and its language named, the text field is the one left."""
    path = write_jsonl(tmp_path / "pick.jsonl", ROWS)
    fields = Dataset(path, Fields(source="source", source_language="lang"))
    records = list(fields.records())
    assert fields.fields.text == "mt"
    assert [(r.source_language, r.source[:3]) for r in records] == [("de", "Die"), ("cs", "Sta"), ("de", "Die")]


def test_fix_writes_the_source_values_back(tmp_path):
    path = write_jsonl(tmp_path / "fix.jsonl", ROWS)
    out = tmp_path / "fixed.jsonl"
    result = CliRunner().invoke(cli, ["fix", "--no-config", path, "--text-field", "mt", "--source-field", "source",
                                      "--source-language-field", "lang", "--unsafe-fixes", "--select", "bilingual",
                                      "--output-dataset", str(out)], env=ENV, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    fixed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert fixed[0]["mt"] == "The municipality spent 2.5 million euros on new schools."
    assert fixed[1]["mt"] == "The mayor opened the bridge on 4 May."
    assert fixed[2] == ROWS[2]


def test_lint_records_is_the_same_as_lint_pair():
    linter = Linter(no_config=True, select=("bilingual",))
    record = Record("rows.jsonl", 1, "n1", ROWS[0]["mt"], "text", ROWS[0]["source"], "de")
    (from_record,) = lint_records(linter, [record])
    pair = linter.lint_pair(ROWS[0]["mt"], ROWS[0]["source"], "de", "rows.jsonl")
    assert [(f.rule, f.start, f.end, f.source_span) for f in from_record.findings] == \
           [(f.rule, f.start, f.end, f.source_span) for f in pair.findings]
    assert from_record.findings


def test_a_cluster_worker_lints_a_record_next_to_its_source():
    """What a Dask worker runs (pure: no cluster needed): the record carries its source to the
    worker, whose linter is built from the run's options (--source-language among them)."""
    from tqlint.distributed import LintOptions, lint_partition

    record = Record("rows.jsonl", 1, "n1", ROWS[0]["mt"], "text", ROWS[0]["source"], None)
    (result,) = lint_partition(LintOptions(no_config=True, select=("bilingual",), source_language="de"), [record])
    assert [f.rule for f in result.findings] == ["bilingual/number-missing"]
    assert result.findings[0].source_span is not None
