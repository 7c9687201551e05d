"""`tqlint fix`: apply fixes in place (atomically), show them as a diff, or fix stdin."""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from tqlint.api import fix_paths
from tqlint.cli.common import (
    TABLE_FORMATS,
    check_source_option,
    common_options,
    emit,
    exit_code,
    fail,
    ignored_stdin,
    make_linter,
    note_skipped,
    read_stdin,
    stdin_syntax,
    to_stdout,
)
from tqlint.cli.dataset_options import record_options, wanted
from tqlint.cli.datasets import fix_run
from tqlint.cli.exits import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from tqlint.cli.progress import progress_for
from tqlint.reporters.diff import render_diff
from tqlint.text.files import encode
from tqlint.yamlio import YamlError


@click.command("fix")
@click.argument("paths", nargs=-1)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (review the result).")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@click.option("--output-dataset", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Datasets: write the fixed dataset to FILE (the input is never rewritten).")
@common_options
@record_options
def fix_command(paths, unsafe_fixes, diff, **options):
    """Apply safe fixes in place (atomically), then report what is left. '-' fixes stdin to stdout;
    no path: the current folder. A dataset of records is fixed into a new dataset (--output-dataset)."""
    if options["format_name"] in TABLE_FORMATS:
        fail(f"--format {options['format_name']} is a findings table: `tqlint check --format {options['format_name']}`")
    if options["format_name"] != "text" and (diff or paths == ("-",)):
        fail(f"--format {options['format_name']} does not apply to "
             + ("`fix --diff` (it prints a unified diff)" if diff else "`fix -` (it prints the fixed text)")
             + "; for findings as data use `tqlint check --format " + options["format_name"] + "`")
    check_source_option(paths, options)
    linter = make_linter(options)
    try:
        if wanted(paths, options):
            files = fix_run(paths, options, linter, unsafe_fixes, diff)
            emit(options["format_name"], files, options, linter)
            sys.exit(exit_code(linter, files, options["fail_on"]))
        if paths == ("-",):
            stdin = read_stdin()
            if ignored_stdin(linter, options):
                sys.stdout.buffer.write(encode(stdin, stdin.text))  # passed through untouched
                sys.exit(EXIT_OK)
            source, problem = linter.source_for(options["stdin_filename"])
            fixed, _, result = linter.fix_text(stdin.text, options["stdin_filename"], unsafe_fixes,
                                               syntax=stdin_syntax(stdin.text, options), source=source)
            if problem:
                result = replace(result, failures=(*result.failures, problem))
            sys.stdout.flush()
            sys.stdout.buffer.write(encode(stdin, fixed))  # bytes as they came: BOM and encoding kept
            sys.stdout.buffer.flush()
            sys.exit(exit_code(linter, [result], options["fail_on"]))
        run = fix_paths(paths or (".",), unsafe=unsafe_fixes, write=not diff, linter=linter,
                        progress=lambda total: progress_for(total, "fixing"))
        note_skipped(linter, run.skipped)
    except YamlError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; every file is either fully fixed or untouched", EXIT_INTERRUPTED)
    if diff:
        to_stdout((render_diff(run.fixes),))
        errors = [f for f in run.files if f.error]
        if errors:
            emit("text", errors, options)
        sys.exit(EXIT_USAGE if errors else EXIT_FINDINGS if any(o.changed for o in run.fixes) else EXIT_OK)
    applied = sum(o.applied for o in run.fixes if o.written)
    changed = sum(1 for o in run.fixes if o.written)
    if options["format_name"] == "text":
        click.echo(f"Fixed {applied} finding{'s' if applied != 1 else ''} in {changed} file{'s' if changed != 1 else ''}.", err=True)
    emit(options["format_name"], run.files, options, linter)
    sys.exit(exit_code(linter, run.files, options["fail_on"]))
