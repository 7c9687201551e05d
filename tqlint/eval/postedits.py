"""`tqlint eval --post-edits`: do tqlint's fixes move machine translation toward its human
post-edit? TER and chrF through sacrebleu, per line and per rule, with a verdict per rule."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass, field

from tqlint.eval.scores import MetricInputError
from tqlint.fixer import apply_fixes, chosen_fixes, fix_until_stable
from tqlint.packs.selection import rule_matches

# ---------------------------------------------------------------------------------------------
# `tqlint eval --post-edits`: do tqlint's fixes move machine translation toward its post-edit?


@dataclass(frozen=True)
class LineOutcome:
    """One line the fixes changed, scored against its post-edit before and after."""

    line: int  # 1-based line of the TSV file (the header is line 1)
    mt: str
    fixed: str
    pe: str
    rules: tuple[str, ...]  # rules whose fixes were applied to this line, in order, without repeats
    ter_before: float
    ter_after: float
    chrf_before: float
    chrf_after: float
    # The post-edit is not an edit of this MT (TER above the report's threshold before any fix,
    # typically a misaligned row): how a fix moves the scores says nothing about the fix.
    misaligned: bool = False

    @property
    def verdict(self) -> str:
        """worsened: either metric got worse (TER up or chrF down); improved: neither got worse and
        one got better; unchanged: both scores as before."""
        if self.ter_after > self.ter_before + 1e-9 or self.chrf_after < self.chrf_before - 1e-9:
            return "worsened"
        if self.ter_after < self.ter_before - 1e-9 or self.chrf_after > self.chrf_before + 1e-9:
            return "improved"
        return "unchanged"

    def to_dict(self) -> dict:
        return {
            "line": self.line, "rules": list(self.rules), "verdict": self.verdict, "misaligned": self.misaligned,
            "ter": {"before": round(self.ter_before, 4), "after": round(self.ter_after, 4)},
            "chrf": {"before": round(self.chrf_before, 4), "after": round(self.chrf_after, 4)},
            "mt": self.mt, "fixed": self.fixed, "pe": self.pe,
        }


@dataclass
class PostEditReport:
    path: str
    mt_column: str
    pe_column: str
    unsafe: bool
    lines: int
    ter: tuple[float, float]  # corpus TER before, after (lower is better)
    chrf: tuple[float, float]  # corpus chrF before, after (higher is better)
    changed: list[LineOutcome]
    ter_signature: str = ""
    chrf_signature: str = ""
    failures: tuple[str, ...] = ()  # checks that could not run (e.g. LanguageTool), once each
    # Categories or rule selectors this file cannot judge (e.g. number formats the post-editors
    # kept): their lines are reported but not counted in the judged totals.
    not_judged: tuple[str, ...] = ()
    misaligned_ter: float = 100.0
    categories: dict[str, str] = field(default_factory=dict)  # rule id -> category

    def count(self, verdict: str) -> int:
        return sum(1 for outcome in self.changed if outcome.verdict == verdict)

    def rule_is_judged(self, rule: str) -> bool:
        category = self.categories.get(rule, "")
        return not any(category == selector or rule_matches(rule, selector) for selector in self.not_judged)

    def is_judged(self, outcome: LineOutcome) -> bool:
        """Counted in the judged totals: an aligned line that at least one judged rule changed (a
        judged rule cannot hide behind an unjudged one on the same line)."""
        return not outcome.misaligned and any(self.rule_is_judged(rule) for rule in outcome.rules)

    def judged_count(self, verdict: str) -> int:
        return sum(1 for o in self.changed if self.is_judged(o) and o.verdict == verdict)

    def by_rule(self) -> dict[str, dict]:
        """Per rule: lines its fixes changed, and how the aligned ones fared (a line changed by
        several rules counts for each; `alone` counts the lines where it was the only rule;
        `misaligned` the lines whose post-edit is not an edit of the MT). `verdict` says whether
        the rule helps: more lines improved than worsened."""
        table: dict[str, dict] = {}
        for outcome in self.changed:
            for rule in outcome.rules:
                row = table.setdefault(rule, {"changed": 0, "improved": 0, "worsened": 0, "unchanged": 0,
                                              "misaligned": 0, "alone": 0})
                row["changed"] += 1
                row["misaligned" if outcome.misaligned else outcome.verdict] += 1
                row["alone"] += len(outcome.rules) == 1
        for rule, row in table.items():
            row["verdict"] = self._rule_verdict(rule, row)
        return dict(sorted(table.items(), key=lambda item: (-item[1]["changed"], item[0])))

    def _rule_verdict(self, rule: str, row: dict) -> str:
        if not self.rule_is_judged(rule):
            return "not judged"
        if row["improved"] > row["worsened"]:
            return "helps"
        if row["worsened"] > row["improved"]:
            return "hurts"
        if row["worsened"]:
            return "mixed"
        return "no effect" if row["unchanged"] else "no aligned line"


def read_post_edits(path: str, mt_column: str, pe_column: str) -> list[tuple[int, str, str]]:
    """(line, mt, pe) for every data row of a tab-separated file with a header row."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise MetricInputError(f"{path}: {exc.strerror or exc}") from None
    rows = []
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            header = next(reader, None)
            if not header:
                raise MetricInputError(f"{path}: empty file; expected a header row naming the columns")
            columns = {}
            for name in (mt_column, pe_column):
                if name not in header:
                    close = difflib.get_close_matches(name, header, n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise MetricInputError(f"{path}:1: no column {name!r}{hint}; the columns are {', '.join(header)}")
                columns[name] = header.index(name)
            width = max(columns.values()) + 1
            for row in reader:
                line = reader.line_num
                if not row or row == [""]:
                    continue
                if len(row) < width:
                    raise MetricInputError(f"{path}:{line}: {len(row)} tab-separated fields, but the header has {len(header)}")
                rows.append((line, row[columns[mt_column]], row[columns[pe_column]]))
        except UnicodeDecodeError as exc:
            raise MetricInputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
        except csv.Error as exc:
            raise MetricInputError(f"{path}:{reader.line_num}: {exc}") from None
    return rows


def fix_with_rules(linter, text: str, unsafe: bool = False,
                   categories: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """What `linter.fix_text(text, None, unsafe)` makes of `text` (as plain text), and which rules'
    fixes were applied: the same fix_until_stable loop, with each round's findings recorded so the
    applied fixes can be traced back to their rules. `categories`, when given, collects each
    applied rule's category."""
    rounds: list[tuple[str, list]] = []

    def lint(current: str):
        findings = list(linter.lint_text(current, None, syntax="text").findings)
        rounds.append((current, findings))
        return findings

    fixed, _, _ = fix_until_stable(text, lint, unsafe)
    rules: list[str] = []
    for current, findings in rounds:
        owner = {id(fix): finding for finding in findings for fix in finding.fixes}
        chosen = chosen_fixes(findings, unsafe)
        if not chosen:
            continue
        _, applied, _ = apply_fixes(current, chosen)
        for fix in applied:
            finding = owner.get(id(fix))
            if finding is None:
                continue
            if finding.rule not in rules:
                rules.append(finding.rule)
            if categories is not None:
                categories[finding.rule] = finding.category
    return fixed, tuple(rules)


def post_edit_report(path: str, linter, mt_column: str = "mt_detok", pe_column: str = "pe_detok",
                     unsafe: bool = False, not_judged: tuple[str, ...] = (),
                     misaligned_ter: float = 100.0) -> PostEditReport:
    from sacrebleu.metrics import (  # start-up: sacrebleu loads only when scoring
        CHRF,
        TER,
    )

    rows = read_post_edits(path, mt_column, pe_column)
    ter, chrf = TER(), CHRF()
    mt_lines = [mt for _, mt, _ in rows]
    pe_lines = [pe for _, _, pe in rows]
    fixed_lines = []
    changed = []
    failures: list[str] = []
    categories: dict[str, str] = {}
    for line, mt, pe in rows:
        fixed, rules = fix_with_rules(linter, mt, unsafe, categories)
        fixed_lines.append(fixed)
        if fixed == mt:
            continue
        ter_before = ter.sentence_score(mt, [pe]).score
        changed.append(LineOutcome(
            line=line, mt=mt, fixed=fixed, pe=pe, rules=rules,
            ter_before=ter_before, ter_after=ter.sentence_score(fixed, [pe]).score,
            chrf_before=chrf.sentence_score(mt, [pe]).score, chrf_after=chrf.sentence_score(fixed, [pe]).score,
            misaligned=ter_before > misaligned_ter,
        ))
    runner = getattr(linter, "_lt_runner", None)
    if runner is not None and runner.failure:
        failures.append(f"languagetool: {runner.failure}")
    corpus = (lambda metric, hyps: metric.corpus_score(hyps, [pe_lines]).score) if rows else (lambda metric, hyps: 0.0)
    return PostEditReport(
        path=path, mt_column=mt_column, pe_column=pe_column, unsafe=unsafe, lines=len(rows),
        ter=(corpus(ter, mt_lines), corpus(ter, fixed_lines)), chrf=(corpus(chrf, mt_lines), corpus(chrf, fixed_lines)),
        changed=changed, ter_signature=str(ter.get_signature()) if rows else "",
        chrf_signature=str(chrf.get_signature()) if rows else "",
        failures=tuple(failures), not_judged=tuple(not_judged), misaligned_ter=misaligned_ter,
        categories=categories,
    )


def post_edit_to_json(report: PostEditReport) -> dict:
    return {
        "file": report.path,
        "mt_column": report.mt_column,
        "pe_column": report.pe_column,
        "unsafe_fixes": report.unsafe,
        "lines": report.lines,
        "corpus": {
            "ter": {"before": round(report.ter[0], 4), "after": round(report.ter[1], 4),
                    "signature": report.ter_signature},
            "chrf": {"before": round(report.chrf[0], 4), "after": round(report.chrf[1], 4),
                     "signature": report.chrf_signature},
        },
        "changed": len(report.changed),
        "improved": report.count("improved"),
        "worsened": report.count("worsened"),
        "unchanged": report.count("unchanged"),
        "judged": {verdict: report.judged_count(verdict) for verdict in ("improved", "worsened", "unchanged")},
        "not_judged": list(report.not_judged),
        "misaligned_ter": report.misaligned_ter,
        "misaligned": sum(1 for o in report.changed if o.misaligned),
        "by_rule": report.by_rule(),
        "changed_lines": [{**outcome.to_dict(), "judged": report.is_judged(outcome)} for outcome in report.changed],
        "failures": list(report.failures),
    }


def render_post_edit(report: PostEditReport, verbose: bool = False) -> str:
    out = [f"Post-edits: {report.path} ({report.lines} lines; {report.mt_column} fixed with "
           f"{'safe and unsafe' if report.unsafe else 'safe'} fixes, scored against {report.pe_column})", ""]
    out.append(f"{'':16}{'before':>9}{'after':>9}{'change':>9}")
    for name, (before, after), note in (("TER (corpus)", report.ter, "lower is better"),
                                        ("chrF (corpus)", report.chrf, "higher is better")):
        out.append(f"{name:16}{before:9.2f}{after:9.2f}{after - before:+9.2f}   {note}")
    out.append("")
    changed = len(report.changed)
    out.append(f"Lines changed by fixes: {changed} of {report.lines}: {report.count('improved')} improved, "
               f"{report.count('worsened')} worsened, {report.count('unchanged')} unchanged "
               "(per line, by sentence TER and chrF: worsened if either got worse)")
    misaligned = sum(1 for o in report.changed if o.misaligned)
    unjudged_rule_lines = sum(1 for o in report.changed if not o.misaligned and not report.is_judged(o))
    if misaligned or report.not_judged:
        out.append(f"Judged: {report.judged_count('improved')} improved, {report.judged_count('worsened')} worsened, "
                   f"{report.judged_count('unchanged')} unchanged; not counted: {misaligned} misaligned "
                   f"(TER above {report.misaligned_ter:g} before fixing: the post-edit is not an edit of the MT)"
                   + (f", {unjudged_rule_lines} changed only by rules not judged here ({'; '.join(report.not_judged)})"
                      if report.not_judged else ""))
    table = report.by_rule()
    if table:
        width = max(len("rule"), *(len(rule) for rule in table))
        out.append("")
        out.append(f"{'rule':<{width}}  {'changed':>7}  {'improved':>8}  {'worsened':>8}  {'unchanged':>9}  "
                   f"{'misaligned':>10}  {'alone':>5}  verdict")
        for rule, row in table.items():
            out.append(f"{rule:<{width}}  {row['changed']:>7}  {row['improved']:>8}  {row['worsened']:>8}  "
                       f"{row['unchanged']:>9}  {row['misaligned']:>10}  {row['alone']:>5}  {row['verdict']}")
        hurting = [rule for rule, row in table.items() if row["verdict"] in ("hurts", "mixed")]
        if hurting:
            out.append("")
            out.append(f"Rules to look at (worsen as many lines as they improve, or more): {', '.join(hurting)}")
    worsened = [o for o in report.changed if o.verdict == "worsened"]
    if verbose and worsened:
        out.append("")
        out.append("Worsened lines:")
        for o in worsened:
            notes = ([] if report.is_judged(o) else
                     ["misaligned, not counted" if o.misaligned else "rules not judged here, not counted"])
            out.append(f"  line {o.line} [{', '.join(o.rules)}]: TER {o.ter_before:.1f} → {o.ter_after:.1f}, "
                       f"chrF {o.chrf_before:.1f} → {o.chrf_after:.1f}" + "".join(f" ({n})" for n in notes))
            out.append(f"    MT:    {o.mt}")
            out.append(f"    fixed: {o.fixed}")
            out.append(f"    PE:    {o.pe}")
    elif worsened:
        out.append("")
        out.append(f"{len(worsened)} worsened line{'s' if len(worsened) != 1 else ''}: -v lists them")
    for failure in report.failures:
        out.append(f"tqlint: check not run: {failure}")
    return "\n".join(out) + "\n"
