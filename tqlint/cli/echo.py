"""`echo`: what click.echo writes, without importing click where it is not loaded (the fast path
of a plain check, tqlint.cli.fast)."""

from __future__ import annotations

import re
import sys

_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")  # click's own pattern (click._compat._ansi_re)


def echo(message: str, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """click.echo of a str: click's own where click is loaded (every command but the fast path's
    check); else the same on the process's text streams (the fast path runs only where click
    would write to them as they are: tqlint.cli.fast): ANSI codes stripped unless `color` says
    otherwise or, with color None, the stream is a terminal; flushed."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(message, err=err, nl=nl, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if out and (not _isatty(stream) if color is None else not color):
        out = _ANSI.sub("", out)
    if out:
        stream.write(out)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False
