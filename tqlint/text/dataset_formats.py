"""Which file names are datasets of records: what `tqlint check` asks of every path, kept apart
from tqlint.text.datasets (csv, tempfile, the record readers) so that a check of plain articles
never loads the dataset machinery."""

from __future__ import annotations

import os

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def dataset_format(path: str) -> str | None:
    """"jsonl", "csv" or "parquet" for a dataset's file name, None for anything else."""
    return FORMATS.get(os.path.splitext(path.lower())[1])
