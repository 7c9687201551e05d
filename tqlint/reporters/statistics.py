"""`--statistics`: how many findings each rule raised, most first, as ruff prints it."""

from __future__ import annotations

from collections import Counter


def render_statistics(files) -> str:
    counts: Counter = Counter()
    fixable: Counter = Counter()
    for result in files:
        for finding in result.findings:
            counts[finding.rule] += 1
            fixable[finding.rule] += bool(finding.fixes and finding.fixes[0].safe)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    rule_width = max(len(rule) for rule in counts)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if fixable[rule] == count else "[-]" if fixable[rule] else "   "
        lines.append(f"{count:>{width}}  {rule:<{rule_width}}  {mark}")
    lines.append("[*] every finding has a safe fix (`tqlint fix`); [-] some have")
    return "\n".join(lines) + "\n"
