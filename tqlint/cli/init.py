"""`tqlint init`: write a commented starter .tqlint.yaml."""

from __future__ import annotations

import os

import click

from tqlint.cli.common import fail
from tqlint.config import STARTER_CONFIG


@click.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing .tqlint.yaml.")
@click.argument("directory", default=".", type=click.Path(file_okay=False, exists=True))
def init_command(force, directory):
    """Write a commented starter .tqlint.yaml."""
    path = os.path.join(directory, ".tqlint.yaml")
    if os.path.exists(path) and not force:
        fail(f"{path} already exists (use --force to overwrite)")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(STARTER_CONFIG)
    click.echo(f"Wrote {path}")
