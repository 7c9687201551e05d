"""What every command shares, without click: the one-line failure, the Linter the options build,
reading stdin, writing a report, and `check`'s run itself. The console script's fast path
(tqlint.cli.fast) runs a plain `check` with this module alone: importing click is a sixth of a
cold start. Output goes through `echo`, which writes what click.echo writes."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterable, Iterator

from tqlint.api import Linter
from tqlint.cache.results import open_cache
from tqlint.cli.echo import echo
from tqlint.cli.exits import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tqlint.reporters import render_pieces
from tqlint.reporters.statistics import render_statistics
from tqlint.text.dataset_formats import dataset_format
from tqlint.text.files import FileError, decode, write_atomically
from tqlint.yamlio import YamlError

TABLE_FORMATS = ("parquet", "jsonl")  # findings as a dataset, written by tqlint.cli.datasets
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}



def fail(message: str, code: int = EXIT_USAGE):
    """Say what went wrong in one line and leave with `code` (2 unless told otherwise)."""
    echo(f"tqlint: {message}", err=True)
    sys.exit(code)


def split(values) -> tuple[str, ...]:
    """Repeated and comma-separated option values as one tuple."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def make_linter(options) -> Linter:
    """The run's Linter from the common options; a bad config or option is a one-line failure."""
    server = options.get("languagetool_server")
    if server is not None:
        from tqlint.engines.languagetool.settings import is_server_url  # start-up: only when a server is named

        if not is_server_url(server):  # as `languagetool: server:` in a config
            fail(f"--languagetool-server takes a URL starting with http:// or https:// and a host, not {server!r}")
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
    echo("tqlint: <stdin> looks like Markdown and is read as Markdown "
               "(name it with --stdin-filename article.md, or article.txt for plain text)", err=True)
    return "markdown"


def ignored_stdin(linter: Linter, options) -> bool:
    """Is the file the text on stdin stands for one that ignore-paths says is never read? An
    editor piping a draft must not mark it up, nor a hook rewrite it. Says so on stderr."""
    name = options.get("stdin_filename")
    if not name or not linter.is_ignored(name):
        return False
    echo(f"tqlint: {name}: not checked (ignore-paths in {linter.config_for(name).path})", err=True)
    return True


def note_skipped(linter: Linter, skipped) -> None:
    """A file named outright that ignore-paths skips: say so, so it is not mistaken for clean."""
    for path in skipped:
        echo(f"tqlint: {path}: not checked (ignore-paths in {linter.config_for(path).path})", err=True)


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
        to_stdout(pieces, color)
    if format_name != "text" or output_file or options.get("statistics"):
        # The report on stdout is not one a person reads line by line (machine output, counts, or
        # none at all): what could not be read, written or checked gets one line each on stderr,
        # so an exit code of 2 never comes without a word.
        for result in files:
            for problem in (result.error, result.write_error):
                if problem:
                    echo(f"tqlint: {result.path}: error: {problem}", err=True)
        for failure in dict.fromkeys(f for result in files for f in result.failures):
            echo(f"tqlint: check not run: {failure}", err=True)


def to_stdout(pieces: Iterable[str], color: bool | None = None) -> None:
    """Write `pieces` to standard output. One that cannot take them (a full disk, an I/O error)
    is a one-line failure, exit code 2, not an internal error; a reader that went away (`| head`)
    is left to click and tqlint.cli.fast, which quiet it."""
    try:
        for chunk in _chunks(pieces):
            # color= tells click not to strip the codes: `--color always | less -R` must keep them.
            echo(chunk, nl=False, color=color)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        _stdout_to_devnull()
        fail(f"the report could not be written to standard output ({exc.strerror or exc})")


def _stdout_to_devnull() -> None:
    """Point standard output at the null device: what is still buffered for it (a full disk, an
    I/O error) would otherwise fail again at exit with a traceback and exit code 120."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def table_options(options) -> None:
    """`--format parquet|jsonl --output-file FILE`: the findings table tqlint.cli.datasets writes."""
    if options["format_name"] not in TABLE_FORMATS:
        return
    if not options.get("output_file"):
        fail(f"--format {options['format_name']} writes a findings table: give --output-file FILE")
    options["output"], options["output_format"] = options["output_file"], options["format_name"]
    options["format_name"], options["output_file"] = "text", None  # the summary goes to stderr


def wanted(paths, options) -> bool:
    """Does this run need tqlint.cli.datasets (rather than plain files to stdout)?"""
    if options.get("output") or options.get("output_format") or options.get("dask_scheduler"):
        return True

    return any(dataset_format(p) for p in paths)
