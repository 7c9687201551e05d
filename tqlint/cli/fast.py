"""The console script's fast path: a plain `tqlint check [--quiet] [--no-cache] [--no-config]
[--format text|json] PATH…`, as a pre-commit hook runs it, parsed here and run without importing
click (a sixth of a cold start). Anything else — another command, any other option, '-', '--',
a repeated --format, a Windows console or a stream click would re-wrap — returns None, and the
click command runs as ever. tests/test_fast_cli.py runs both paths over a matrix of arguments
and asserts the same stdout, stderr and exit code."""

from __future__ import annotations

import codecs
import sys

# The click command's parameters as click passes them when none is given (tests/test_fast_cli.py
# asserts this is check_command's own defaults, so the two cannot drift apart).
DEFAULTS = {
    "config": None, "no_config": False, "select": (), "ignore": (), "fail_on": None, "format_name": "text",
    "quiet": False, "color": "auto", "stdin_filename": None, "jobs": 0, "statistics": False,
    "output_file": None, "no_cache": False, "no_gitignore": False, "report_unused_suppressions": False,
    "languagetool": False, "languagetool_server": None, "source": None, "source_language": None,
    "text_field": None, "id_field": None, "format_field": None, "source_field": None,
    "source_language_field": None, "dask_scheduler": None,
}
_FLAGS = {"--quiet": "quiet", "-q": "quiet", "--no-cache": "no_cache", "--no-config": "no_config"}
_FORMATS = ("text", "json")


def plain_check(argv: list[str]) -> tuple[tuple[str, ...], dict] | None:
    """(paths, options) of a plain check, or None: the click command must parse `argv`."""
    if len(argv) < 2 or argv[0] != "check" or not _plain_streams():
        return None
    options, paths, formats = dict(DEFAULTS), [], 0
    args = iter(argv[1:])
    for arg in args:
        if arg in _FLAGS:
            options[_FLAGS[arg]] = True
        elif arg == "--format":
            value = next(args, None)
            formats += 1
            if value not in _FORMATS or formats > 1:
                return None
            options["format_name"] = value
        elif arg.startswith("-") or not arg:
            return None
        else:
            paths.append(arg)
    return (tuple(paths), options) if paths else None


def _plain_streams() -> bool:
    """Would click.echo write to sys.stdout and sys.stderr as they are (click._compat: not on
    Windows, text streams with an encoding and error handler, the encoding not ASCII)?"""
    if sys.platform.startswith("win"):
        return False
    for stream in (sys.stdout, sys.stderr):
        encoding, errors = getattr(stream, "encoding", None), getattr(stream, "errors", None)
        if not encoding or errors is None:
            return False
        try:
            if codecs.lookup(encoding).name == "ascii":
                return False
        except LookupError:
            return False
    return True


def run(paths: tuple[str, ...], options: dict) -> int:
    """What click's Command.main (standalone_mode=False) does around check_command: a broken
    pipe quiets the streams and exits 1; an interrupt writes a blank line and is re-raised
    (tqlint.cli._run reports it)."""
    import errno  # (already loaded by the interpreter's io: costs nothing)

    from tqlint.cli.checking import check_paths  # the check itself: its imports are the cold start

    try:
        check_paths(paths, None, False, options)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr, flush=True)
        raise KeyboardInterrupt from None
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from click.utils import _PacifyFlushWrapper  # as click does (click.core): only on a broken pipe

        sys.stdout = _PacifyFlushWrapper(sys.stdout)
        sys.stderr = _PacifyFlushWrapper(sys.stderr)
        sys.exit(1)
    return 0
