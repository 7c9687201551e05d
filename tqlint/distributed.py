"""Lint on a Dask cluster: documents in partitions, one Linter per worker process, the same
findings as a local run.

Three ways in:
- `lint_on_cluster(client, items, options)`: what `tqlint check --dask-scheduler` calls. Items
  are file paths (each worker reads the file itself: the workers must see the same files) and
  dataset `Record`s (their text travels with the task). Results come back in input order.
- `lint_bag(bag, …)`: a dask.bag of records (dicts) or texts → a bag of RecordResults.
- `lint_dataframe(frame, text_field=…)`: a dask.dataframe → a dask.dataframe of findings with
  the columns of the findings table (reporters/table.py), ready for `.to_parquet()`.

Every task is pure (options and documents in, results out) and named by its inputs, so when a
worker dies Dask runs its tasks again elsewhere and the client still collects exactly one
result per partition: nothing is lost and nothing counted twice. The rule set is built once per
worker process (`worker_linter`, a memo keyed by the options), not once per task.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from tqlint.api import Linter
from tqlint.reporters.table import COLUMNS, rows
from tqlint.text.datasets import DEFAULT_SYNTAX, BadRecord, Fields, Record, batches, lint_items, lint_records, record_syntax

# Documents per task: enough that Dask's per-task cost (a few ms) is small against the linting
# (about 0.1-0.3 s for 32 news articles on one core), few enough that a lost worker costs little
# and the progress bar moves.
PARTITION_SIZE = 32


@dataclass(frozen=True)
class LintOptions:
    """What a worker needs to build the same Linter as the client (hashable: the memo's key).
    Paths in it must mean the same on the workers: `of(linter)` makes them absolute."""

    config_path: str | None = None
    no_config: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    languagetool: str | None = None
    source_language: str | None = None  # bilingual runs: the language of the sources

    @classmethod
    def of(cls, linter: Linter) -> LintOptions:
        """The options that build, on a worker, a Linter equal to `linter` (a given Config object
        and the results cache stay behind)."""
        return cls(**linter.settings)


_linters: dict[LintOptions, Linter] = {}
_linters_lock = threading.Lock()


def worker_linter(options: LintOptions) -> Linter:
    """This process's Linter for `options`, built (rule packs loaded) on first use only."""
    with _linters_lock:
        linter = _linters.get(options)
        if linter is None:
            linter = _linters[options] = Linter(**asdict(options))
        return linter


def lint_partition(options: LintOptions, items: list) -> list:
    """Lint one partition (paths, Records, BadRecords: see text.datasets.lint_items) with this worker's
    Linter. Pure: the same inputs give the same results, wherever and however often it runs."""
    return lint_items(worker_linter(options), items)


CONNECT_TIMEOUT = 10  # seconds to reach the scheduler before giving up


def connect(address: str):
    """A distributed.Client for the scheduler at `address`; OSError or TimeoutError say why not."""
    from distributed import Client  # optional: tqlint[dask]

    return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)


def lint_on_cluster(client, items: Iterable, options: LintOptions, progress=None,
                    partition_size: int = PARTITION_SIZE, window: int | None = None) -> list:
    """Lint `items` (paths, Records) on the cluster behind `client`; results in input order."""
    return list(iter_on_cluster(client, items, options, progress, partition_size, window))


def iter_on_cluster(client, items: Iterable, options: LintOptions, progress=None,
                    partition_size: int = PARTITION_SIZE, window: int | None = None):
    """Yield the results of `items` in input order as partitions finish on the cluster.
    `progress.advance(n)` hears of each finished partition. At most `window` partitions are in
    flight (default: four per worker), so a dataset larger than memory streams through."""
    from dask.base import tokenize  # optional: tqlint[dask]
    from distributed import as_completed  # optional: tqlint[dask]

    workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    window = window or workers * 4
    partitions = enumerate(batches(items, partition_size))
    done: dict[int, list] = {}  # finished partitions not yet yielded, by position
    waiting: dict[str, list[int]] = {}  # task key → the positions of the partitions it lints
    running = as_completed(loop=client.loop)
    next_out = 0

    def submit() -> bool:
        for index, partition in partitions:
            key = f"tqlint-lint-{tokenize(options, partition)}"
            if key not in waiting:  # identical partitions share one task and its result
                running.add(client.submit(lint_partition, options, partition, key=key, pure=True))
            waiting.setdefault(key, []).append(index)
            return True
        return False

    for _ in range(window):
        if not submit():
            break
    for future in running:
        results = future.result()
        future.release()
        for index in waiting.pop(future.key):
            done[index] = results
            if progress is not None:
                progress.advance(len(results))
        submit()
        while next_out in done:
            yield from done.pop(next_out)
            next_out += 1


# ---- dask collections -------------------------------------------------------------------------

def _records_of(items, fields: Fields, dataset: str, ids) -> list:
    """Records from a partition of dicts (or plain strings: the text itself); `ids[i]` names
    item i where `fields.id` does not."""
    records: list = []
    for number, (item, fallback) in enumerate(zip(items, ids), 1):
        if isinstance(item, str):
            records.append(Record(dataset, number, str(fallback), item, DEFAULT_SYNTAX))
            continue
        ident = item.get(fields.id) if fields.id else fallback
        syntax = record_syntax(item.get(fields.format)) if fields.format else DEFAULT_SYNTAX
        text = item.get(fields.text)
        if not isinstance(text, str):
            problem = f"field '{fields.text}' is {'missing' if text is None else type(text).__name__}, not text"
            records.append(BadRecord(dataset, number, f"record {number} (id {str(ident)!r})", problem))
            continue
        records.append(Record(dataset, number, str(ident), text, syntax or DEFAULT_SYNTAX))
    return records


def _lint_bag_partition(items, options: LintOptions, fields: Fields, dataset: str, partition: int) -> list:
    items = list(items)
    ids = [f"{partition}:{position}" for position in range(len(items))]
    return lint_items(worker_linter(options), _records_of(items, fields, dataset, ids))


def lint_bag(bag, text_field: str = "text", id_field: str | None = "id", format_field: str | None = None,
             dataset: str = "<bag>", options: LintOptions = LintOptions()):
    """A dask.bag of records (dicts with `text_field`, or plain strings) → a bag of RecordResults
    in the same order, named `dataset#id` (without `id_field`: `dataset#partition:position`); a
    record without text is a result with an `error`."""
    import dask  # optional: tqlint[dask]
    import dask.bag as db  # optional: tqlint[dask]

    fields = Fields(text_field, id_field, format_field)
    lint = dask.delayed(_lint_bag_partition, pure=True)
    return db.from_delayed([lint(part, options, fields, dataset, index)
                            for index, part in enumerate(bag.to_delayed())])


def _findings_frame(frame, options: LintOptions, fields: Fields, dataset: str):
    import pandas as pd  # optional: tqlint[dask] (dask.dataframe brings pandas)

    records = _records_of(frame.to_dict("records"), fields, dataset, list(frame.index))
    bad = next((record for record in records if isinstance(record, BadRecord)), None)
    if bad is not None:  # a table of findings has no row for it: stop and say which record
        raise ValueError(f"{dataset}: {bad.where}: {bad.message}")
    table = [row for result in lint_records(worker_linter(options), records) for row in rows(result)]
    return pd.DataFrame(table, columns=[name for name, _ in COLUMNS]).astype(_pandas_types())


def _pandas_types() -> dict:
    return {name: {"string": "object", "int64": "int64", "bool": "object"}[type_name] for name, type_name in COLUMNS}


def lint_dataframe(frame, text_field: str = "text", id_field: str | None = None, format_field: str | None = None,
                   dataset: str = "<dataframe>", options: LintOptions = LintOptions()):
    """A dask.dataframe of records → a dask.dataframe with one row per finding and the columns of
    the findings table (`record` is the id field's value, else the row's index). A record whose
    text is null or not a string stops the computation with a ValueError naming it."""
    import pandas as pd  # optional: tqlint[dask] (dask.dataframe brings pandas)

    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _pandas_types().items()})
    meta = meta[[name for name, _ in COLUMNS]]
    fields = Fields(text_field, id_field, format_field)
    return frame.map_partitions(_findings_frame, options, fields, dataset, meta=meta)


__all__ = ["LintOptions", "lint_on_cluster", "lint_bag", "lint_dataframe", "worker_linter", "connect"]
