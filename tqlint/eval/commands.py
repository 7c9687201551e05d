"""`tqlint eval --references` and `--annotations`: from options to the printed report."""

from __future__ import annotations

import json


def eval_output(linter, references_file: str | None, annotations_file: str | None, systems: tuple[str, ...],
                pairs: tuple[str, ...], limit: int | None, by_segment: bool, jobs: int | None,
                format_name: str, verbose: bool, progress=None) -> str:
    """The report on one of the two files, as text or JSON (raises EvalInputError on bad input).
    `progress(total)` may return a progress bar for the references run."""
    from tqlint.eval import render

    if references_file:
        from tqlint.eval.references import references_report

        report = references_report(references_file, linter, systems, pairs, limit, not by_segment, jobs, progress)
        as_json, as_text = render.references_to_json, render.render_references
    else:
        from tqlint.eval.annotations import annotations_report

        report = annotations_report(annotations_file, linter)
        as_json, as_text = render.annotations_to_json, render.render_annotations
    return json.dumps(as_json(report), indent=2, ensure_ascii=False) + "\n" if format_name == "json" else as_text(report, verbose)
