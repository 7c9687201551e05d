"""`tqlint lsp`: the language server, for editors (docs/editors.md)."""

from __future__ import annotations

import importlib.util
import os
import sys

import click

from tqlint.cli.common import fail
from tqlint.lsp import DEFAULT_DEBOUNCE_MS, run


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout: the only transport, and the default "
                                            "(accepted because many editors pass it).")
@click.option("--debounce-ms", type=click.IntRange(0, 10_000), default=DEFAULT_DEBOUNCE_MS, show_default=True,
              help="How long to wait after a change before linting (a client may set initializationOptions.debounceMs).")
def lsp_command(stdio, debounce_ms):
    """Run the language server over stdio (needs: pip install 'tqlint[lsp]')."""
    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        fail(f"`tqlint lsp` needs {' and '.join(missing)}: pip install 'tqlint[lsp]'")
    code = run(debounce_ms)
    # Leave at once: the lint process is stopped and the client has every answer; tearing down
    # the protocol library's thousands of classes one by one would only keep the editor waiting.
    sys.stderr.flush()
    os._exit(code)
