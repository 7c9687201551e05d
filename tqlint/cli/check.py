"""`tqlint check`: lint files, folders, globs or stdin and report."""

from __future__ import annotations

import click

from tqlint.cli.checking import check_paths
from tqlint.cli.common import common_options
from tqlint.cli.dataset_options import check_options


@click.command("check")
@click.argument("paths", nargs=-1)
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings FILE does not record (an archive adopting tqlint fails only on new ones).")
@click.option("--write-baseline", is_flag=True, help="With --baseline: record every finding in FILE and exit 0.")
@common_options
@check_options
def check_command(paths, baseline, write_baseline, **options):
    """Lint files, folders (recursing into .md, .txt, .html), globs and datasets of records
    (.jsonl, .csv, .parquet); '-' reads stdin; no path: the current folder. With --source (or
    source-path: in the config), each article is also checked against its source."""
    check_paths(paths, baseline, write_baseline, options)
