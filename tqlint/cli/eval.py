"""`tqlint eval`: measure the rules on annotated passages, MQM annotations or post-edits."""

from __future__ import annotations

import json
import sys

import click

from tqlint.cli.common import fail, make_linter, selection_options, split
from tqlint.cli.progress import progress_for
from tqlint.eval import cases as cases_eval
from tqlint.eval import mqm, postedits
from tqlint.eval.scores import MetricInputError
from tqlint.yamlio import YamlError


@click.command("eval")
@click.argument("cases", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--mqm", "mqm_file", type=click.Path(exists=True, dir_okay=False), help="Score against MQM annotations (JSON lines).")
@click.option("--post-edits", "post_edits", type=click.Path(exists=True, dir_okay=False), help="TSV of MT output and human post-edits: do the fixes move MT toward the post-edit?")
@click.option("--mt-column", default="mt_detok", show_default=True, help="With --post-edits: the machine translation column.")
@click.option("--pe-column", default="pe_detok", show_default=True, help="With --post-edits: the post-edited column.")
@click.option("--unsafe-fixes", is_flag=True, help="With --post-edits: apply unsafe fixes too.")
@click.option("--not-judged", "not_judged", multiple=True, metavar="CATEGORY|RULE",
              help="With --post-edits: a category (e.g. 'Locale convention/Number format') or rule the post-edits cannot judge, "
                   "e.g. formats the post-editors kept: its lines are listed but not counted in the judged totals. Repeatable.")
@click.option("--misaligned-ter", type=click.FloatRange(min=0), default=100.0, show_default=True,
              help="With --post-edits: a line whose TER before fixing is above this is misaligned (the post-edit is not "
                   "an edit of the MT): listed, not counted in the judged totals.")
@click.option("--references", "references_file", type=click.Path(exists=True, dir_okay=False),
              help="Real MT with sources and human references (JSON lines): findings per 1,000 words on MT and "
                   "references, fixes judged against the references, recall of the errors they prove.")
@click.option("--annotations", "annotations_file", type=click.Path(exists=True, dir_okay=False),
              help="Real MT marked by copy editors (JSON lines): recall per class, precision, editor's fixes.")
@click.option("--systems", multiple=True, metavar="PATTERN", help="With --references: only these systems "
              "(shell patterns, comma-separated or repeated, e.g. 'Online-*').")
@click.option("--pairs", multiple=True, metavar="PATTERN", help="With --references: only these language pairs (e.g. de-en).")
@click.option("--limit", type=click.IntRange(min=1), help="With --references: the first N segments only.")
@click.option("--by-segment", is_flag=True, help="With --references: lint each segment alone, not each document.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="With --references: worker processes (default: all cores).")
@selection_options
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every figure as data, for dashboards and comparisons between runs.")
@click.option("--verbose", "-v", is_flag=True, help="List every miss, bad fix and false alarm.")
def eval_command(cases, mqm_file, post_edits, mt_column, pe_column, unsafe_fixes, not_judged, misaligned_ter,
                 references_file, annotations_file, systems, pairs, limit, by_segment, jobs,
                 format_name, verbose, **options):
    """Score tqlint: CASES.yaml (recall, fix accuracy, false alarms), --mqm FILE.jsonl
    (precision against professional raters), --post-edits FILE.tsv (TER/chrF before and after
    fixing), --references FILE.jsonl (real MT against human references) or --annotations
    FILE.jsonl (real MT against copy editors' marks)."""
    chosen = [x for x in (cases, mqm_file, post_edits, references_file, annotations_file) if x]
    if len(chosen) != 1:
        fail("give exactly one of CASES.yaml, --mqm FILE, --post-edits FILE, --references FILE or --annotations FILE")
    if not references_file and (systems or pairs or limit or by_segment or jobs):
        fail("--systems, --pairs, --limit, --by-segment and --jobs go with --references FILE")
    linter = make_linter(options)
    if references_file or annotations_file:
        # start-up: wordfreq and the references machinery load only for these two modes
        from tqlint.eval.commands import eval_output
        from tqlint.eval.measure import EvalInputError  # (as above)

        try:
            click.echo(eval_output(linter, references_file, annotations_file, split(systems), split(pairs), limit,
                                   by_segment, jobs, format_name, verbose,
                                   progress=lambda total: progress_for(total, "scoring")), nl=False)
        except EvalInputError as exc:
            fail(str(exc))
        sys.exit(0)
    lint = lambda text: linter.lint_text(text, None, syntax="text").findings  # noqa: E731
    if cases:
        try:
            report = cases_eval.score_cases(cases_eval.load_cases(cases), lint)
        except YamlError as exc:
            fail(str(exc))
        output = json.dumps(cases_eval.cases_to_json(report), indent=2) + "\n" if format_name == "json" else cases_eval.render_cases(report, verbose)
    elif mqm_file:
        with open(mqm_file, encoding="utf-8") as handle:
            report = mqm.score_mqm(handle, lint)
        output = json.dumps(mqm.mqm_to_json(report), indent=2) + "\n" if format_name == "json" else mqm.render_mqm(report, verbose)
    else:
        try:
            report = postedits.post_edit_report(post_edits, linter, mt_column, pe_column, unsafe_fixes,
                                              tuple(not_judged), misaligned_ter)
        except MetricInputError as exc:
            fail(str(exc))
        output = json.dumps(postedits.post_edit_to_json(report), indent=2) + "\n" if format_name == "json" else postedits.render_post_edit(report, verbose)
    click.echo(output, nl=False)
    sys.exit(0)
