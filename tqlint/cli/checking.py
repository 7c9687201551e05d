"""What `tqlint check` does once its options are parsed, without click: the click command
(tqlint.cli.check) and the console script's fast path for a plain check (tqlint.cli.fast) both
run it, so the two write the same report and leave with the same exit code."""

from __future__ import annotations

import sys

from tqlint.api import lint_paths
from tqlint.baseline import BaselineError, new_findings, read_baseline
from tqlint.baseline import write_baseline as write_baseline_file
from tqlint.cli.core import (
    check_source_option,
    emit,
    exit_code,
    fail,
    ignored_stdin,
    lint_stdin,
    make_linter,
    note_skipped,
    read_stdin,
    table_options,
    wanted,
)
from tqlint.cli.echo import echo
from tqlint.cli.exits import EXIT_OK, EXIT_USAGE
from tqlint.cli.progress import progress_for
from tqlint.yamlio import YamlError


def check_paths(paths, baseline, write_baseline, options) -> None:
    """Lint `paths` as `options` say, report, and leave through sys.exit with the exit code."""
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
        echo(f"tqlint: recorded {count} finding{'s' if count != 1 else ''} in {baseline}", err=True)
        sys.exit(EXIT_USAGE if any(f.error for f in files) else EXIT_OK)
    if baseline:
        try:
            files = new_findings(files, baseline, read_baseline(baseline))
        except BaselineError as exc:
            fail(str(exc))
    emit(options["format_name"], files, options, linter)
    sys.exit(exit_code(linter, files, options["fail_on"]))
