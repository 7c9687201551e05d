"""Text and JSON for `tqlint eval --references` and `--annotations` (pure: report → str or dict)."""

from __future__ import annotations

from tqlint.eval.annotations import AGGREGATES, AnnotationsReport
from tqlint.eval.common import percent as pct
from tqlint.eval.measure import context, per_thousand, rate, ratio
from tqlint.eval.tally import MT, REF, ReferencesReport

COMMONEST_BAD_FIXES = 15


def _rules_fired(report: ReferencesReport, side: str) -> int:
    return sum(1 for row in report.rules if (row.mt if side == MT else row.refs))


def references_to_json(report: ReferencesReport) -> dict:
    (mt_words, ref_words), findings = report.words, {side: report.findings(side) for side in (MT, REF)}
    return {
        "file": report.path, "segments": report.segments, "pairs": list(report.pairs),
        "systems": list(report.systems), "references": list(report.references),
        "unit": "document" if report.by_document else "segment",
        "mt": {"texts": report.texts[0], "words": mt_words, "findings": findings[MT],
               "per_1000_words": per_thousand(findings[MT], mt_words), "rules_fired": _rules_fired(report, MT)},
        "refs": {"texts": report.texts[1], "words": ref_words, "findings": findings[REF],
                 "per_1000_words": per_thousand(findings[REF], ref_words), "rules_fired": _rules_fired(report, REF)},
        "rules_total": report.rules_total,
        "rules_fired": len(report.rules),
        "by_rule": {row.rule: {"category": row.category, "mt": row.mt, "refs": row.refs,
                               "mt_per_1000_words": per_thousand(row.mt, mt_words),
                               "refs_per_1000_words": per_thousand(row.refs, ref_words),
                               "fixes": {"good": row.good, "bad": row.bad, "not_judged": row.not_judged}}
                    for row in report.rules},
        "fixes": {scope: {"good": good, "bad": bad, "not_judged": unjudged, "bad_rate": ratio(bad, good + bad)}
                  for scope, good, bad, unjudged in report.verdicts},
        "bad_fixes": [{"rule": b.rule, "original": b.original, "fixed": b.fixed, "count": b.count, "where": b.where}
                      for b in report.bad_fixes],
        "proven": {c.cls: {"errors": c.errors, "caught": c.caught, "recall": ratio(c.caught, c.errors),
                           "by_pair": {p: {"errors": e, "caught": k} for p, e, k in c.by_pair},
                           "caught_by": dict(c.by_rule)} for c in report.classes},
        "proven_total": _proven_total(report),
        "by_system": [{"side": s.side, "name": s.name, "words": s.words, "findings": s.findings,
                       "per_1000_words": per_thousand(s.findings, s.words)} for s in report.by_system],
        "misses": [{"class": m.cls, "where": m.where, "text": m.text, "start": m.start, "end": m.end,
                    "context": context(m.mt, m.start, m.end)} for m in report.misses],
        "failures": list(report.failures),
    }


def _proven_total(report: ReferencesReport) -> dict:
    errors = sum(c.errors for c in report.classes)
    caught = sum(c.caught for c in report.classes)
    return {"errors": errors, "caught": caught, "recall": ratio(caught, errors)}


def render_references(report: ReferencesReport, verbose: bool = False) -> str:
    out = _header(report)
    out += [""] + _proven_lines(report)
    out += [""] + _fix_lines(report, verbose)
    out += [""] + _rule_lines(report)
    out += [""] + _system_lines(report)
    if verbose:
        out += [""] + _miss_lines(report)
    elif report.misses:
        out += ["", f"{len(report.misses)} proven errors missed (-v lists them)"]
    out += [f"tqlint: check not run: {failure}" for failure in report.failures]
    return "\n".join(out) + "\n"


def _header(report: ReferencesReport) -> list[str]:
    (mt_words, ref_words) = report.words
    mt, refs = report.findings(MT), report.findings(REF)
    mt_rate, ref_rate = per_thousand(mt, mt_words), per_thousand(refs, ref_words)
    ratio_text = f", MT/references {mt_rate / ref_rate:.1f}×" if mt_rate and ref_rate else ""
    return [
        f"References: {report.path}",
        f"  {report.segments:,} segments ({', '.join(report.pairs) or 'none'}), linted by "
        f"{'document' if report.by_document else 'segment'}",
        f"  systems: {', '.join(report.systems) or 'none'}; references: {', '.join(report.references) or 'none'}",
        f"  MT: {report.texts[0]:,} texts, {mt_words:,} words; references: {report.texts[1]:,} texts, {ref_words:,} words",
        "",
        f"Findings per 1,000 words: MT {rate(mt_rate)} ({mt:,}), references {rate(ref_rate)} ({refs:,}){ratio_text}",
        f"Rules that fired: {len(report.rules)} of {report.rules_total} "
        f"(on MT {_rules_fired(report, MT)}, on references {_rules_fired(report, REF)})",
    ]


def _proven_lines(report: ReferencesReport) -> list[str]:
    out = ["Errors the source and the references prove (caught: a finding overlaps the error):",
           f"  {'class':<18} {'errors':>7} {'caught':>7} {'recall':>7}   caught by"]
    for c in report.classes:
        rules = ", ".join(f"{rule} {n}" for rule, n in c.by_rule[:3])
        out.append(f"  {c.cls:<18} {c.errors:>7,} {c.caught:>7,} {pct(c.caught, c.errors):>7}   {rules}")
    total = _proven_total(report)
    out.append(f"  {'all':<18} {total['errors']:>7,} {total['caught']:>7,} {pct(total['caught'], total['errors']):>7}")
    return out


def _fix_lines(report: ReferencesReport, verbose: bool) -> list[str]:
    out = ["First fixes of MT findings, judged against the references (good: the fixed words stand in a "
           "reference and the original do not; bad: the reverse):",
           f"  {'':<8} {'good':>6} {'bad':>6} {'not judged':>11}   bad rate of judged"]
    for scope, good, bad, unjudged in report.verdicts:
        out.append(f"  {scope:<8} {good:>6,} {bad:>6,} {unjudged:>11,}   {pct(bad, good + bad)}")
    shown = report.bad_fixes if verbose else report.bad_fixes[:COMMONEST_BAD_FIXES]
    if shown:
        out.append("Bad fixes, commonest first:" if verbose else "Commonest bad fixes:")
        for b in shown:
            out.append(f"  {b.count:>5}  {b.rule}  {b.original!r} → {b.fixed!r}  ({b.where})")
        if len(shown) < len(report.bad_fixes):
            out.append(f"  … {len(report.bad_fixes) - len(shown)} more (-v lists them)")
    return out


def _rule_lines(report: ReferencesReport) -> list[str]:
    mt_words, ref_words = report.words
    width = max([len("rule")] + [len(row.rule) for row in report.rules])
    out = ["Per rule: findings on MT and references, per 1,000 words; its MT findings' first fixes:",
           f"  {'rule':<{width}} {'MT':>6} {'/1k':>6} {'refs':>6} {'/1k':>6} {'good':>5} {'bad':>5} {'n/j':>5}"]
    for row in report.rules:
        out.append(f"  {row.rule:<{width}} {row.mt:>6,} {rate(per_thousand(row.mt, mt_words), 3):>6} "
                   f"{row.refs:>6,} {rate(per_thousand(row.refs, ref_words), 3):>6} "
                   f"{row.good:>5} {row.bad:>5} {row.not_judged:>5}")
    return out


def _system_lines(report: ReferencesReport) -> list[str]:
    out = ["Findings per 1,000 words by system:"]
    for s in report.by_system:
        name = s.name if s.side == MT else f"reference {s.name}"
        out.append(f"  {name:<24} {s.words:>10,} words {s.findings:>7,} findings {rate(per_thousand(s.findings, s.words)):>7}")
    return out


def _miss_lines(report: ReferencesReport) -> list[str]:
    out = ["Proven errors missed:"]
    for m in report.misses:
        out.append(f"  {m.cls:<16} {m.where}: {m.text!r}  {context(m.mt, m.start, m.end)}")
    return out


# ---------------------------------------------------------------------------------------------
# `tqlint eval --annotations`


def annotations_to_json(report: AnnotationsReport) -> dict:
    totals = report.totals()
    return {
        "file": report.path, "texts": report.texts, "words": report.words, "systems": list(report.systems),
        "recall": {c.cls: {"annotations": c.annotations, "caught": c.caught, "recall": ratio(c.caught, c.annotations),
                           "editor_fix": c.fixed, "caught_by": dict(c.by_rule)} for c in report.classes},
        "aggregates": {name: _aggregate_json(report, classes) for name, classes in AGGREGATES},
        "all": _aggregate_json(report, tuple(c.cls for c in report.classes)),
        "findings": totals["findings"], "confirmed": totals["confirmed"],
        "precision": ratio(totals["confirmed"], totals["findings"]),
        "per_1000_words": per_thousand(totals["findings"], report.words),
        "fixes": {"confirmed_with_fix": totals["with_fix"], "editor_fix": totals["yields"],
                  "rate": ratio(totals["yields"], totals["with_fix"])},
        "by_rule": {r.rule: {"findings": r.findings, "confirmed": r.confirmed, "precision": ratio(r.confirmed, r.findings),
                             "confirmed_with_fix": r.with_fix, "editor_fix": r.yields} for r in report.rules},
        "misses": [{"class": m.cls, "where": m.where, "text": m.annotation.text, "fix": m.annotation.fix,
                    "start": m.annotation.start, "end": m.annotation.end, "context": m.context} for m in report.misses],
        "unconfirmed": [{"where": u.where, "rule": u.rule, "text": u.text, "message": u.message, "context": u.context}
                        for u in report.unconfirmed],
        "failures": list(report.failures),
    }


def _aggregate_json(report: AnnotationsReport, classes: tuple[str, ...]) -> dict:
    annotations, caught, fixed = report.aggregate(classes)
    return {"classes": list(classes), "annotations": annotations, "caught": caught, "recall": ratio(caught, annotations),
            "editor_fix": fixed}


def render_annotations(report: AnnotationsReport, verbose: bool = False) -> str:
    totals = report.totals()
    out = [f"Annotations: {report.path} ({report.texts} texts, {report.words:,} words; "
           f"systems: {', '.join(report.systems) or 'none'})", "",
           "Recall (annotations a finding overlaps):",
           f"  {'class':<28} {'marked':>7} {'caught':>7} {'recall':>7} {'fixed':>6}   caught by"]
    for c in report.classes:
        rules = ", ".join(f"{rule} {n}" for rule, n in c.by_rule[:3])
        out.append(f"  {c.cls:<28} {c.annotations:>7} {c.caught:>7} {pct(c.caught, c.annotations):>7} {c.fixed:>6}   {rules}")
    for name, classes in AGGREGATES + (("all", tuple(c.cls for c in report.classes)),):
        annotations, caught, fixed = report.aggregate(classes)
        out.append(f"  {name:<28} {annotations:>7} {caught:>7} {pct(caught, annotations):>7} {fixed:>6}")
    out += ["", f"Precision: {totals['confirmed']} of {totals['findings']} findings overlap an annotation "
                f"({pct(totals['confirmed'], totals['findings'])}); "
                f"{rate(per_thousand(totals['findings'], report.words))} findings per 1,000 words",
            f"Editor's fix: the first fix of {totals['yields']} of {totals['with_fix']} confirmed findings with a fix "
            f"makes exactly the editor's fix ({pct(totals['yields'], totals['with_fix'])}); "
            f"fixed: caught annotations that the first fixes of the findings over them mend as the editor did"]
    out += [""] + _annotation_rule_lines(report)
    if verbose:
        out += [""] + _annotation_detail_lines(report)
    elif report.misses or report.unconfirmed:
        out += ["", f"{len(report.misses)} annotations missed, {len(report.unconfirmed)} findings unconfirmed (-v lists them)"]
    out += [f"tqlint: check not run: {failure}" for failure in report.failures]
    return "\n".join(out) + "\n"


def _annotation_rule_lines(report: AnnotationsReport) -> list[str]:
    width = max([len("rule")] + [len(r.rule) for r in report.rules])
    out = ["Per rule:", f"  {'rule':<{width}} {'findings':>8} {'confirmed':>9} {'precision':>9} {'fixes':>6} {'editor':>6}"]
    for r in report.rules:
        out.append(f"  {r.rule:<{width}} {r.findings:>8} {r.confirmed:>9} {pct(r.confirmed, r.findings):>9} "
                   f"{r.with_fix:>6} {r.yields:>6}")
    return out


def _annotation_detail_lines(report: AnnotationsReport) -> list[str]:
    out = ["Missed annotations, by class:"]
    order = [c.cls for c in report.classes]
    for m in sorted(report.misses, key=lambda m: order.index(m.cls)):
        out.append(f"  {m.cls:<14} {m.where}: {m.annotation.text!r} → {m.annotation.fix!r}  {m.context}")
    out.append("Findings no annotation confirms:")
    for u in report.unconfirmed:
        out.append(f"  [{u.rule}] {u.where}: {u.text!r}  {u.context}")
    return out
