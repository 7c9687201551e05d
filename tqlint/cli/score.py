"""`tqlint score`: BLEU, chrF and TER through sacrebleu, printed as sacrebleu prints them."""

from __future__ import annotations

import json
import sys

import click

from tqlint.cli.common import fail
from tqlint.eval.scores import MetricInputError, corpus_scores

METRIC_NAMES = ("bleu", "chrf", "ter")


@click.command("score")
@click.argument("hypothesis", type=click.Path(exists=True, dir_okay=False))
@click.argument("references", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--metrics", "-m", "metric_names", multiple=True, type=click.Choice(METRIC_NAMES), help="Which metrics (repeatable; default all three).")
@click.option("--width", "-w", type=click.IntRange(0, 10), default=1, show_default=True, help="Decimals printed (sacrebleu's own default is 1).")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: each score with its sacrebleu signature, as data.")
def score_command(hypothesis, references, metric_names, width, format_name):
    """Score a line-aligned HYPOTHESIS file against one or more REFERENCE files."""
    try:
        scores = corpus_scores(hypothesis, references, metric_names or METRIC_NAMES, width)
    except MetricInputError as exc:
        fail(str(exc))
    if format_name == "json":
        click.echo(json.dumps([s.to_dict() for s in scores], indent=2))
    else:
        for s in scores:
            click.echo(s.formatted)
    sys.exit(0)
