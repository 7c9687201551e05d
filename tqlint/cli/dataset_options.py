"""The options of `check` and `fix` over datasets and findings tables, and whether a run needs
tqlint.cli.datasets at all: kept apart from it so that a check of plain articles loads neither
the dataset readers nor the table writers."""

from __future__ import annotations

import click

from tqlint.cli.core import table_options, wanted  # noqa: F401 (re-exported: check and fix import them from here)


def record_options(func):
    """The options that say how to read a dataset's records (check and fix)."""
    for decorator in reversed([
        click.option("--text-field", metavar="NAME", help="Datasets: the field holding each record's text "
                     "(default: the record's only text field)."),
        click.option("--id-field", metavar="NAME", help="Datasets: the field naming each record "
                     "(default: 'id' where there is one, else the record's number)."),
        click.option("--format-field", metavar="NAME", help="Datasets: the field saying markdown, html or "
                     "text per record (default: every record is plain text)."),
        click.option("--source-field", metavar="NAME", help="Datasets: the field holding each record's source "
                     "text; the bilingual checks compare the text with it (docs/bilingual.md)."),
        click.option("--source-language-field", metavar="NAME", help="Datasets: the field naming each record's "
                     "source language (default: --source-language, the config's, else detected)."),
    ]):
        func = decorator(func)
    return func


def check_options(func):
    """check's options for findings tables and Dask clusters (after record_options)."""
    for decorator in reversed([
        click.option("--dask-scheduler", metavar="ADDRESS",
                     help="Lint on the Dask cluster at ADDRESS (e.g. tcp://10.0.0.5:8786); needs tqlint[dask] "
                          "here and on the workers, which must see the same files."),
    ]):
        func = decorator(func)
    return record_options(func)
