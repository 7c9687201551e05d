"""What `tqlint eval --references` adds up: a Tally per batch of texts (merged across workers),
then one frozen ReferencesReport. docs/scoring.md defines every figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

from tqlint.eval.common import overlaps
from tqlint.eval.judge import BAD, judge_fix
from tqlint.eval.measure import word_count
from tqlint.eval.proven import CLASSES as MONOLINGUAL_CLASSES
from tqlint.eval.proven import proven_errors
from tqlint.eval.proven_bilingual import CLASSES as BILINGUAL_CLASSES
from tqlint.finding import Finding

MT, REF = "mt", "ref"
CLASSES = MONOLINGUAL_CLASSES + BILINGUAL_CLASSES


@dataclass(frozen=True)
class Miss:
    cls: str
    where: str
    text: str
    mt: str
    start: int
    end: int


@dataclass
class Tally:
    """What a batch of units adds up to; batches merge (the only mutable object of a run)."""

    texts: Counter = field(default_factory=Counter)  # side -> texts
    words: Counter = field(default_factory=Counter)  # side -> words
    system_words: Counter = field(default_factory=Counter)  # (side, name) -> words
    system_findings: Counter = field(default_factory=Counter)  # (side, name) -> findings
    findings: Counter = field(default_factory=Counter)  # (side, rule) -> findings
    categories: dict = field(default_factory=dict)  # rule -> category
    verdicts: Counter = field(default_factory=Counter)  # (rule, verdict, safe) -> first fixes
    bad: Counter = field(default_factory=Counter)  # (rule, original, fixed) -> bad first fixes
    bad_where: dict = field(default_factory=dict)  # (rule, original, fixed) -> first place, by sort order
    errors: Counter = field(default_factory=Counter)  # (class, pair) -> proven errors
    caught: Counter = field(default_factory=Counter)  # (class, pair) -> caught
    caught_by: Counter = field(default_factory=Counter)  # (class, rule) -> errors the rule overlaps
    misses: list = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)

    def merge(self, other: Tally) -> None:
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, Counter):
                mine.update(theirs)
            elif isinstance(mine, list):
                mine.extend(theirs)
            elif item.name == "bad_where":
                for key, where in theirs.items():
                    mine[key] = min(where, mine.get(key, where))
            else:
                mine.update(theirs)

    def add_text(self, side: str, name: str, segment, text: str, found: list[Finding], lexicon, proof=None) -> None:
        words = word_count(text)
        self.texts[side] += 1
        self.words[side] += words
        self.system_words[side, name] += words
        self.system_findings[side, name] += len(found)
        for finding in found:
            self.findings[side, finding.rule] += 1
            self.categories[finding.rule] = finding.category
        if side == MT:
            self._judge_fixes(name, segment, text, found)
            self._proven(name, segment, text, found, lexicon)
            if proof is not None:
                self._proven_bilingual(name, segment, text, found, proof)

    def _judge_fixes(self, name: str, segment, text: str, found: list[Finding]) -> None:
        for finding in found:
            if not finding.fixes:
                continue
            fix = finding.fixes[0]
            verdict = judge_fix(text, fix.edits, segment.ref_texts)
            self.verdicts[finding.rule, verdict.verdict, fix.safe] += 1
            if verdict.verdict == BAD:
                key = (finding.rule, verdict.original, verdict.fixed)
                self.bad[key] += 1
                where = segment.where(name)
                self.bad_where[key] = min(where, self.bad_where.get(key, where))

    def _proven(self, name: str, segment, text: str, found: list[Finding], lexicon) -> None:
        for error in proven_errors(segment.source, text, segment.ref_texts, lexicon):
            self._count(name, segment, text, error, {f.rule for f in found if overlaps(error.start, error.end, f.start, f.end)})


    def _proven_bilingual(self, name: str, segment, text: str, found: list[Finding], proof) -> None:
        """Errors of meaning (tqlint.eval.proven_bilingual): caught by a bilingual finding on them."""
        for error in proof.errors(segment.source, segment.source_language, text, segment.ref_texts):
            self._count(name, segment, text, error, {f.rule for f in found if error.caught_by(f)})

    def _count(self, name: str, segment, text: str, error, rules: set[str]) -> None:
        """One proven error, caught by `rules` (none: a miss)."""
        self.errors[error.cls, segment.pair] += 1
        if rules:
            self.caught[error.cls, segment.pair] += 1
            self.caught_by.update((error.cls, rule) for rule in rules)
        else:
            self.misses.append(Miss(error.cls, segment.where(name), error.text, text, error.start, error.end))


@dataclass(frozen=True)
class RuleRow:
    rule: str
    category: str
    mt: int  # findings on the MT
    refs: int  # findings on the references
    good: int  # first fixes of its MT findings, judged against the references
    bad: int
    not_judged: int


@dataclass(frozen=True)
class ClassRow:
    cls: str
    errors: int
    caught: int
    by_pair: tuple[tuple[str, int, int], ...]  # (pair, errors, caught)
    by_rule: tuple[tuple[str, int], ...]  # (rule, errors it overlaps), most first


@dataclass(frozen=True)
class BadFix:
    rule: str
    original: str
    fixed: str
    count: int
    where: str  # the first place it happens (pair:seg system)


@dataclass(frozen=True)
class SystemRow:
    side: str
    name: str
    words: int
    findings: int


@dataclass(frozen=True)
class ReferencesReport:
    path: str
    segments: int
    pairs: tuple[str, ...]
    systems: tuple[str, ...]
    references: tuple[str, ...]
    by_document: bool
    texts: tuple[int, int]  # MT, references
    words: tuple[int, int]
    rules_total: int  # rules in the rule set
    rules: tuple[RuleRow, ...]  # rules that fired, most MT findings first
    classes: tuple[ClassRow, ...]
    verdicts: tuple[tuple[str, int, int, int], ...]  # (all | safe | unsafe, good, bad, not judged)
    bad_fixes: tuple[BadFix, ...]  # most frequent first
    misses: tuple[Miss, ...]
    by_system: tuple[SystemRow, ...]
    failures: tuple[str, ...]

    def findings(self, side: str) -> int:
        return sum(row.mt if side == MT else row.refs for row in self.rules)


def build_report(path: str, segments: list, by_document: bool, rules_total: int, tally: Tally) -> ReferencesReport:
    """The report on `segments` (tqlint.eval.references.Segment) from their merged tally."""
    return ReferencesReport(
        path=path, segments=len(segments), pairs=tuple(sorted({s.pair for s in segments})),
        systems=tuple(sorted({n for s in segments for n, _ in s.mt})),
        references=tuple(sorted({n for s in segments for n, _ in s.refs})), by_document=by_document,
        texts=(tally.texts[MT], tally.texts[REF]), words=(tally.words[MT], tally.words[REF]),
        rules_total=rules_total, rules=_rule_rows(tally), classes=_class_rows(tally),
        verdicts=_verdict_rows(tally), bad_fixes=_bad_fixes(tally),
        misses=tuple(sorted(tally.misses, key=lambda m: (CLASSES.index(m.cls), m.where, m.start))),
        by_system=tuple(SystemRow(side, name, words, tally.system_findings[side, name])
                        for (side, name), words in sorted(tally.system_words.items())),
        failures=tuple(f"{message} ({count} texts)" for message, count in sorted(tally.failures.items())),
    )


def _rule_rows(tally: Tally) -> tuple[RuleRow, ...]:
    rules = {rule for _, rule in tally.findings}
    rows = []
    for rule in rules:
        judged = {v: sum(n for (r, verdict, _), n in tally.verdicts.items() if r == rule and verdict == v)
                  for v in ("good", "bad", "not judged")}
        rows.append(RuleRow(rule, tally.categories.get(rule, ""), tally.findings[MT, rule], tally.findings[REF, rule],
                            judged["good"], judged["bad"], judged["not judged"]))
    return tuple(sorted(rows, key=lambda r: (-r.mt, -r.refs, r.rule)))


def _class_rows(tally: Tally) -> tuple[ClassRow, ...]:
    rows = []
    for cls in CLASSES:
        pairs = sorted({pair for c, pair in tally.errors if c == cls})
        by_rule = sorted(((rule, n) for (c, rule), n in tally.caught_by.items() if c == cls), key=lambda x: (-x[1], x[0]))
        rows.append(ClassRow(cls, sum(tally.errors[cls, p] for p in pairs), sum(tally.caught[cls, p] for p in pairs),
                             tuple((p, tally.errors[cls, p], tally.caught[cls, p]) for p in pairs), tuple(by_rule)))
    return tuple(rows)


def _verdict_rows(tally: Tally) -> tuple[tuple[str, int, int, int], ...]:
    def count(verdict: str, safe) -> int:
        return sum(n for (_, v, s), n in tally.verdicts.items() if v == verdict and (safe is None or s == safe))

    return tuple((scope, count("good", safe), count("bad", safe), count("not judged", safe))
                 for scope, safe in (("all", None), ("safe", True), ("unsafe", False)))


def _bad_fixes(tally: Tally) -> tuple[BadFix, ...]:
    rows = [BadFix(rule, original, fixed, n, tally.bad_where[rule, original, fixed])
            for (rule, original, fixed), n in tally.bad.items()]
    return tuple(sorted(rows, key=lambda b: (-b.count, b.rule, b.original)))
