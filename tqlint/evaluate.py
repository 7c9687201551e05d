"""Scoring tqlint against annotated data.

- Annotated passages (the format of shared/corpus/dev-cases.yaml): recall (expected spans a
  finding overlaps), fix accuracy (`after` strings present once the first fix of every finding
  is applied, non-overlapping, left to right) and false alarms (clean passages with a finding).
- MQM annotations (JSON lines, one unit per line): precision (share of findings that overlap a
  rater's span in the same unit) and the share of error-free units that tqlint flags.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tqlint.fixer import apply_fixes
from tqlint.yamlio import YamlError, load_yaml_file


@dataclass(frozen=True)
class ExpectedError:
    span: str
    after: str | None


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    text: str
    errors: tuple[ExpectedError, ...]


def load_cases(path: str) -> list[Case]:
    data = load_yaml_file(path)
    if not isinstance(data, list):
        raise YamlError(path, None, "a cases file is a list of {id, cat, text, errors}")
    cases = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise YamlError(path, getattr(item, "line", None), "each case needs `text`")
        errors = tuple(
            ExpectedError(str(e["span"]), e.get("after")) for e in item.get("errors") or []
        )
        cases.append(Case(str(item.get("id", len(cases))), str(item.get("cat", "unknown")), item["text"], errors))
    return cases


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    if a_start == a_end:  # an empty span counts where it touches
        return b_start <= a_start <= b_end
    return a_start < b_end and b_start < a_end


@dataclass
class CaseOutcome:
    case: Case
    findings: list
    found: list[bool]  # per expected error
    fixed_ok: list[bool | None]  # per expected error; None where no `after` is given
    fixed_text: str


@dataclass
class CasesReport:
    outcomes: list[CaseOutcome] = field(default_factory=list)

    def totals(self, outcomes=None) -> dict:
        outcomes = self.outcomes if outcomes is None else outcomes
        expected = sum(len(o.found) for o in outcomes)
        found = sum(sum(o.found) for o in outcomes)
        with_after = [ok for o in outcomes for ok in o.fixed_ok if ok is not None]
        clean = [o for o in outcomes if not o.case.errors]
        false_alarms = [o for o in clean if o.findings]
        return {
            "cases": len(outcomes), "expected": expected, "found": found,
            "recall": found / expected if expected else None,
            "fixes_expected": len(with_after), "fixes_correct": sum(with_after),
            "fix_accuracy": sum(with_after) / len(with_after) if with_after else None,
            "clean": len(clean), "false_alarms": len(false_alarms),
        }

    def by_category(self) -> dict:
        groups = defaultdict(list)
        for outcome in self.outcomes:
            groups[outcome.case.category].append(outcome)
        return {category: self.totals(items) for category, items in sorted(groups.items())}


def score_cases(cases: list[Case], lint) -> CasesReport:
    """`lint(text) -> findings` (a FileResult's findings)."""
    report = CasesReport()
    for case in cases:
        findings = list(lint(case.text))
        fixed_text, _, _ = apply_fixes(case.text, [f.fixes[0] for f in findings if f.fixes])
        found, fixed_ok = [], []
        for error in case.errors:
            start = case.text.find(error.span)
            end = start + len(error.span)
            found.append(start >= 0 and any(_overlaps(start, end, f.start, f.end) for f in findings))
            fixed_ok.append(None if error.after is None else error.after in fixed_text)
        report.outcomes.append(CaseOutcome(case, findings, found, fixed_ok, fixed_text))
    return report


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
            matched = [a for a in annotations if _overlaps(finding.start, finding.end, a["start"], a["end"])]
            if matched:
                report.findings_confirmed += 1
                report.confirmed_by_category[finding.category] += 1
                report.confirmed_by_rule[finding.rule] += 1
                for category in {a.get("category_norm") or a.get("category") for a in matched}:
                    report.matched_mqm_category[category] += 1
    return report


def _pct(numerator, denominator) -> str:
    return "n/a" if not denominator else f"{100 * numerator / denominator:.1f}%"


def render_cases(report: CasesReport, verbose: bool = False) -> str:
    t = report.totals()
    out = [
        f"cases: {t['cases']}  expected errors: {t['expected']}  clean passages: {t['clean']}",
        f"recall:        {_pct(t['found'], t['expected'])} ({t['found']}/{t['expected']})",
        f"fix accuracy:  {_pct(t['fixes_correct'], t['fixes_expected'])} ({t['fixes_correct']}/{t['fixes_expected']})",
        f"false alarms:  {t['false_alarms']} of {t['clean']} clean passages",
        "",
        f"{'category':<36} {'recall':>14} {'fix accuracy':>14} {'false alarms':>13}",
    ]
    for category, c in report.by_category().items():
        recall = f"{_pct(c['found'], c['expected'])} {c['found']}/{c['expected']}"
        alarms = f"{c['false_alarms']}/{c['clean']}"
        out.append(f"{category:<36} {recall:>14} {_pct(c['fixes_correct'], c['fixes_expected']):>14} {alarms:>13}")
    problems = []
    for o in report.outcomes:
        for error, found, ok in zip(o.case.errors, o.found, o.fixed_ok):
            if not found:
                problems.append(f"  missed  {o.case.id}: {error.span!r}")
            elif ok is False:
                problems.append(f"  bad fix {o.case.id}: expected {error.after!r} in the fixed text")
        if not o.case.errors:
            for f in o.findings:
                problems.append(f"  false alarm {o.case.id}: [{f.rule}] {f.text!r}")
    if problems and verbose:
        out += ["", "problems:"] + problems
    elif problems:
        out += ["", f"{len(problems)} problems (--verbose lists them)"]
    return "\n".join(out) + "\n"


def cases_to_json(report: CasesReport) -> dict:
    return {
        "totals": report.totals(),
        "by_category": report.by_category(),
        "cases": [
            {"id": o.case.id, "category": o.case.category, "found": o.found, "fixed_ok": o.fixed_ok,
             "findings": [{"rule": f.rule, "start": f.start, "end": f.end, "text": f.text} for f in o.findings]}
            for o in report.outcomes
        ],
    }


def render_mqm(report: MqmReport, verbose: bool = False) -> str:
    out = [
        f"units: {report.units}  judged error-free by raters: {report.error_free_units}",
        f"error-free units flagged: {report.error_free_flagged} ({_pct(report.error_free_flagged, report.error_free_units)})",
        f"findings: {report.findings}  overlapping a rater's span: {report.findings_confirmed} "
        f"(precision {_pct(report.findings_confirmed, report.findings)})",
        "",
        "precision by tqlint category:",
    ]
    for category, n in report.by_category.most_common():
        out.append(f"  {category:<40} {_pct(report.confirmed_by_category[category], n):>7} ({report.confirmed_by_category[category]}/{n})")
    out.append("precision by rule:")
    for rule, n in report.by_rule.most_common():
        out.append(f"  {rule:<40} {_pct(report.confirmed_by_rule[rule], n):>7} ({report.confirmed_by_rule[rule]}/{n})")
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
