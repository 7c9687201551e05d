"""The language server (`tqlint lsp`): findings as diagnostics, fixes as code actions, rules
explained on hover, in any editor that speaks the Language Server Protocol over stdio.

Needs the `lsp` extra (pygls, lsprotocol). docs/editors.md shows how to use it from VS Code,
Neovim, Helix, Zed and Emacs.
"""

from __future__ import annotations

import os
import sys

DEFAULT_DEBOUNCE_MS = 30


def run(debounce_ms: int = DEFAULT_DEBOUNCE_MS) -> int:
    """Serve on stdin/stdout until the client says `exit`; returns the exit code."""
    # The protocol owns stdout: anything else that writes there (a print, a child process) would
    # corrupt it, so file descriptor 1 becomes stderr and the protocol gets a copy of the real one.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    # Start the lint process first: it loads the rule packs while this one loads pygls.
    from tqlint.lsp.process import LintProcess  # asyncio and multiprocessing: only this command needs them

    lint = LintProcess(close_fds=(protocol_out.fileno(),), warm_folder=os.getcwd())
    from tqlint.lsp.server import run as serve  # pygls takes ~0.4 s to load: only once the lint process is forked

    return serve(lint, debounce_ms / 1000, sys.stdin.buffer, protocol_out)
