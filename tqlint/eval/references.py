"""`tqlint eval --references FILE.jsonl`: tqlint on real machine translation with human references.

One line per source segment: `set pair seg doc domain source refs mt`, `refs` mapping a reference's
name to a human translation and `mt` a system's name to its output. Measured: findings per 1,000
words on the MT and on the references, per rule; each MT finding's first fix judged against the
references (tqlint.eval.judge); and the errors that the source and the references prove
(tqlint.eval.proven), caught when a finding overlaps them. docs/scoring.md defines every figure.

The texts are linted in documents (consecutive segments of one `doc` for one system, each its own
paragraph; a segment with no `doc` alone), batched through engine.lint_documents, on all cores.
"""

from __future__ import annotations

import bisect
import importlib.util
from dataclasses import dataclass, replace

from tqlint.engine.parallel import worker_count
from tqlint.engine.run import lint_documents
from tqlint.eval.measure import EvalInputError, matches_any, read_jsonl
from tqlint.eval.proven import EnglishLexicon
from tqlint.eval.proven_bilingual import BilingualProof
from tqlint.eval.tally import MT, REF, ReferencesReport, Tally, build_report
from tqlint.finding import Edit, Finding
from tqlint.text.bitext import pair_segments

REQUIRED = ("pair", "seg", "source", "refs", "mt")
# Segments of one document are linted as its paragraphs.
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Segment:
    line: int
    pair: str
    seg: object
    doc: str | None
    source: str
    refs: tuple[tuple[str, str], ...]  # (reference name, text)
    mt: tuple[tuple[str, str], ...]  # (system, text)

    @property
    def source_language(self) -> str:
        return self.pair.split("-")[0]

    @property
    def ref_texts(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.refs)

    def text_of(self, side: str, name: str) -> str:
        return dict(self.mt if side == MT else self.refs)[name]

    def where(self, name: str) -> str:
        return f"{self.pair}:{self.seg} {name}"


def _named_texts(path: str, line: int, record: dict, key: str) -> tuple[tuple[str, str], ...]:
    value = record[key]
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise EvalInputError(f"{path}:{line}: `{key}` must map names to texts")
    return tuple(sorted(value.items()))


def _segment(path: str, line: int, record: dict) -> Segment:
    for key in ("pair", "source"):
        if not isinstance(record[key], str):
            raise EvalInputError(f"{path}:{line}: `{key}` must be a string")
    doc = record.get("doc")
    return Segment(line, record["pair"], record["seg"], None if doc is None else str(doc), record["source"],
                   _named_texts(path, line, record, "refs"), _named_texts(path, line, record, "mt"))


def read_segments(path: str, systems: tuple[str, ...] = (), pairs: tuple[str, ...] = (),
                  limit: int | None = None) -> list[Segment]:
    """The segments of `path` in the given pairs (shell patterns; none: all), each with the MT of
    the given systems only; at most `limit` segments."""
    segments: list[Segment] = []
    seen_systems: set[str] = set()
    seen_pairs: set[str] = set()
    for line, record in read_jsonl(path, REQUIRED):
        segment = _segment(path, line, record)
        seen_pairs.add(segment.pair)
        seen_systems.update(name for name, _ in segment.mt)
        if not matches_any(segment.pair, pairs) or (limit is not None and len(segments) >= limit):
            continue
        segments.append(replace(segment, mt=tuple((n, t) for n, t in segment.mt if matches_any(n, systems))))
    _check_selection(path, "pair", pairs, seen_pairs)
    _check_selection(path, "system", systems, seen_systems)
    return segments


def _check_selection(path: str, what: str, patterns: tuple[str, ...], names: set[str]) -> None:
    for pattern in patterns:
        if not any(matches_any(name, (pattern,)) for name in names):
            raise EvalInputError(f"{path}: no {what} matches {pattern!r} (there are: {', '.join(sorted(names))})")


@dataclass(frozen=True)
class Unit:
    """One text to lint: the output of one system (or one reference) over one document."""

    side: str  # MT or REF
    name: str
    segments: tuple[int, ...]  # indexes into the segment list


def build_units(segments: list[Segment], by_document: bool = True) -> list[Unit]:
    units = []
    for group in _documents(segments, by_document):
        for side, attr in ((MT, "mt"), (REF, "refs")):
            names = sorted({name for i in group for name, _ in getattr(segments[i], attr)})
            for name in names:
                members = tuple(i for i in group if any(n == name for n, _ in getattr(segments[i], attr)))
                units.append(Unit(side, name, members))
    return units


def _documents(segments: list[Segment], by_document: bool) -> list[list[int]]:
    groups: list[list[int]] = []
    for index, segment in enumerate(segments):
        previous = segments[index - 1] if index else None
        same = (by_document and previous is not None and segment.doc is not None
                and (previous.pair, previous.doc) == (segment.pair, segment.doc))
        if same:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _shift(finding: Finding, offset: int, length: int, source_offset: int = 0) -> Finding:
    """A finding of the joined document as a finding of the segment at `offset` (its source
    span, if any, shifted to the segment's source, which starts at `source_offset`)."""
    fixes = tuple(replace(fix, edits=tuple(Edit(e.start - offset, e.end - offset, e.replacement) for e in fix.edits))
                  for fix in finding.fixes)
    fixes = tuple(fix for fix in fixes if all(0 <= e.start <= e.end <= length for e in fix.edits))
    source_span = finding.source_span
    if source_span is not None:
        source_span = (source_span[0] - source_offset, source_span[1] - source_offset)
    return replace(finding, start=finding.start - offset, end=min(finding.end - offset, length), fixes=fixes,
                   source_span=source_span)


def _offsets(parts: list[str]) -> list[int]:
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part) + len(SEPARATOR)
    return offsets


def split_findings(parts: list[str], findings, sources: list[str] | None = None) -> list[list[Finding]]:
    """The findings of `SEPARATOR.join(parts)`, each given to the part it starts in, in its offsets;
    a fix that would reach into the next part is dropped. `sources`: the parts' source segments,
    to which bilingual findings' source spans are shifted likewise."""
    offsets = _offsets(parts)
    source_offsets = _offsets(sources) if sources is not None else [0] * len(parts)
    shares: list[list[Finding]] = [[] for _ in parts]
    for finding in findings:
        index = max(0, bisect.bisect_right(offsets, finding.start) - 1)
        shares[index].append(_shift(finding, offsets[index], len(parts[index]), source_offsets[index]))
    return shares


_STATE: dict = {}  # what a batch needs: set in the parent before forking, read in the workers


def score_batch(unit_ids: list[int]) -> Tally:
    segments, units, linter, lexicons, proof = (_STATE[k] for k in ("segments", "units", "linter", "lexicons", "proof"))
    ruleset, lint_context = linter.setup_for(None)
    batch = [units[i] for i in unit_ids]
    texts = [[segments[s].text_of(u.side, u.name) for s in u.segments] for u in batch]
    sources = [[segments[s].source for s in u.segments] for u in batch]
    # Each text next to its source, segment by segment: the bilingual rules run too.
    docs = [pair_segments(parts, source, segments[u.segments[0]].source_language, SEPARATOR)
            for u, parts, source in zip(batch, texts, sources)]
    tally = Tally()
    for unit, parts, source, (findings, failures) in zip(batch, texts, sources, lint_documents(docs, ruleset, lint_context)):
        tally.failures.update(f"{f.rule}: {f.message}" for f in failures)
        for index, text, found in zip(unit.segments, parts, split_findings(parts, findings, source)):
            segment = segments[index]
            tally.add_text(unit.side, unit.name, segment, text, found, lexicons[segment.source_language], proof)
    return tally


def _jobs(jobs: int | None) -> int:
    return worker_count(jobs)


def tally_units(segments: list[Segment], units: list[Unit], linter, jobs: int | None = None, progress=None) -> Tally:
    """Score every unit, on `jobs` forked workers when there is enough to share."""
    import multiprocessing  # start-up: only runs that fork workers pay for it

    lexicons = {s.source_language: EnglishLexicon(s.source_language) for s in segments}
    for lexicon in lexicons.values():  # load wordfreq's lists once, before forking
        lexicon("the")
    linter.setup_for(None)
    size = max(1, min(64, len(units) // (_jobs(jobs) * 16) or 1))
    batches = [list(range(start, min(start + size, len(units)))) for start in range(0, len(units), size)]
    _STATE.update(segments=segments, units=units, linter=linter, lexicons=lexicons, proof=BilingualProof())
    total = Tally()
    try:
        if _jobs(jobs) <= 1 or len(batches) < 4 or "fork" not in multiprocessing.get_all_start_methods():
            results = map(score_batch, batches)
            _merge_all(total, zip(batches, results), progress)
        else:
            with multiprocessing.get_context("fork").Pool(_jobs(jobs)) as pool:
                _merge_all(total, zip(batches, pool.imap(score_batch, batches)), progress)
    finally:
        _STATE.clear()
    return total


def _merge_all(total: Tally, done, progress) -> None:
    for batch, tally in done:
        total.merge(tally)
        if progress is not None:
            progress.advance(len(batch))


def references_report(path: str, linter, systems: tuple[str, ...] = (), pairs: tuple[str, ...] = (),
                      limit: int | None = None, by_document: bool = True, jobs: int | None = None,
                      progress=None) -> ReferencesReport:
    """Score `linter` on the file. `progress(total)` may return an object whose `advance(n)` is
    called as texts are done."""
    if importlib.util.find_spec("wordfreq") is None:  # the untranslated-word class needs it: say so before any work
        raise EvalInputError("eval --references needs the wordfreq package: pip install 'tqlint[eval]'")
    segments = read_segments(path, systems, pairs, limit)
    units = build_units(segments, by_document)
    bar = progress(len(units)) if progress else None
    try:
        tally = tally_units(segments, units, linter, jobs, bar)
    finally:
        if bar is not None:
            bar.close()
    return build_report(path, segments, by_document, len(linter.setup_for(None)[0].rules), tally)
