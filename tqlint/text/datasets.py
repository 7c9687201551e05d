"""Datasets of records (JSON Lines, CSV, Parquet): each record a document to lint.

A record's text comes from one field (`Fields.text`), its name from another (`Fields.id`), and
its syntax (markdown, html, text) from an optional third (`Fields.format`). Records are linted
through `Linter.lint_texts`, exactly as a file of their format would be, with the config of the
dataset's folder. A bad record (a field missing, text that is not a string, broken UTF-8, a line
that is not JSON) becomes a `BadRecord` naming the dataset and the record; the others go on.

`fix` never rewrites a dataset in place: `rewrite_dataset` copies it to a new file, atomically,
with the fixed texts in place of the old ones and every other byte of a JSON Lines record kept.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from tqlint.bilingual.records import record_source
from tqlint.finding import FileResult
from tqlint.text.dataset_formats import FORMATS, dataset_format  # noqa: F401  (part of this module's surface)

_SYNTAXES = {"markdown": "markdown", "md": "markdown", "html": "html", "htm": "html",
          "text": "text", "txt": "text", "plain": "text"}
DEFAULT_SYNTAX = "text"
_BROKEN_UTF8 = re.compile("[\udc80-\udcff]")  # what surrogateescape leaves for undecodable bytes


class DatasetError(Exception):
    """A dataset that cannot be read (or written) at all: which one, and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class Fields:
    """Which fields hold the text, the record's id and its format. None: see `resolve_fields`."""

    text: str | None = None
    id: str | None = None
    format: str | None = None
    source: str | None = None  # bilingual runs: the field with each record's source text
    source_language: str | None = None  # ... and the one with its language (ro, de, zh)


@dataclass(frozen=True)
class Record:
    dataset: str
    number: int  # 1-based position in the dataset, as error messages and pandas users count rows + 1
    id: str  # the id field's value, else the record's number
    text: str
    syntax: str  # markdown, html or text: the reader a file of that name would get
    source: str | None = None  # the source text the record translates (a --source-field run)
    source_language: str | None = None  # its language, from --source-language-field

    def source_text(self):
        """The SourceText to lint the record next to, or None (a monolingual run)."""
        if self.source is None:
            return None
        from tqlint.bilingual.source import SourceText  # only bilingual runs need it

        return SourceText(self.source, "text", self.source_language)


@dataclass(frozen=True)
class BadRecord:
    dataset: str
    number: int
    where: str  # "record 17 (line 18, id 'a-9')"
    message: str


@dataclass(frozen=True)
class RecordResult(FileResult):
    """A FileResult for one record: `path` is "dataset#id" (what reporters print); `dataset` and
    `record` keep the two apart for the findings table and the JSON output."""

    dataset: str = ""
    record: str | None = None


def record_syntax(value) -> str | None:
    return _SYNTAXES.get(value.strip().lower()) if isinstance(value, str) else None


# ---- reading ----------------------------------------------------------------------------------

class Dataset:
    """A dataset file and how to read its records. `fields` starts as the user gave them and is
    complete (text field picked, id field found) once reading has begun."""

    def __init__(self, path: str, fields: Fields = Fields(), notice: Callable[[str], None] | None = None):
        self.path, self.fields, self.notice = path, fields, notice
        self.format = dataset_format(path)

    def records(self) -> Iterator[Record | BadRecord]:
        """Every record in order. Raises DatasetError when the dataset as a whole cannot be read
        (missing, not a dataset, no such column, no single text field to pick)."""
        reader = {"jsonl": _read_jsonl, "csv": _read_csv, "parquet": _read_parquet}.get(self.format or "")
        if reader is None:
            raise DatasetError(self.path, f"not a dataset (expected {', '.join(FORMATS)})")
        if not os.path.isfile(self.path):
            raise DatasetError(self.path, "no such file" if not os.path.exists(self.path) else "not a file")
        try:
            yield from reader(self)
        except OSError as exc:
            raise DatasetError(self.path, str(exc.strerror or exc)) from None

    def resolve(self, names, text_like) -> Fields:
        self.fields = resolve_fields(self.path, self.fields, names, text_like, self.notice)
        return self.fields


def resolve_fields(path: str, fields: Fields, names, text_like, notice) -> Fields:
    """Fill in what the user left out, from the dataset's first record or schema: the id field is
    "id" where there is one; the text field is the one text-like field besides id and format."""
    ident = fields.id if fields.id is not None else ("id" if "id" in names else None)
    text = fields.text
    if text is None:
        candidates = [n for n in text_like if n not in (ident, fields.format, fields.source, fields.source_language)]
        if len(candidates) != 1:
            found = f"text fields {', '.join(candidates)}" if candidates else "no text field"
            raise DatasetError(path, f"{found}; name the one to lint with --text-field")
        text = candidates[0]
        if notice:
            notice(f"{path}: linting field '{text}', its only text field (--text-field picks another)")
    return replace(fields, text=text, id=ident)


def _describe(number: int, line: int | None = None, ident: str | None = None) -> str:
    details = ([f"line {line}"] if line else []) + ([f"id {ident!r}"] if ident is not None else [])
    return f"record {number}" + (f" ({', '.join(details)})" if details else "")


def _type_name(value) -> str:
    return "missing" if value is None else type(value).__name__


def _make(path: str, number: int, values: dict, fields: Fields, line: int | None) -> Record | BadRecord:
    """A Record from one record's field values, or the BadRecord saying what is wrong with it."""
    ident = str(number)
    if fields.id is not None:
        raw = values.get(fields.id)
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            problem = f"no field '{fields.id}'" if raw is None else f"id field '{fields.id}' is {_type_name(raw)}"
            return BadRecord(path, number, _describe(number, line), problem)
        ident = str(raw)
    where = _describe(number, line, ident if fields.id is not None else None)
    text = values.get(fields.text)
    if not isinstance(text, str):
        problem = (f"no field '{fields.text}'" if fields.text not in values else
                   f"field '{fields.text}' is {_type_name(text)}, not text")
        return BadRecord(path, number, where, problem)
    source, language, source_problem = record_source(values, fields.source, fields.source_language)
    if source_problem:
        return BadRecord(path, number, where, source_problem)
    for name, value in ((fields.text, text), (fields.id, ident), (fields.source, source), (fields.source_language, language)):
        if name is not None and value is not None and _BROKEN_UTF8.search(value):
            return BadRecord(path, number, where, f"field '{name}' is not valid UTF-8")
    syntax = DEFAULT_SYNTAX
    if fields.format is not None and values.get(fields.format) not in (None, ""):
        given = record_syntax(values[fields.format])
        if given is None:
            return BadRecord(path, number, where, f"format {values[fields.format]!r} in field "
                                                  f"'{fields.format}' is not markdown, html or text")
        syntax = given
    return Record(path, number, ident, text, syntax, source, language)


def _read_jsonl(dataset: Dataset):
    path, fields = dataset.path, dataset.fields
    number, resolved = 0, False
    with open(path, "rb") as handle:
        for line_number, raw in enumerate(handle, 1):
            if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            number += 1
            values, problem = _parse_json_line(raw)
            if problem:
                yield BadRecord(path, number, _describe(number, line_number), problem)
                continue
            if not resolved:  # from the first record that is an object
                text_like = [k for k, v in values.items() if isinstance(v, str)]
                fields, resolved = dataset.resolve(values, text_like), True
            yield _make(path, number, values, fields, line_number)


def _parse_json_line(raw: bytes):
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start} of the line"
    try:
        values = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(values, dict):
        return None, f"a JSON {type(values).__name__}, not an object"
    return values, None


def _read_csv(dataset: Dataset):
    path = dataset.path
    csv.field_size_limit(2**31 - 1)  # an article is a field: far past the 128 KB default
    # surrogateescape keeps a bad byte as a marker in its field, so that record alone is refused.
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return
        fields = dataset.resolve(header, header)
        _check_columns(path, fields, header)
        number, line = 0, reader.line_num + 1
        for row in reader:
            if not row:  # a blank line is no record
                line = reader.line_num + 1
                continue
            number += 1
            values = dict(zip(header, row))
            if len(row) != len(header):
                where = _describe(number, line)
                yield BadRecord(path, number, where, f"{len(row)} fields where the header has {len(header)}")
            else:
                yield _make(path, number, values, fields, line)
            line = reader.line_num + 1


def _check_columns(path, fields, names) -> None:
    for name in (fields.text, fields.id, fields.format, fields.source, fields.source_language):
        if name is not None and name not in names:
            raise DatasetError(path, f"no column '{name}' (columns: {', '.join(names)})")


def _parquet_file(path):
    try:
        import pyarrow.parquet as pq  # optional: tqlint[datasets]
    except ImportError:
        raise DatasetError(path, "reading Parquet needs pyarrow: pip install 'tqlint[datasets]'") from None
    try:
        return pq.ParquetFile(path)
    except OSError as exc:
        raise DatasetError(path, f"{exc}") from None
    except Exception as exc:  # pyarrow's ArrowInvalid: not a Parquet file
        raise DatasetError(path, f"not a Parquet file ({exc})") from None


def _read_parquet(dataset: Dataset):
    import pyarrow as pa  # optional: tqlint[datasets]

    path = dataset.path
    table = _parquet_file(path)
    schema = table.schema_arrow
    text_like = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    fields = dataset.resolve(schema.names, text_like)
    _check_columns(path, fields, schema.names)
    for name in (fields.text, fields.source):
        if name is not None and name not in text_like:
            raise DatasetError(path, f"column '{name}' is {schema.field(name).type}, not text")
    wanted = (fields.text, fields.id, fields.format, fields.source, fields.source_language)
    columns = list(dict.fromkeys(n for n in wanted if n is not None))
    number = 0
    for batch in table.iter_batches(batch_size=1024, columns=columns):
        data = {name: batch.column(name).to_pylist() for name in columns}
        for index in range(batch.num_rows):
            number += 1
            yield _make(path, number, {name: data[name][index] for name in columns}, fields, None)


# ---- linting ----------------------------------------------------------------------------------

def bad_record_result(bad: BadRecord) -> RecordResult:
    """The error line of a bad record (or, with no `where`, of a dataset that cannot be read)."""
    error = f"{bad.where}: {bad.message}" if bad.where else bad.message
    return RecordResult(path=bad.dataset, dataset=bad.dataset, error=error)


def lint_records(linter, records: list[Record]) -> list[RecordResult]:
    """Each record linted as a file of its format in the dataset's folder would be (in order)."""
    results: list = [None] * len(records)
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        groups.setdefault(record.dataset, []).append(index)
    for dataset, indices in groups.items():
        linted = linter.lint_texts([records[i].text for i in indices], dataset, [records[i].syntax for i in indices],
                                   [records[i].source_text() for i in indices])
        for index, result in zip(indices, linted):
            results[index] = as_record_result(records[index], result)
    return results


def lint_items(linter, items: list) -> list[FileResult]:
    """One batch of a run: file paths (str) linted as files, Records as their format, BadRecords
    passed through as the error they are. Results in the order of `items`."""
    results: list = [None] * len(items)
    paths = [i for i, item in enumerate(items) if isinstance(item, str)]
    records = [i for i, item in enumerate(items) if isinstance(item, Record)]
    for index, result in zip(paths, linter.lint_files([items[i] for i in paths])):
        # The text travels back only where findings need it for lines and columns.
        results[index] = replace(result, text="") if not result.findings else result
    for index, result in zip(records, lint_records(linter, [items[i] for i in records])):
        results[index] = result
    for index, item in enumerate(items):
        if isinstance(item, BadRecord):
            results[index] = bad_record_result(item)
    return results


_pool_linter = None  # set in the parent just before forking; read only inside pool workers


def _lint_in_child(items: list) -> list[FileResult]:
    return lint_items(_pool_linter, items)


def map_items(linter, items: Iterable, jobs: int = 1, progress=None, size: int = 32) -> Iterator[FileResult]:
    """`lint_items` over a stream of items in batches of `size`, on `jobs` forked processes;
    results in order, as they come (the pool reads ahead only as far as its pipe holds)."""
    global _pool_linter
    import multiprocessing  # start-up time: every `tqlint` start imports this module, few fork a pool

    chunks = batches(items, size)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield from lint_items(linter, chunk)
            if progress is not None:
                progress.advance(len(chunk))
        return
    _pool_linter = linter
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for results in pool.imap(_lint_in_child, chunks):
                yield from results
                if progress is not None:
                    progress.advance(len(results))
    finally:
        _pool_linter = None


def count_records(path: str) -> int:
    """How many records the dataset holds, cheaply (for a progress bar): 0 when it cannot tell."""
    form = dataset_format(path)
    try:
        if form == "parquet":
            return _parquet_file(path).metadata.num_rows
        if form == "jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip() and line.strip() != b"\xef\xbb\xbf")
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            csv.field_size_limit(2**31 - 1)
            return max(0, sum(1 for row in csv.reader(handle) if row) - 1)
    except (OSError, DatasetError, csv.Error):
        return 0


def as_record_result(record: Record, result: FileResult) -> RecordResult:
    return RecordResult(path=f"{record.dataset}#{record.id}", findings=result.findings, error=result.error,
                        failures=result.failures, internal_error=result.internal_error,
                        text=result.text if result.findings else "", dataset=record.dataset, record=record.id)


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---- writing ----------------------------------------------------------------------------------

@contextlib.contextmanager
def new_file_atomically(path: str):
    """Yield a binary handle whose contents become the file at `path` only when the block ends
    without an error: a reader, a crash or Ctrl-C sees the old file (or none), never half of one."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tqlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output_path(source: str, output: str) -> None:
    """`fix --output`: a new dataset of the same format, never the input itself."""
    if os.path.exists(output) and os.path.samefile(source, output):
        raise DatasetError(output, "is the input dataset; fix writes a new one (pick another --output)")
    if dataset_format(output) != dataset_format(source):
        raise DatasetError(output, f"the fixed dataset keeps the input's format "
                           f"({dataset_format(source)}); give --output that suffix")


def rewrite_dataset(source: str, output: str, fields: Fields, fixed: dict[int, str]) -> None:
    """Copy the dataset at `source` to a new file at `output`, the text field of record number n
    replaced by `fixed[n]`. `fields` must be the resolved ones the records were read with."""
    check_output_path(source, output)
    writer = {"jsonl": _rewrite_jsonl, "csv": _rewrite_csv, "parquet": _rewrite_parquet}[dataset_format(source) or ""]
    with new_file_atomically(output) as handle:
        writer(source, handle, fields, fixed)


def _rewrite_jsonl(source, handle, fields, fixed):
    number = 0
    with open(source, "rb") as lines:
        for raw in lines:
            if raw.strip() and raw.strip() != b"\xef\xbb\xbf":
                number += 1
                if number in fixed:
                    values = json.loads(raw.decode("utf-8-sig"))
                    values[fields.text] = fixed[number]
                    newline = b"\r\n" if raw.endswith(b"\r\n") else b"\n"
                    raw = json.dumps(values, ensure_ascii=False).encode("utf-8") + newline
            handle.write(raw)


def _rewrite_csv(source, handle, fields, fixed):
    with open(source, encoding="utf-8-sig", errors="surrogateescape", newline="") as rows:
        first = rows.readline()
        rows.seek(0)
        out = io.TextIOWrapper(handle, encoding="utf-8", errors="surrogateescape", newline="")
        writer = csv.writer(out, lineterminator="\r\n" if first.endswith("\r\n") else "\n")
        reader = csv.reader(rows)
        header = next(reader, None)
        if header is not None:
            writer.writerow(header)
            column = header.index(fields.text)
            number = 0
            for row in reader:
                number += bool(row)  # numbered as _read_csv numbers them: blank lines are no record
                if row and number in fixed:
                    row[column] = fixed[number]
                writer.writerow(row)
        out.flush()
        out.detach()


def _rewrite_parquet(source, handle, fields, fixed):
    import pyarrow as pa  # optional: tqlint[datasets]
    import pyarrow.parquet as pq  # optional: tqlint[datasets]

    table = _parquet_file(source)
    schema = table.schema_arrow
    column = schema.get_field_index(fields.text)
    number = 0
    with pq.ParquetWriter(handle, schema) as writer:
        for batch in table.iter_batches(batch_size=1024):
            texts = batch.column(column).to_pylist()
            for index in range(batch.num_rows):
                texts[index] = fixed.get(number + index + 1, texts[index])
            number += batch.num_rows
            columns = list(batch.columns)
            columns[column] = pa.array(texts, type=schema.field(column).type)
            writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
