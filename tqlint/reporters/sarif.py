"""SARIF 2.1.0, for code-scanning dashboards. Columns are 1-based code points (we declare
`columnKind: unicodeCodePoints`), matching the JSON output."""

from __future__ import annotations

import json
from urllib.parse import quote

from tqlint import __version__
from tqlint.packs.docgen import plain_message
from tqlint.reporters.links import help_uri
from tqlint.text.document import LineIndex

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _region(lines: LineIndex, start: int, end: int, text: str) -> dict:
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    region: dict[str, object] = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
              "charOffset": start, "charLength": end - start}
    if text:
        region["snippet"] = {"text": text}
    return region


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"))


def render_sarif(files, rules=None) -> str:
    rule_meta = {}
    for rule in rules or ():
        rule_meta[rule.id] = rule
    used = sorted({f.rule for r in files for f in r.findings} | set(rule_meta))
    descriptors = []
    for rule_id in used:
        descriptor = {"id": rule_id}
        uri = help_uri(rule_id)
        if uri:
            descriptor["helpUri"] = uri
        rule = rule_meta.get(rule_id)
        if rule is not None:
            descriptor["shortDescription"] = {"text": plain_message(rule).split("\n")[0][:200]}
            if rule.description:
                descriptor["fullDescription"] = {"text": rule.description}
            descriptor["defaultConfiguration"] = {"level": _LEVELS[str(rule.severity)]}
            descriptor["properties"] = {"category": rule.category, "fixable": rule.fixable}
        descriptors.append(descriptor)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results, notifications = [], []
    for result in files:
        if result.error:
            notifications.append({
                "level": "error", "message": {"text": result.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}],
            })
            continue
        if result.write_error:
            notifications.append({
                "level": "error", "message": {"text": result.write_error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}],
            })
        lines = LineIndex(result.text)
        for f in result.findings:
            location = {"physicalLocation": {
                "artifactLocation": {"uri": _uri(result.path)},
                "region": _region(lines, f.start, f.end, f.text),
            }}
            item = {
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVELS[str(f.severity)],
                "message": {"text": f.message}, "locations": [location],
                "properties": {"category": f.category},
            }
            if f.fixes:
                item["fixes"] = [{
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(result.path)},
                        "replacements": [{
                            "deletedRegion": _region(lines, e.start, e.end, ""),
                            "insertedContent": {"text": e.replacement},
                        } for e in fix.edits],
                    }],
                } for fix in f.fixes]
            results.append(item)
    run = {
        "tool": {"driver": {"name": "tqlint", "version": __version__, "informationUri": "https://pypi.org/project/tqlint/", "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
