"""`tqlint eval CASES.yaml`: annotated passages (the format of shared/corpus/dev-cases.yaml).

Recall: expected spans a finding overlaps. Fix accuracy: `after` strings present once the first
fix of every finding is applied (non-overlapping, left to right). False alarms: clean passages
with a finding.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tqlint.eval.common import overlaps, percent
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
    cases: list[Case] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise YamlError(path, getattr(item, "line", None), "each case needs `text`")
        errors = tuple(
            ExpectedError(str(e["span"]), e.get("after")) for e in item.get("errors") or []
        )
        cases.append(Case(str(item.get("id", len(cases))), str(item.get("cat", "unknown")), item["text"], errors))
    return cases


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
            found.append(start >= 0 and any(overlaps(start, end, f.start, f.end) for f in findings))
            fixed_ok.append(None if error.after is None else error.after in fixed_text)
        report.outcomes.append(CaseOutcome(case, findings, found, fixed_ok, fixed_text))
    return report


def render_cases(report: CasesReport, verbose: bool = False) -> str:
    t = report.totals()
    out = [
        f"cases: {t['cases']}  expected errors: {t['expected']}  clean passages: {t['clean']}",
        f"recall:        {percent(t['found'], t['expected'])} ({t['found']}/{t['expected']})",
        f"fix accuracy:  {percent(t['fixes_correct'], t['fixes_expected'])} ({t['fixes_correct']}/{t['fixes_expected']})",
        f"false alarms:  {t['false_alarms']} of {t['clean']} clean passages",
        "",
        f"{'category':<36} {'recall':>14} {'fix accuracy':>14} {'false alarms':>13}",
    ]
    for category, c in report.by_category().items():
        recall = f"{percent(c['found'], c['expected'])} {c['found']}/{c['expected']}"
        alarms = f"{c['false_alarms']}/{c['clean']}"
        out.append(f"{category:<36} {recall:>14} {percent(c['fixes_correct'], c['fixes_expected']):>14} {alarms:>13}")
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
