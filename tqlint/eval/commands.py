"""`tqlint eval --references` and `--annotations`: from options to the printed report."""

from __future__ import annotations

import json

from tqlint.eval import render
from tqlint.eval.annotations import annotations_report
from tqlint.eval.references import references_report


def eval_output(linter, references_file: str | None, annotations_file: str | None, systems: tuple[str, ...],
                pairs: tuple[str, ...], limit: int | None, by_segment: bool, jobs: int | None,
                format_name: str, verbose: bool, progress=None) -> str:
    """The report on one of the two files, as text or JSON (raises EvalInputError on bad input).
    `progress(total)` may return a progress bar for the references run."""
    if references_file:
        report = references_report(references_file, linter, systems, pairs, limit, not by_segment, jobs, progress)
        if format_name == "json":
            return _json(render.references_to_json(report))
        return render.render_references(report, verbose)
    assert annotations_file is not None, "the CLI passes one of the two files"
    annotated = annotations_report(annotations_file, linter)
    if format_name == "json":
        return _json(render.annotations_to_json(annotated))
    return render.render_annotations(annotated, verbose)


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
