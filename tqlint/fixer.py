"""Applying fixes: pure functions from text and fixes to new text. Nothing here touches a file."""

from __future__ import annotations

from tqlint.finding import Edit, Finding, Fix


def _collides(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start  # two insertions at one point: their order would be a guess
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_fixes(text: str, fixes) -> tuple[str, list[Fix], list[Fix]]:
    """Apply each fix whole or not at all. Earlier fixes (in the order given) win collisions, so
    the outcome is deterministic. → (new text, applied fixes, rejected fixes)."""
    accepted: list[Edit] = []
    applied, rejected = [], []
    for fix in fixes:
        if any(e.start < 0 or e.end > len(text) or e.start > e.end for e in fix.edits) or any(
            _collides(e, other) for e in fix.edits for other in accepted
        ) or any(_collides(a, b) for i, a in enumerate(fix.edits) for b in fix.edits[i + 1:]):
            rejected.append(fix)
            continue
        accepted.extend(fix.edits)
        applied.append(fix)
    pieces = []
    cursor = 0
    for edit in sorted(accepted, key=lambda e: (e.start, e.end)):
        pieces.append(text[cursor:edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), applied, rejected


def apply_edits(text: str, edits) -> tuple[str, list[Edit]]:
    """Apply independent edits; → (new text, rejected edits)."""
    new_text, _, rejected = apply_fixes(text, [Fix("", (e,), True) for e in edits])
    return new_text, [f.edits[0] for f in rejected]


def chosen_fixes(findings, unsafe: bool = False) -> list[Fix]:
    """The first fix of each finding that may be applied, in finding order."""
    chosen = []
    for finding in findings:
        for fix in finding.fixes:
            if fix.safe or unsafe:
                chosen.append(fix)
                break
    return chosen


def fix_until_stable(text: str, lint, unsafe: bool = False, max_rounds: int = 10):
    """Lint, apply, re-lint until no fix applies (fixes of one rule can expose another's
    problem). `lint(text) -> findings`. → (text, findings left, number of fixes applied)."""
    applied_total = 0
    findings: list[Finding] = lint(text)
    for _ in range(max_rounds):
        fixes = chosen_fixes(findings, unsafe)
        if not fixes:
            break
        new_text, applied, _ = apply_fixes(text, fixes)
        if not applied or new_text == text:
            break
        applied_total += len(applied)
        text = new_text
        findings = lint(text)
    return text, findings, applied_total
