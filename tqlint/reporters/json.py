"""The JSON contract editors build on (version 1). See docs/json-output.md; keep it stable:
add fields, never rename or remove them without bumping `version`."""

from __future__ import annotations

import json
from pathlib import Path

from tqlint import __version__
from tqlint.reporters.links import help_uri
from tqlint.reporters.table import ranked, summarize
from tqlint.text.document import LineIndex

JSON_VERSION = 1
# The contract as a JSON Schema (draft 2020-12), shipped in the package for integrations.
SCHEMA_PATH = Path(__file__).with_name("json-output.schema.json")


def _position(lines: LineIndex, offset: int) -> dict:
    line, column = lines.position(offset)
    return {"offset": offset, "line": line, "column": column}


def finding_to_dict(finding, lines: LineIndex) -> dict:
    data = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": str(finding.severity),
        "message": finding.message,
        "start": _position(lines, finding.start),
        "end": _position(lines, finding.end),
        "text": finding.text,
        "fixes": [
            {
                "title": fix.title,
                "safe": fix.safe,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
            }
            for fix in finding.fixes
        ],
    }
    if finding.no_fix_reason:
        data["no_fix_reason"] = finding.no_fix_reason
    uri = help_uri(finding.rule)
    if uri:
        data["help_uri"] = uri
    if finding.source_span:  # bilingual findings: the source text compared with (offsets into the source)
        data["source"] = {"start": finding.source_span[0], "end": finding.source_span[1]}
    return data


def file_to_dict(result) -> dict:
    data: dict = {"path": result.path}
    if getattr(result, "dataset", None):  # a dataset's record (tqlint.text.datasets.RecordResult)
        data["dataset"] = result.dataset
        if result.record is not None:
            data["record"] = result.record
    if result.error:
        data["error"] = result.error
        return data
    lines = LineIndex(result.text)
    data["findings"] = [finding_to_dict(f, lines) for f in result.findings]
    if result.failures:
        data["rule_errors"] = list(result.failures)
    if result.write_error:
        data["write_error"] = result.write_error
    return data


def to_document(files) -> dict:
    by_rule, by_category = summarize(files)
    return {
        "version": JSON_VERSION,
        "tool": {"name": "tqlint", "version": __version__},
        "files": [file_to_dict(f) for f in files],
        "summary": {
            "files": len(files),
            "findings": sum(len(f.findings) for f in files),
            "errors": sum(1 for f in files if f.error or f.write_error),
            "by_rule": dict(ranked(by_rule)),
            "by_category": dict(ranked(by_category)),
        },
    }


def json_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def render_json(files) -> str:
    return json.dumps(to_document(files), ensure_ascii=False, indent=2) + "\n"
