"""`tqlint eval --annotations FILE.jsonl`: tqlint against copy editors' marks on real MT.

One line per text: `aid id pair system segs source_language text annotations`; each annotation
`start end text class fix confidence` (and an optional `note`), offsets into `text`. Measured:
recall per class (annotations a finding overlaps) and for two aggregates, precision (findings
that overlap an annotation), and how often first fixes make exactly the editor's fix (per
finding, and per caught annotation with the fixes of all the findings over it).
docs/scoring.md defines every figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tqlint.eval.common import overlaps
from tqlint.eval.measure import EvalInputError, context, read_jsonl, word_count
from tqlint.fixer import apply_fixes

REQUIRED = ("id", "text", "annotations")
CLASSES = ("punctuation", "quotes", "locale", "calque", "false-friend", "pronoun", "untranslated", "name",
           "capitalization", "repetition", "encoding", "grammar", "meaning", "other")
# What a monolingual linter can reach, and the largest class it cannot reach yet.
AGGREGATES = (
    ("monolingual", ("punctuation", "quotes", "locale", "untranslated", "repetition", "pronoun",
                     "capitalization", "encoding")),
    ("calques and false friends", ("calque", "false-friend")),
)


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    text: str
    cls: str
    fix: str
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class AnnotatedText:
    line: int
    id: str
    system: str
    text: str
    annotations: tuple[Annotation, ...]


def _annotation(path: str, line: int, text: str, index: int, item) -> Annotation:
    where = f"{path}:{line}: annotation {index + 1}"
    if not isinstance(item, dict):
        raise EvalInputError(f"{where}: expected an object")
    missing = [k for k in ("start", "end", "text", "class", "fix") if k not in item]
    if missing:
        raise EvalInputError(f"{where}: missing field {', '.join(map(repr, missing))}")
    start, end = item["start"], item["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise EvalInputError(f"{where}: start {start!r} and end {end!r} are not a span of the text "
                             f"({len(text)} characters)")
    if text[start:end] != item["text"]:
        raise EvalInputError(f"{where}: the text at {start}-{end} is {text[start:end]!r}, not {item['text']!r}")
    return Annotation(start, end, item["text"], str(item["class"]), str(item["fix"] or ""),
                      str(item.get("confidence") or ""), item.get("note"))


def read_annotated(path: str) -> list[AnnotatedText]:
    texts = []
    for line, record in read_jsonl(path, REQUIRED):
        text, items = record["text"], record["annotations"]
        if not isinstance(text, str) or not isinstance(items, list):
            raise EvalInputError(f"{path}:{line}: `text` must be a string and `annotations` a list")
        annotations = tuple(_annotation(path, line, text, i, item) for i, item in enumerate(items))
        texts.append(AnnotatedText(line, str(record["id"]), str(record.get("system") or "?"), text, annotations))
    return texts


def makes_editor_fix(text: str, fixes, annotation: Annotation) -> bool:
    """Applying `fixes` to `text` (as `tqlint fix` would: in order, skipping any that collide)
    gives exactly the text with the editor's fix for `annotation`."""
    fixed, applied, _ = apply_fixes(text, list(fixes))
    return bool(applied) and fixed == text[:annotation.start] + annotation.fix + text[annotation.end:]


@dataclass(frozen=True)
class ClassRow:
    cls: str
    annotations: int
    caught: int
    fixed: int  # caught, and the first fixes of the findings over it together make the editor's fix
    by_rule: tuple[tuple[str, int], ...]  # (rule, annotations it overlaps), most first


@dataclass(frozen=True)
class RuleRow:
    rule: str
    findings: int
    confirmed: int  # overlapping an annotation
    with_fix: int  # confirmed findings with a fix
    yields: int  # ... whose first fix makes exactly the editor's fix


@dataclass(frozen=True)
class Missed:
    cls: str
    where: str
    annotation: Annotation
    context: str


@dataclass(frozen=True)
class Unconfirmed:
    where: str
    rule: str
    text: str
    message: str
    context: str


@dataclass(frozen=True)
class AnnotationsReport:
    path: str
    texts: int
    words: int
    systems: tuple[str, ...]
    classes: tuple[ClassRow, ...]
    rules: tuple[RuleRow, ...]
    misses: tuple[Missed, ...]
    unconfirmed: tuple[Unconfirmed, ...]
    failures: tuple[str, ...]

    def aggregate(self, classes: tuple[str, ...]) -> tuple[int, int, int]:
        """(annotations, caught, fixed) over `classes`."""
        rows = [c for c in self.classes if c.cls in classes]
        return sum(c.annotations for c in rows), sum(c.caught for c in rows), sum(c.fixed for c in rows)

    def totals(self) -> dict[str, int]:
        return {name: sum(getattr(r, name) for r in self.rules) for name in ("findings", "confirmed", "with_fix", "yields")}


def annotations_report(path: str, linter) -> AnnotationsReport:
    texts = read_annotated(path)
    counts: dict[str, Counter] = {k: Counter() for k in ("annotations", "caught", "fixed", "caught_by", "findings",
                                                          "confirmed", "with_fix", "yields", "failures")}
    misses, unconfirmed = [], []
    for item in texts:
        result = linter.lint_text(item.text, None, syntax="text")
        counts["failures"].update(result.failures)
        misses += _score_annotations(item, result.findings, counts)
        unconfirmed += _score_findings(item, result.findings, counts)
    order = list(CLASSES) + sorted(set(counts["annotations"]) - set(CLASSES))
    classes = tuple(ClassRow(c, counts["annotations"][c], counts["caught"][c], counts["fixed"][c],
                             _by_rule(counts["caught_by"], c))
                    for c in order if counts["annotations"][c])
    rules = tuple(sorted((RuleRow(r, n, counts["confirmed"][r], counts["with_fix"][r], counts["yields"][r])
                          for r, n in counts["findings"].items()), key=lambda row: (-row.findings, row.rule)))
    return AnnotationsReport(path, len(texts), sum(word_count(t.text) for t in texts),
                             tuple(sorted({t.system for t in texts})), classes, rules, tuple(misses),
                             tuple(unconfirmed), tuple(sorted(counts["failures"])))


def _by_rule(caught_by: Counter, cls: str) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(((rule, n) for (c, rule), n in caught_by.items() if c == cls), key=lambda x: (-x[1], x[0])))


def _score_annotations(item: AnnotatedText, findings, counts) -> list[Missed]:
    misses = []
    for a in item.annotations:
        hits = [f for f in findings if overlaps(a.start, a.end, f.start, f.end)]
        counts["annotations"][a.cls] += 1
        if hits:
            counts["caught"][a.cls] += 1
            counts["caught_by"].update((a.cls, rule) for rule in {f.rule for f in hits})
            counts["fixed"][a.cls] += makes_editor_fix(item.text, [f.fixes[0] for f in hits if f.fixes], a)
        else:
            misses.append(Missed(a.cls, item.id, a, context(item.text, a.start, a.end)))
    return misses


def _score_findings(item: AnnotatedText, findings, counts) -> list[Unconfirmed]:
    unconfirmed = []
    for f in findings:
        counts["findings"][f.rule] += 1
        matched = [a for a in item.annotations if overlaps(f.start, f.end, a.start, a.end)]
        if not matched:
            unconfirmed.append(Unconfirmed(item.id, f.rule, f.text, f.message, context(item.text, f.start, f.end)))
            continue
        counts["confirmed"][f.rule] += 1
        if f.fixes:
            counts["with_fix"][f.rule] += 1
            counts["yields"][f.rule] += any(makes_editor_fix(item.text, f.fixes[:1], a) for a in matched)
    return unconfirmed
