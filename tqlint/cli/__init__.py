"""The `tqlint` command: a thin layer over tqlint.api. One module per command; `common` holds
the options, exit codes and reporting they share.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
input error (including a file that could not be read or a check that could not run);
3 internal error; 130 interrupted.
"""

from __future__ import annotations

import gc
import os
import sys
import types

from tqlint.cli import fast
from tqlint.cli.echo import echo
from tqlint.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED


def __getattr__(name: str):
    """`cli`, the click group (tqlint.cli.group), loaded on first use: the fast path of a plain
    check never imports click."""
    if name == "cli":
        from tqlint.cli.group import cli  # start-up: click only when a command needs it

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


# `dataclasses` imports these at its top but uses them only in functions a check never calls
# (`inspect.signature` for a class without a docstring, `copy.deepcopy` in asdict/astuple); with
# ast, dis, tokenize and weakref behind them they are a tenth of a cold start.
_DEFERRED = ("inspect", "copy")


def _defer_imports(names) -> None:
    """Registers `names` as modules executed, in place, on their first attribute access. For a
    plain check's process only: one thread, no other library's code. (importlib.util.LazyLoader
    would do, but Python 3.11's `import` statement reads a lazy module's __spec__ and so loads
    it at once.)"""
    import importlib.util  # start-up: (runpy has loaded it already under `python -m`)

    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _Deferred
        sys.modules[name] = module


class _Deferred(types.ModuleType):
    """A module whose code runs on the first attribute it lacks: __spec__, __name__ and the like
    are in its __dict__ already, so `import` statements do not wake it."""

    def __getattr__(self, attr: str):
        loader = self.__spec__.loader if self.__spec__ is not None else None
        if loader is None:
            raise AttributeError(attr)
        module: types.ModuleType = self
        module.__class__ = types.ModuleType  # before it runs: no more __getattr__
        loader.exec_module(module)
        return getattr(module, attr)


def _run() -> int:
    """The command's exit code (commands also leave through sys.exit with theirs)."""
    plain = fast.plain_check(sys.argv[1:])
    try:
        if plain is not None:
            _defer_imports(_DEFERRED)  # (a plain check runs in this one thread to the end)
            return fast.run(*plain)
        from tqlint.cli.group import cli  # start-up: click for every command but a plain check (tqlint.cli.fast)

        # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit code 1, which CI
        # would read as "findings".
        code = cli.main(prog_name="tqlint", standalone_mode=False)
    except KeyboardInterrupt:
        echo("tqlint: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        loaded = sys.modules.get("click")  # (None where the fast path ran without it)
        if loaded is not None and isinstance(exc, loaded.exceptions.Abort):
            echo("tqlint: interrupted", err=True)
            return EXIT_INTERRUPTED
        if loaded is not None and isinstance(exc, loaded.ClickException):  # a usage error: click's own message, exit code 2
            exc.show()
            return exc.exit_code
        # A bug in tqlint: say so plainly, with an exit code of its own.
        import traceback  # only on the way out of a crash

        traceback.print_exc()
        echo(f"tqlint: internal error: {exc.__class__.__name__}: {exc} (please report it)", err=True)
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
    patterns = sys.modules.get("tqlint.cache.patterns")
    if patterns is not None:
        patterns.write_merged()  # its atexit hook: os._exit runs none
    os._exit(code or 0)
