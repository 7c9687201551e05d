"""`tqlint check`: lint files, folders, globs or stdin and report."""

from __future__ import annotations

import sys

import click

from tqlint.api import lint_paths
from tqlint.cli.common import (
    common_options,
    emit,
    exit_code,
    fail,
    ignored_stdin,
    make_linter,
    note_skipped,
    read_stdin,
)
from tqlint.cli.progress import progress_for
from tqlint.yamlio import YamlError


@click.command("check")
@click.argument("paths", nargs=-1)
@common_options
def check_command(paths, **options):
    """Lint files, folders (recursing into .md, .txt, .html) and globs; '-' reads stdin; no
    path: the current folder."""
    linter = make_linter(options)
    try:
        if paths == ("-",):
            text = read_stdin().text
            files = [] if ignored_stdin(linter, options) else [linter.lint_text(text, options["stdin_filename"])]
        else:
            if "-" in paths:
                fail("'-' (stdin) cannot be mixed with paths")
            run = lint_paths(paths or (".",), jobs=options["jobs"] or None, linter=linter, progress=progress_for)
            note_skipped(linter, run.skipped)
            files = run.files
    except YamlError as exc:
        fail(str(exc))
    emit(options["format_name"], files, options, linter)
    sys.exit(exit_code(linter, files, options["fail_on"]))
