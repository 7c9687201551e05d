"""Hover on a finding: its message, its fixes, and the rule explained as `tqlint explain`
explains it (what the rule catches, why, its examples), with a link to its documentation."""

from __future__ import annotations

import re

from lsprotocol import types

from tqlint.finding import Finding
from tqlint.lsp.diagnostics import finding_message, fix_title
from tqlint.lsp.worker import RuleInfo


def _fix_lines(finding: Finding) -> list[str]:
    if finding.fixes:
        return [f"→ {fix_title(fix)}" for fix in finding.fixes]
    return [f"→ no automatic fix: {finding.no_fix_reason}"] if finding.no_fix_reason else []


def hover_text(findings: list[Finding], rules: dict[str, RuleInfo], markdown: bool = True) -> str:
    """What the hover shows for the findings under the cursor, in Markdown or plain text."""
    parts = []
    for finding in findings:
        info = rules.get(finding.rule) or RuleInfo(None, None)
        fixes = _fix_lines(finding)
        if markdown:
            lines = [f"**{finding.rule}** ({finding.severity}): {_escape(finding_message(finding))}", ""]
            lines += [f"- {_escape(line)}" for line in fixes]
            if info.href:
                lines += ["", f"[Documentation]({info.href})"]
            if info.explanation:
                fence = _fence(info.explanation)
                lines += ["", f"{fence}text", info.explanation.rstrip("\n"), fence]
        else:
            lines = [f"{finding.rule} ({finding.severity}): {finding_message(finding)}", *fixes]
            if info.href:
                lines.append(f"Documentation: {info.href}")
            if info.explanation:
                lines += ["", info.explanation.rstrip("\n")]
        parts.append("\n".join(lines))
    return ("\n\n---\n\n" if markdown else "\n\n").join(parts)


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in `text` (rule examples may quote code)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _escape(text: str) -> str:
    """Markdown punctuation in fix titles ('Replace '*' with …') shown as itself."""
    return "".join("\\" + char if char in "\\`*_[]<>#|" else char for char in text)


def to_hover(findings: list[Finding], rules: dict[str, RuleInfo], hover_range: types.Range,
             markdown: bool) -> types.Hover:
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=hover_text(findings, rules, markdown)),
                       range=hover_range)
