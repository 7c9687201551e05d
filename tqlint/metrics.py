"""Translation scoring through sacrebleu, imported only when a scoring command runs."""

from __future__ import annotations

from dataclasses import dataclass


class MetricInputError(Exception):
    """Input files that cannot be scored (unreadable, or not line-aligned)."""


@dataclass(frozen=True)
class MetricScore:
    name: str
    score: float
    signature: str
    formatted: str  # exactly what sacrebleu's own command line prints

    def to_dict(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "signature": self.signature,
                "formatted": self.formatted}


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except UnicodeDecodeError as exc:
        raise MetricInputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise MetricInputError(f"{path}: {exc.strerror or exc}") from None


def _metric(name: str):
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU, "chrf": CHRF, "ter": TER}[name]()


def corpus_scores(hypothesis: str, references, metric_names, width: int = 1) -> list[MetricScore]:
    hyps = _read_lines(hypothesis)
    refs = [_read_lines(r) for r in references]
    for path, lines in zip(references, refs):
        if len(lines) != len(hyps):
            raise MetricInputError(f"{path}: {len(lines)} lines, but {hypothesis} has {len(hyps)}; files must be line-aligned")
    results = []
    for name in metric_names:
        metric = _metric(name)
        score = metric.corpus_score(hyps, refs)
        signature = str(metric.get_signature())
        results.append(MetricScore(score.name, score.score, signature, score.format(width=width, signature=signature)))
    return results


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
            "line": self.line, "rules": list(self.rules), "verdict": self.verdict,
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

    def count(self, verdict: str) -> int:
        return sum(1 for outcome in self.changed if outcome.verdict == verdict)

    def by_rule(self) -> dict[str, dict[str, int]]:
        """Per rule: lines its fixes changed, and how those lines fared (a line changed by several
        rules counts for each; `alone` counts the lines where it was the only rule)."""
        table: dict[str, dict[str, int]] = {}
        for outcome in self.changed:
            for rule in outcome.rules:
                row = table.setdefault(rule, {"changed": 0, "improved": 0, "worsened": 0, "unchanged": 0, "alone": 0})
                row["changed"] += 1
                row[outcome.verdict] += 1
                row["alone"] += len(outcome.rules) == 1
        return dict(sorted(table.items(), key=lambda item: (-item[1]["changed"], item[0])))


def read_post_edits(path: str, mt_column: str, pe_column: str) -> list[tuple[int, str, str]]:
    """(line, mt, pe) for every data row of a tab-separated file with a header row."""
    import csv
    import difflib

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


def fix_with_rules(linter, text: str, unsafe: bool = False) -> tuple[str, tuple[str, ...]]:
    """What `linter.fix_text(text, None, unsafe)` makes of `text` (kind text), and which rules'
    fixes were applied: the same fix_until_stable loop, with each round's findings recorded so the
    applied fixes can be traced back to their rules."""
    from tqlint.fixer import apply_fixes, chosen_fixes, fix_until_stable

    rounds: list[tuple[str, list]] = []

    def lint(current: str):
        findings = list(linter.lint_text(current, None, kind="text").findings)
        rounds.append((current, findings))
        return findings

    fixed, _, _ = fix_until_stable(text, lint, unsafe)
    rules: list[str] = []
    for current, findings in rounds:
        owner = {id(fix): finding.rule for finding in findings for fix in finding.fixes}
        chosen = chosen_fixes(findings, unsafe)
        if not chosen:
            continue
        _, applied, _ = apply_fixes(current, chosen)
        for fix in applied:
            rule = owner.get(id(fix))
            if rule and rule not in rules:
                rules.append(rule)
    return fixed, tuple(rules)


def post_edit_report(path: str, linter, mt_column: str = "mt_detok", pe_column: str = "pe_detok",
                     unsafe: bool = False) -> PostEditReport:
    from sacrebleu.metrics import CHRF, TER

    rows = read_post_edits(path, mt_column, pe_column)
    ter, chrf = TER(), CHRF()
    mt_lines = [mt for _, mt, _ in rows]
    pe_lines = [pe for _, _, pe in rows]
    fixed_lines = []
    changed = []
    failures: list[str] = []
    for line, mt, pe in rows:
        fixed, rules = fix_with_rules(linter, mt, unsafe)
        fixed_lines.append(fixed)
        if fixed == mt:
            continue
        changed.append(LineOutcome(
            line=line, mt=mt, fixed=fixed, pe=pe, rules=rules,
            ter_before=ter.sentence_score(mt, [pe]).score, ter_after=ter.sentence_score(fixed, [pe]).score,
            chrf_before=chrf.sentence_score(mt, [pe]).score, chrf_after=chrf.sentence_score(fixed, [pe]).score,
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
        failures=tuple(failures),
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
        "by_rule": report.by_rule(),
        "changed_lines": [outcome.to_dict() for outcome in report.changed],
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
    table = report.by_rule()
    if table:
        width = max(len("rule"), *(len(rule) for rule in table))
        out.append("")
        out.append(f"{'rule':<{width}}  {'changed':>7}  {'improved':>8}  {'worsened':>8}  {'unchanged':>9}  {'alone':>5}")
        for rule, row in table.items():
            out.append(f"{rule:<{width}}  {row['changed']:>7}  {row['improved']:>8}  {row['worsened']:>8}  "
                       f"{row['unchanged']:>9}  {row['alone']:>5}")
    worsened = [o for o in report.changed if o.verdict == "worsened"]
    if verbose and worsened:
        out.append("")
        out.append("Worsened lines:")
        for o in worsened:
            out.append(f"  line {o.line} [{', '.join(o.rules)}]: TER {o.ter_before:.1f} → {o.ter_after:.1f}, "
                       f"chrF {o.chrf_before:.1f} → {o.chrf_after:.1f}")
            out.append(f"    MT:    {o.mt}")
            out.append(f"    fixed: {o.fixed}")
            out.append(f"    PE:    {o.pe}")
    elif worsened:
        out.append("")
        out.append(f"{len(worsened)} worsened line{'s' if len(worsened) != 1 else ''}: -v lists them")
    for failure in report.failures:
        out.append(f"tqlint: check not run: {failure}")
    return "\n".join(out) + "\n"
