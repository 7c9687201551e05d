"""What every command shares: exit codes, the one-line failure, the options that build a Linter,
reading stdin and writing a report."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator

import click

from tqlint.api import Linter
from tqlint.cache.results import open_cache
from tqlint.cli.exits import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tqlint.reporters import FORMATS, render_pieces
from tqlint.reporters.statistics import render_statistics
from tqlint.text.files import FileError, decode, write_atomically
from tqlint.yamlio import YamlError

TABLE_FORMATS = ("parquet", "jsonl")  # findings as a dataset, written by tqlint.cli.datasets
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def fail(message: str, code: int = EXIT_USAGE):
    """Say what went wrong in one line and leave with `code` (2 unless told otherwise)."""
    click.echo(f"tqlint: {message}", err=True)
    sys.exit(code)


def split(values) -> tuple[str, ...]:
    """Repeated and comma-separated option values as one tuple."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def make_linter(options) -> Linter:
    """The run's Linter from the common options; a bad config or option is a one-line failure."""
    server = options.get("languagetool_server")
    if server is not None and not server.startswith(("http://", "https://")):
        fail(f"--languagetool-server takes a URL starting with http:// or https://, not {server!r}")
    # None: as each config says; "": on, with the configured server or a local one; a URL: that server.
    languagetool = server if server is not None else ("" if options.get("languagetool") else None)
    try:
        return Linter(config_path=options["config"], no_config=options["no_config"],
                      select=split(options["select"]), ignore=split(options["ignore"]),
                      languagetool=languagetool, cache=open_cache(not options.get("no_cache", True)),
                      respect_gitignore=not options.get("no_gitignore", False),
                      report_unused_suppressions=options.get("report_unused_suppressions", False),
                      source=options.get("source"), source_language=options.get("source_language"))
    except YamlError as exc:
        fail(str(exc))
        raise  # (fail() leaves; this tells readers and type checkers so)


def exit_code(linter: Linter, files, fail_on: str | None) -> int:
    """0 nothing at or above the threshold; 1 findings at or above it; 2 an input or check that
    could not run; 3 a bug in tqlint."""
    if any(f.internal_error for f in files):
        return EXIT_INTERNAL
    if any(f.error or f.failures or f.write_error for f in files):
        return EXIT_USAGE
    for result in files:
        path = result.path if result.path != "<stdin>" else None
        rank = SEVERITY_RANK[fail_on or linter.config_for(path).fail_on]
        if any(int(f.severity) >= rank for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


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


def check_source_option(paths, options) -> None:
    """--source names the source of one file: not of a folder, a glob or several files."""
    if options.get("source") and (len(paths) != 1 or (paths[0] != "-" and not os.path.isfile(paths[0]))):
        fail("--source goes with exactly one file (or '-'); for many, set `source-path:` in .tqlint.yaml")


def lint_stdin(linter: Linter, text: str, options):
    """The FileResult of the text on stdin, next to its source where there is one."""
    return linter.lint_buffer(text, options.get("stdin_filename"), stdin_syntax(text, options))


# Lines that only Markdown writes: front matter, headings, fences, links and emphasis markup.
_MARKDOWN_LINE = r"^(?:---\s*$|\+\+\+\s*$|#{1,6}\s|```|~~~|>\s|[-*+]\s+\S)|\]\([^)\s]+\)|\*\*\S"  # (compiled on use: stdin only)


def stdin_syntax(text: str, options) -> str | None:
    """The syntax of stdin without --stdin-filename: Markdown when it looks like Markdown (and a
    hint saying so, since a guess can be wrong), else the name decides (None)."""
    if options.get("stdin_filename") or len(re.findall(_MARKDOWN_LINE, text[:20_000], re.M)) < 2:
        return None
    click.echo("tqlint: <stdin> looks like Markdown and is read as Markdown "
               "(name it with --stdin-filename article.md, or article.txt for plain text)", err=True)
    return "markdown"


def ignored_stdin(linter: Linter, options) -> bool:
    """Is the file the text on stdin stands for one that ignore-paths says is never read? An
    editor piping a draft must not mark it up, nor a hook rewrite it. Says so on stderr."""
    name = options.get("stdin_filename")
    if not name or not linter.is_ignored(name):
        return False
    click.echo(f"tqlint: {name}: not checked (ignore-paths in {linter.config_for(name).path})", err=True)
    return True


def note_skipped(linter: Linter, skipped) -> None:
    """A file named outright that ignore-paths skips: say so, so it is not mistaken for clean."""
    for path in skipped:
        click.echo(f"tqlint: {path}: not checked (ignore-paths in {linter.config_for(path).path})", err=True)


def read_stdin():
    """The FileText on stdin (its text, and the BOM and encoding to write it back with)."""
    try:
        return decode(sys.stdin.buffer.read())
    except FileError as exc:
        fail(f"<stdin>: {exc}")


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def _chunks(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """Small pieces gathered into writes of about `size` characters."""
    gathered: list[str] = []
    length = 0
    for piece in pieces:
        gathered.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(gathered)
            gathered, length = [], 0
    if gathered:
        yield "".join(gathered)


def emit(format_name, files, options, linter=None) -> None:
    """Write the report of `files` in `format_name` to stdout, or to --output-file."""
    rules = None
    if format_name == "sarif" and linter is not None:
        rules = [active.rule for active in linter.setup_for(files[0].path if files else None)[0].rules] if files else []
    output_file = options.get("output_file")
    color = use_color(options["color"], sys.stdout) if format_name == "text" and not output_file else False
    if options.get("statistics"):
        pieces: Iterable[str] = (render_statistics(files),)
    else:
        pieces = render_pieces(format_name, files, color=color, quiet=options["quiet"], rules=rules)
    if output_file:
        try:
            write_atomically(output_file, b"".join(piece.encode("utf-8") for piece in pieces))
        except (FileError, OSError) as exc:
            fail(f"{output_file}: the report could not be written ({getattr(exc, 'strerror', None) or exc})")
    else:
        for chunk in _chunks(pieces):
            # color= tells click not to strip the codes: `--color always | less -R` must keep them.
            click.echo(chunk, nl=False, color=color)
    if format_name != "text":  # machine output carries failures per file; people need one line each
        for failure in dict.fromkeys(f for result in files for f in result.failures):
            click.echo(f"tqlint: check not run: {failure}", err=True)
