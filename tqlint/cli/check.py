"""`tqlint check`: lint files, folders, globs or stdin and report."""

from __future__ import annotations

import sys

import click

from tqlint.api import lint_paths
from tqlint.baseline import BaselineError, new_findings, read_baseline
from tqlint.baseline import write_baseline as write_baseline_file
from tqlint.cli.common import (
    check_source_option,
    common_options,
    emit,
    exit_code,
    fail,
    ignored_stdin,
    lint_stdin,
    make_linter,
    note_skipped,
    read_stdin,
)
from tqlint.cli.dataset_options import check_options, table_options, wanted
from tqlint.cli.exits import EXIT_OK, EXIT_USAGE
from tqlint.cli.progress import progress_for
from tqlint.yamlio import YamlError


@click.command("check")
@click.argument("paths", nargs=-1)
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings FILE does not record (an archive adopting tqlint fails only on new ones).")
@click.option("--write-baseline", is_flag=True, help="With --baseline: record every finding in FILE and exit 0.")
@common_options
@check_options
def check_command(paths, baseline, write_baseline, **options):
    """Lint files, folders (recursing into .md, .txt, .html), globs and datasets of records
    (.jsonl, .csv, .parquet); '-' reads stdin; no path: the current folder. With --source (or
    source-path: in the config), each article is also checked against its source."""
    table_options(options)
    if baseline and options.get("output"):
        fail("--baseline does not apply to a findings table: it records every finding")
    check_source_option(paths, options)
    linter = make_linter(options)
    try:
        if wanted(paths, options):  # datasets, a findings table or a Dask cluster
            from tqlint.cli.datasets import check_run  # start-up: csv, tempfile and the table writers only here

            files, report = check_run(paths or (".",), options, linter, options["jobs"] or None)
            if not report:
                sys.exit(exit_code(linter, files, options["fail_on"]))
        elif paths == ("-",):
            text = read_stdin().text
            files = [] if ignored_stdin(linter, options) else [lint_stdin(linter, text, options)]
        else:
            if "-" in paths:
                fail("'-' (stdin) cannot be mixed with paths")
            run = lint_paths(paths or (".",), jobs=options["jobs"] or None, linter=linter, progress=progress_for)
            note_skipped(linter, run.skipped)
            files = run.files
    except YamlError as exc:
        fail(str(exc))
    if write_baseline:
        if not baseline:
            fail("--write-baseline needs --baseline FILE: where to write it")
        count = write_baseline_file(baseline, files)
        click.echo(f"tqlint: recorded {count} finding{'s' if count != 1 else ''} in {baseline}", err=True)
        sys.exit(EXIT_USAGE if any(f.error for f in files) else EXIT_OK)
    if baseline:
        try:
            files = new_findings(files, baseline, read_baseline(baseline))
        except BaselineError as exc:
            fail(str(exc))
    emit(options["format_name"], files, options, linter)
    sys.exit(exit_code(linter, files, options["fail_on"]))
