"""The click options every linting command shares; the rest of what they share is in
tqlint.cli.core (click-free: the fast path of a plain check uses it), re-exported here."""

from __future__ import annotations

import click

from tqlint.cli.core import (  # noqa: F401 (re-exported: the commands import them from here)
    SEVERITY_RANK,
    TABLE_FORMATS,
    check_source_option,
    emit,
    exit_code,
    fail,
    ignored_stdin,
    lint_stdin,
    make_linter,
    note_skipped,
    read_stdin,
    split,
    stdin_syntax,
    to_stdout,
    use_color,
)
from tqlint.reporters import FORMATS


def common_options(func):
    decorators = [
        click.option("--config", type=click.Path(dir_okay=False), help="Use this config file instead of finding .tqlint.yaml."),
        click.option("--no-config", is_flag=True, help="Ignore every .tqlint.yaml: built-in defaults only."),
        click.option("--select", multiple=True, metavar="ID_OR_PREFIX", help="Run only these rules (ids, pack/ prefixes, globs; repeat or comma-separate)."),
        click.option("--ignore", multiple=True, metavar="ID_OR_PREFIX", help="Do not run these rules."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit code 1 (default: config, else warning)."),
        click.option("--format", "format_name", type=click.Choice(FORMATS + TABLE_FORMATS), default="text",
                     show_default=True,
                     help="text for people, json for editors (docs/json-output.md), sarif for code scanning, "
                          "github for Actions annotations; parquet or jsonl: a findings table, one row per "
                          "finding (with --output-file; docs/datasets.md)."),
        click.option("--quiet", "-q", is_flag=True, help="Only the finding lines: no excerpts, no summary when clean."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text output (NO_COLOR is honoured in auto)."),
        click.option("--stdin-filename", metavar="PATH", help="With '-': the path the text on stdin stands for (picks reader and config)."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
                     help="Worker processes: 0 (the default) one per core, 1 none (lint in this process); "
                          "more than the cores this process may use counts as that many."),
        click.option("--statistics", is_flag=True, help="Print how many findings each rule raised instead of the findings."),
        click.option("--output-file", "-o", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Write the report to FILE (whole or not at all) instead of stdout."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache."),
        click.option("--no-gitignore", is_flag=True, help="Walk folders without passing over what git ignores."),
        click.option("--report-unused-suppressions", is_flag=True,
                     help="Also report tqlint-disable comments that suppress nothing (rule tqlint/unused-suppression)."),
        click.option("--languagetool", is_flag=True,
                     help="Also run LanguageTool: the configured server, or a local LanguageTool (Java 17+). "
                          "See docs/languagetool.md."),
        click.option("--languagetool-server", metavar="URL",
                     help="Also run LanguageTool, on the server at URL (e.g. http://localhost:8081)."),
        click.option("--source", type=click.Path(exists=True, dir_okay=False), metavar="PATH",
                     help="The source-language text of the one file linted: the bilingual checks run against it "
                          "(for many files, `source-path:` in .tqlint.yaml). See docs/bilingual.md."),
        click.option("--source-language", metavar="CODE",
                     help="The source's language (ro, de, zh, …); default: the config's source-languages, else detected."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def selection_options(func):
    """The options of the commands that list or explain rules rather than lint files."""
    for decorator in reversed([
        click.option("--config", type=click.Path(dir_okay=False), help="Use this config file instead of finding .tqlint.yaml."),
        click.option("--no-config", is_flag=True, help="Ignore every .tqlint.yaml: built-in defaults only."),
        click.option("--select", multiple=True, metavar="ID_OR_PREFIX", help="Only these rules (ids, pack/ prefixes, globs)."),
        click.option("--ignore", multiple=True, metavar="ID_OR_PREFIX", help="Leave out these rules."),
    ]):
        func = decorator(func)
    return func
