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
    make_linter,
    read_stdin,
)
from tqlint.cli.progress import progress_for
from tqlint.yamlio import YamlError


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@common_options
def check_command(paths, **options):
    """Lint files, folders (recursing into .md, .txt, .html) and globs; '-' reads stdin."""
    linter = make_linter(options)
    try:
        if paths == ("-",):
            files = [linter.lint_text(read_stdin().text, options["stdin_filename"])]
        else:
            if "-" in paths:
                fail("'-' (stdin) cannot be mixed with paths")
            files = lint_paths(paths, jobs=options["jobs"] or None, linter=linter, progress=progress_for).files
    except YamlError as exc:
        fail(str(exc))
    emit(options["format_name"], files, options, linter)
    sys.exit(exit_code(linter, files, options["fail_on"]))
