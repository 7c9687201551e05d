"""The `tqlint` click group: commands are imported on first use."""

from __future__ import annotations

import importlib

import click

from tqlint import __version__

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
