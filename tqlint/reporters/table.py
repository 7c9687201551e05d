"""The findings table: one row per finding, as Parquet or JSON Lines, for pandas or DuckDB.

The columns are `COLUMNS` (documented in docs/datasets.md); a file's findings have `record`
null, a dataset record's have the dataset in `path` and the record's id in `record`. Rows are
written as results arrive (`TableWriter.write`), so a run of millions of records never holds
the table in memory, and the file appears atomically when the writer closes.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from typing import Any

from tqlint.text.datasets import new_file_atomically
from tqlint.text.document import LineIndex

# (name, Arrow type) in table order. Offsets are code points into the document's text; lines
# and columns are 1-based, as everywhere in tqlint.
COLUMNS = (
    ("path", "string"), ("record", "string"),
    ("rule", "string"), ("category", "string"), ("severity", "string"), ("message", "string"),
    ("start", "int64"), ("end", "int64"),
    ("line", "int64"), ("column", "int64"), ("end_line", "int64"), ("end_column", "int64"),
    ("text", "string"),
    ("fix_title", "string"), ("fix_replacement", "string"), ("fix_safe", "bool"),
)
TABLE_FORMATS = ("parquet", "jsonl")
_ROW_GROUP = 50_000


def first_fix(finding, text: str) -> tuple[str | None, str | None, bool | None]:
    """(title, replacement, safe) of the finding's first fix: `replacement` is what the flagged
    text becomes (over the union of the finding's and the edits' spans, should an edit reach
    past the finding)."""
    if not finding.fixes:
        return None, None, None
    fix = finding.fixes[0]
    start = min([finding.start, *(e.start for e in fix.edits)])
    end = max([finding.end, *(e.end for e in fix.edits)])
    pieces, at = [], start
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        pieces += [text[at:edit.start], edit.replacement]
        at = edit.end
    pieces.append(text[at:end])
    return fix.title, "".join(pieces), fix.safe


def rows(result) -> list[dict]:
    """The table rows of one FileResult (or dataset RecordResult)."""
    if not result.findings:
        return []
    record = getattr(result, "record", None)
    path = result.dataset if record is not None else result.path
    lines = LineIndex(result.text)
    out = []
    for finding in result.findings:
        line, column = lines.position(finding.start)
        end_line, end_column = lines.position(finding.end)
        title, replacement, safe = first_fix(finding, result.text)
        out.append({
            "path": path, "record": record, "rule": finding.rule, "category": finding.category,
            "severity": str(finding.severity), "message": finding.message,
            "start": finding.start, "end": finding.end, "line": line, "column": column,
            "end_line": end_line, "end_column": end_column, "text": finding.text,
            "fix_title": title, "fix_replacement": replacement, "fix_safe": safe,
        })
    return out


def arrow_schema():
    import pyarrow as pa  # optional: tqlint[datasets]

    return pa.schema([pa.field(name, getattr(pa, {"bool": "bool_"}.get(type_name, type_name))()) for name, type_name in COLUMNS])


class TableWriter:
    """Write findings rows to `path` as `form` ("parquet" or "jsonl"); the file replaces any old
    one at `path` only on a clean `close()` (use it as a context manager)."""

    def __init__(self, path: str, form: str):
        if form not in TABLE_FORMATS:
            raise ValueError(f"unknown table format {form!r}")
        self.form, self.count = form, 0
        self.by_rule: Counter = Counter()
        self.by_category: Counter = Counter()
        self._pending: list[dict] = []
        self._file = new_file_atomically(path)
        self._handle = self._file.__enter__()
        self._parquet: Any = None  # a pyarrow ParquetWriter for Parquet tables
        if form == "parquet":
            import pyarrow.parquet as pq  # optional: tqlint[datasets]

            self._parquet = pq.ParquetWriter(self._handle, arrow_schema())

    def write(self, results) -> None:
        for result in results:
            for row in rows(result):
                self.by_rule[row["rule"]] += 1
                self.by_category[row["category"]] += 1
                self.count += 1
                if self._parquet is None:
                    self._handle.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
                else:
                    self._pending.append(row)
            if len(self._pending) >= _ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa  # optional: tqlint[datasets]

        if self._pending:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, schema=arrow_schema()))
            self._pending = []

    def close(self, error: BaseException | None = None) -> None:
        """Finish the file, or (after `error`) throw it away."""
        if error is None:
            try:
                if self._parquet is not None:
                    self._flush()
                    self._parquet.close()
            except BaseException as exc:
                self._file.__exit__(type(exc), exc, exc.__traceback__)
                raise
            self._file.__exit__(None, None, None)
            return
        if self._parquet is not None:
            with contextlib.suppress(Exception):
                self._parquet.close()
        self._file.__exit__(type(error), error, error.__traceback__)

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        self.close(error)


def summarize(results) -> tuple[Counter, Counter]:
    """Findings per rule and per category."""
    by_rule: Counter = Counter()
    by_category: Counter = Counter()
    for result in results:
        for finding in result.findings:
            by_rule[finding.rule] += 1
            by_category[finding.category] += 1
    return by_rule, by_category


def ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most frequent first; ties by name, so the order is stable."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render_summary(by_rule: Counter, by_category: Counter, top: int = 20) -> str:
    """The per-category and per-rule counts, most frequent first (the first `top` rules)."""
    total = sum(by_rule.values())
    lines = [f"{total} finding{'s' if total != 1 else ''} by category:"]
    lines += [f"  {count:>8}  {name}" for name, count in ranked(by_category)]
    rules = ranked(by_rule)
    lines.append(f"by rule{f' (top {top} of {len(rules)})' if len(rules) > top else ''}:")
    lines += [f"  {count:>8}  {name}" for name, count in rules[:top]]
    return "\n".join(lines) + "\n"
