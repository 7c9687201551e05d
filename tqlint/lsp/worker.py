"""The lint process: one `Linter`, warm for the server's whole life, doing one job at a time.

Linting runs here rather than on the server's message loop, so a long article never delays a
hover or a keystroke, and its start-up (rule packs, the first regexes) overlaps the server's.
Only plain data crosses the pipe: texts and paths in, `LintOutcome`s and texts out.

"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tqlint.api import ConfigError, Linter
from tqlint.finding import FileResult
from tqlint.packs.docgen import explain_rule
from tqlint.reporters.links import help_uri

CONFIG_NAME = ".tqlint.yaml"


@dataclass(frozen=True)
class RuleInfo:
    explanation: str | None  # what `tqlint explain` prints; None for LanguageTool's rules
    href: str | None  # the rule's documentation, or its definition for a user's own rule


@dataclass(frozen=True)
class LintOutcome:
    result: FileResult | None = None  # None when ignored or when linting could not run
    ignored: bool = False  # the config's ignore-paths name this file
    error: str | None = None  # a bad config or rule pack, said in one line
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # the rules that fired


def _file_uri(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


class Jobs:
    """What the lint process does; each method is one job (also callable in-process)."""

    def __init__(self, linter: Linter | None = None):
        self.linter = linter or Linter()
        self._infos: dict[str, RuleInfo] = {}
        self._sources: set[str] = set()  # config files and local packs read so far

    def warm(self, folder: str) -> None:
        """Load the packs and readers the first article will need, before it arrives."""
        self.lint("Warm-up: prices grew with 10 percent , said the bank.\n", os.path.join(folder, "warm-up.md"), None)

    def lint(self, text: str, path: str | None, syntax: str | None) -> LintOutcome:
        try:
            if path and self.linter.is_ignored(path):
                return LintOutcome(ignored=True)
            self._remember_sources(path)
            result = self.linter.lint_buffer(text, path, syntax)  # (next to its source, where configured)
        except ConfigError as exc:
            return LintOutcome(error=str(exc))
        return LintOutcome(result=result, rules={f.rule: self._info(f.rule, path) for f in result.findings})

    def fix_all(self, text: str, path: str | None, syntax: str | None) -> str:
        """The text with every safe fix applied, as `tqlint fix` would write it."""
        return self.linter.fix_text(text, path, unsafe=False, syntax=syntax, source=self.linter.source_for(path)[0])[0]

    def config_changed(self, paths) -> bool:
        """Forget configs and packs if any of `paths` (changed, created or deleted files) is a
        .tqlint.yaml or a file they were read from; True if so (open documents need linting again)."""
        changed = {os.path.abspath(p) for p in paths}
        if not any(os.path.basename(p) == CONFIG_NAME or p in self._sources
                   or any(p.startswith(source + os.sep) for source in self._sources) for p in changed):
            return False
        self.linter.reload()
        self._infos.clear()
        self._sources.clear()
        return True

    def _remember_sources(self, path: str | None) -> None:
        config = self.linter.config_for(path)
        files = [config.path, *config.origins.values()]
        ruleset = self.linter.setup_for(path)[0]
        files += [pack.path for pack in ruleset.packs if not pack.builtin]
        self._sources.update(os.path.abspath(f) for f in files if f)

    def _info(self, rule_id: str, path: str | None) -> RuleInfo:
        if rule_id not in self._infos:
            active = self.linter.setup_for(path)[0].get(rule_id)
            href = help_uri(rule_id)
            if active is None:
                self._infos[rule_id] = RuleInfo(None, href)
            else:
                rule = active.rule
                self._infos[rule_id] = RuleInfo(explain_rule(rule), href or (_file_uri(rule.file) if rule.file else None))
        return self._infos[rule_id]


def serve(conn, close_fds=(), warm_folder: str | None = None) -> None:
    """The lint process's main loop: ("job", args) in, ("ok", value) or ("error", text) out."""
    for fd in close_fds:  # the client's pipe, inherited through fork: it must see EOF when the server goes
        try:
            os.close(fd)
        except OSError:
            pass
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped mid-job: still clean up below
    try:
        _loop(conn, warm_folder)
    except SystemExit:
        pass
    finally:
        # A child process leaves through os._exit, which skips atexit: run it here, so a local
        # LanguageTool this process started is stopped with it.
        atexit._run_exitfuncs()


def _loop(conn, warm_folder: str | None) -> None:
    jobs = Jobs()
    if warm_folder:
        try:
            jobs.warm(warm_folder)
        except Exception:  # noqa: BLE001 - a bad config here is reported when a document is linted
            pass
    while True:
        try:
            name, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply = ("ok", getattr(jobs, name)(*args))
        except Exception as exc:  # noqa: BLE001 - the server reports it; the process carries on
            traceback.print_exc(file=sys.stderr)
            reply = ("error", f"{exc.__class__.__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
