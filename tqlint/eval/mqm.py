"""`tqlint eval --mqm`: precision against professional MQM raters (JSON lines, one unit a line)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from tqlint.eval.common import overlaps, percent


@dataclass
class MqmReport:
    units: int = 0
    error_free_units: int = 0
    error_free_flagged: int = 0
    findings: int = 0
    findings_confirmed: int = 0
    by_category: Counter = field(default_factory=Counter)
    confirmed_by_category: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    confirmed_by_rule: Counter = field(default_factory=Counter)
    matched_mqm_category: Counter = field(default_factory=Counter)
    false_alarms: list = field(default_factory=list)  # (unit id, rule, flagged text) on error-free units


def score_mqm(lines, lint) -> MqmReport:
    report = MqmReport()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        unit = json.loads(line)
        target = unit.get("target") or ""
        annotations = [a for a in unit.get("annotations") or [] if a.get("start") is not None and a.get("end") is not None]
        error_free = not unit.get("annotations")
        report.units += 1
        report.error_free_units += error_free
        findings = list(lint(target))
        if error_free and findings:
            report.error_free_flagged += 1
            unit_id = f"{unit.get('doc', '?')}#{unit.get('seg_id', number)}/{unit.get('system', '?')}"
            report.false_alarms.extend((unit_id, f.rule, f.text) for f in findings)
        for finding in findings:
            report.findings += 1
            report.by_category[finding.category] += 1
            report.by_rule[finding.rule] += 1
            matched = [a for a in annotations if overlaps(finding.start, finding.end, a["start"], a["end"])]
            if matched:
                report.findings_confirmed += 1
                report.confirmed_by_category[finding.category] += 1
                report.confirmed_by_rule[finding.rule] += 1
                for category in {a.get("category_norm") or a.get("category") for a in matched}:
                    report.matched_mqm_category[category] += 1
    return report


def render_mqm(report: MqmReport, verbose: bool = False) -> str:
    out = [
        f"units: {report.units}  judged error-free by raters: {report.error_free_units}",
        f"error-free units flagged: {report.error_free_flagged} ({percent(report.error_free_flagged, report.error_free_units)})",
        f"findings: {report.findings}  overlapping a rater's span: {report.findings_confirmed} "
        f"(precision {percent(report.findings_confirmed, report.findings)})",
        "",
        "precision by tqlint category:",
    ]
    for category, n in report.by_category.most_common():
        out.append(f"  {category:<40} {percent(report.confirmed_by_category[category], n):>7} ({report.confirmed_by_category[category]}/{n})")
    out.append("precision by rule:")
    for rule, n in report.by_rule.most_common():
        out.append(f"  {rule:<40} {percent(report.confirmed_by_rule[rule], n):>7} ({report.confirmed_by_rule[rule]}/{n})")
    out.append("confirmed findings by the raters' MQM category:")
    for category, n in report.matched_mqm_category.most_common():
        out.append(f"  {category:<40} {n}")
    if verbose and report.false_alarms:
        out.append("findings on error-free units:")
        out += [f"  {unit}: [{rule}] {text!r}" for unit, rule, text in report.false_alarms]
    return "\n".join(out) + "\n"


def mqm_to_json(report: MqmReport) -> dict:
    return {
        "units": report.units, "error_free_units": report.error_free_units,
        "error_free_flagged": report.error_free_flagged,
        "error_free_flagged_share": report.error_free_flagged / report.error_free_units if report.error_free_units else None,
        "findings": report.findings, "findings_confirmed": report.findings_confirmed,
        "precision": report.findings_confirmed / report.findings if report.findings else None,
        "by_category": {c: {"findings": n, "confirmed": report.confirmed_by_category[c]} for c, n in report.by_category.items()},
        "by_rule": {r: {"findings": n, "confirmed": report.confirmed_by_rule[r]} for r, n in report.by_rule.items()},
        "matched_mqm_category": dict(report.matched_mqm_category),
        "false_alarms": [{"unit": u, "rule": r, "text": t} for u, r, t in report.false_alarms],
    }
