"""`check` and `fix` over datasets of records, into a findings table, or on a Dask cluster.

`check` and `fix` hand over here when a path is a dataset (.jsonl .ndjson .csv
.parquet), `--output`/`--output-format` asks for a findings table, or `--dask-scheduler` names a
cluster; both get back the results to report and pick the exit code from, as for files.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import replace

import click

from tqlint.api import lint_paths
from tqlint.cli.common import fail, note_skipped
from tqlint.cli.progress import progress_for
from tqlint.engine.parallel import default_jobs
from tqlint.finding import FileResult
from tqlint.reporters.table import TableWriter, render_summary
from tqlint.text.dataset_formats import dataset_format
from tqlint.text.datasets import (
    BadRecord,
    Dataset,
    DatasetError,
    Fields,
    RecordResult,
    as_record_result,
    bad_record_result,
    count_records,
    map_items,
    rewrite_dataset,
)
from tqlint.text.discover import expand_paths


def _note(message: str) -> None:
    click.echo(f"tqlint: {message}", err=True)


def _fields(options):
    if options.get("source_language_field") and not options.get("source_field"):
        fail("--source-language-field names the language of a source: give --source-field too")
    return Fields(options.get("text_field"), options.get("id_field"), options.get("format_field"),
                  options.get("source_field"), options.get("source_language_field"))


def _table_format(options) -> str | None:
    return options.get("output_format") if options.get("output") else None


def _split_paths(paths):
    if "-" in paths:
        fail("'-' (stdin) cannot be used with datasets, findings tables or --dask-scheduler")
    datasets = [p for p in paths if dataset_format(p)]
    return datasets, [p for p in paths if not dataset_format(p)]


def _records(path: str, fields):
    """The dataset's records, or the one BadRecord saying why it cannot be read."""
    try:
        yield from Dataset(path, fields, notice=_note).records()
    except DatasetError as exc:
        yield BadRecord(path, 0, "", exc.reason)


# ---- check ------------------------------------------------------------------------------------

def check_run(paths, options, linter, jobs: int | None) -> tuple[list, bool]:
    """Lint files and datasets; → (results to report, whether stdout should still get the report).
    With --output the findings go to the table as they arrive and only results that bear on the
    exit code are kept (without their text)."""
    form = _table_format(options)
    datasets, others = _split_paths(paths)
    fields = _fields(options)
    start = time.monotonic()
    if options.get("dask_scheduler"):
        stream = _on_cluster(linter, options, datasets, others, fields)
    else:
        stream = _locally(linter, datasets, others, fields, jobs)
    if not form:
        return list(stream), True

    kept, documents = [], 0
    try:
        with TableWriter(options["output"], form) as table:
            for result in stream:
                documents += 1
                table.write([result])
                if result.findings or result.error or result.failures:
                    kept.append(_without_text(result))
    except OSError as exc:
        fail(f"{options['output']}: cannot write: {exc.strerror or exc}")
    for result in kept:  # what the text report would have said besides the findings
        if result.error:
            click.echo(f"{result.path}: error: {result.error}", err=True)
        for failure in result.failures:
            click.echo(f"{result.path}: rule error: {failure}", err=True)
    click.echo(render_summary(table.by_rule, table.by_category), err=True, nl=False)
    _note(f"{table.count} findings in {documents} documents in {time.monotonic() - start:.1f} s; "
          f"wrote {options['output']} ({form})")
    return kept, False


def _without_text(result):
    return replace(result, text="")


def _locally(linter, datasets, others, fields, jobs):
    if others:
        run = lint_paths(others, jobs=jobs, linter=linter, progress=progress_for)
        note_skipped(linter, run.skipped)
        yield from run.files
    for path in datasets:
        linter.setup_for(path)  # rule packs loaded once, before any worker is forked
        bar = progress_for(count_records(path), "linting records")
        try:
            yield from map_items(linter, _records(path, fields), jobs or default_jobs(), bar)
        finally:
            if bar is not None:
                bar.close()


def _on_cluster(linter, options, datasets, others, fields):
    """Files and records on the cluster. Workers get absolute paths (they read the files and look
    up configs themselves); results come back under the names given on the command line."""

    try:
        from tqlint.distributed import LintOptions, connect, iter_on_cluster  # optional: tqlint[dask]
    except ImportError:
        fail("--dask-scheduler needs dask and distributed: pip install 'tqlint[dask]'")
    lint_options = LintOptions.of(linter)
    skipped: list[str] = []
    files, missing = expand_paths(others, linter.is_ignored, skipped, linter.respect_gitignore)
    note_skipped(linter, skipped)
    shown = {os.path.abspath(path): path for path in [*files, *datasets]}
    address = options["dask_scheduler"]
    try:
        client = connect(address)
    except (OSError, TimeoutError, ValueError) as exc:
        fail(f"cannot reach the Dask scheduler at {address}: {exc}")
    with client:
        workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
        total = len(files) + sum(count_records(path) for path in datasets)
        _note(f"linting {total} documents on the Dask cluster at {address} ({workers} workers)")
        items = itertools.chain((os.path.abspath(path) for path in files),
                                *(_records(os.path.abspath(path), fields) for path in datasets))
        bar = progress_for(total, "linting on the cluster")
        try:
            for result in iter_on_cluster(client, items, lint_options, bar):
                yield _shown_as(result, shown)
        finally:
            if bar is not None:
                bar.close()
    yield from (FileResult(path=p, error=e) for p, e in missing)


def _shown_as(result, shown: dict[str, str]):
    """`result` under the name its file or dataset was given on the command line."""
    if not isinstance(result, RecordResult):
        return replace(result, path=shown.get(result.path, result.path))
    dataset = shown.get(result.dataset, result.dataset)
    return replace(result, dataset=dataset, path=dataset if result.record is None else f"{dataset}#{result.record}")


# ---- fix --------------------------------------------------------------------------------------

def fix_run(paths, options, linter, unsafe: bool, diff: bool) -> list:
    """Fix the records of one dataset into a new dataset at --output (the input is untouched)."""
    datasets, others = _split_paths(paths)
    output = options.get("output")
    if others or len(datasets) != 1:
        fail("fix takes one dataset at a time (a .jsonl, .csv or .parquet file), without other paths")
    if diff:
        fail("--diff shows changes to files; for a dataset, fix into --output-dataset and compare")
    if not output:
        fail(f"fix writes a new dataset: give --output-dataset FILE ({datasets[0]} itself is never rewritten)")
    source = datasets[0]
    linter.cache = None  # a record is not a file: its findings are not worth a cache entry each
    dataset = Dataset(source, _fields(options), notice=_note)
    results, fixed, applied = [], {}, 0
    try:
        for item in dataset.records():
            if isinstance(item, BadRecord):
                results.append(bad_record_result(item))
                continue
            text, count, result = linter.fix_text(item.text, source, unsafe, syntax=item.syntax, source=item.source_text())
            if text != item.text:
                fixed[item.number], applied = text, applied + count
            results.append(as_record_result(item, result))
        rewrite_dataset(source, output, dataset.fields, fixed)
    except DatasetError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    _note(f"Fixed {applied} finding{'s' if applied != 1 else ''} in {len(fixed)} "
          f"record{'s' if len(fixed) != 1 else ''}; wrote {output}")
    return results
