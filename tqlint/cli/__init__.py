"""The `tqlint` command: a thin layer over tqlint.api. One module per command; `common` holds
the options, exit codes and reporting they share.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
input error (including a file that could not be read or a check that could not run);
3 internal error; 130 interrupted.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from tqlint import __version__
from tqlint.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED

# Each command's module, loaded only when that command runs: a hook checking one article should
# not pay for the evaluation, scoring or language-server code (a seventh of a cold start).
COMMANDS = {
    "check": "tqlint.cli.check:check_command",
    "fix": "tqlint.cli.fix:fix_command",
    "rules": "tqlint.cli.rules:rules_command",
    "explain": "tqlint.cli.rules:explain_command",
    "test-rules": "tqlint.cli.rules:test_rules",
    "init": "tqlint.cli.init:init_command",
    "eval": "tqlint.cli.eval:eval_command",
    "score": "tqlint.cli.score:score_command",
    "lsp": "tqlint.cli.lsp:lsp_command",
}


class _LazyGroup(click.Group):
    """click's group, with commands imported on first use (click's documented pattern)."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx, cmd_name):
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        return getattr(importlib.import_module(module), name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqlint")
def cli():
    """Catch the marks machine translation leaves in English news text."""


def main():
    # A run allocates tens of thousands of long-lived objects (rules, their examples): with the
    # default threshold the collector would walk them over and over, a tenth of a cold start.
    # Set here, for the command's own process only, never on import.
    gc.set_threshold(50_000, 20, 20)
    try:
        sys.exit(_run())
    except SystemExit as done:
        _exit_without_teardown(done.code)
        raise


def _run() -> int:
    """The command's exit code (commands also leave through sys.exit with theirs)."""
    try:
        # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit code 1, which CI
        # would read as "findings".
        code = cli.main(prog_name="tqlint", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("tqlint: interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as exc:  # a usage error: click's own message, exit code 2
        exc.show()
        return exc.exit_code
    except Exception as exc:  # a bug in tqlint: say so plainly, with an exit code of its own
        import traceback  # only on the way out of a crash

        traceback.print_exc()
        click.echo(f"tqlint: internal error: {exc.__class__.__name__}: {exc} (please report it)", err=True)
        return EXIT_INTERNAL
    return code if isinstance(code, int) else 0


# Modules whose clean-up at exit matters: LanguageTool stops its Java server, multiprocessing
# reaps workers, coverage saves its data.
_NEEDS_TEARDOWN = ("tqlint.engines.languagetool.client", "multiprocessing", "coverage")


def _exit_without_teardown(code) -> None:
    """The command's process leaves at once when nothing needs cleaning up: freeing every module
    and object one by one at interpreter exit takes 20-30 ms, a tenth of checking one article
    from a hook. Only `main` (the console script) calls this; an importer of tqlint is never cut
    short."""
    import threading  # (already imported by the interpreter; costs nothing)

    if not (code is None or isinstance(code, int)) or sys.flags.inspect or threading.active_count() > 1:
        return
    if any(name in sys.modules for name in _NEEDS_TEARDOWN):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # let the normal exit report or swallow it
    os._exit(code or 0)
