"""Text output for people: where, what, the line with the span underlined, and the fix."""

from __future__ import annotations

import re
from collections import Counter

from tqlint.text.document import LineIndex

_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
_CONTEXT = 50  # characters of context either side of a span on very long lines
# Characters one column wide on their own and in any sequence of them (wcwidth says so for every
# one, tests/test_text_width.py proves it): Latin, Greek, Cyrillic, general punctuation and
# currency signs. A line of only these is measured without importing wcwidth (10 ms of a cold start).
_NARROW = re.compile("[\x20-\x7e\xa1-\xac\xae-\u02ff\u038e-\u03a1\u03a3-\u0482\u048a-\u052f"
                     "\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*")


def _style(text: str, color: bool, **style) -> str:
    if not color:
        return text
    import click  # only for colour: the API and editors render without click

    return click.style(text, **style)


def _width(text: str) -> int:
    """Terminal columns, as wcwidth measures them: wide CJK characters and emoji take two,
    combining marks, zero-width joiners and emoji sequences' joined parts none."""
    if _NARROW.fullmatch(text):
        return len(text)  # (what wcswidth says, without importing it)
    from wcwidth import wcswidth  # start-up: only for text beyond printable ASCII

    width = wcswidth(text)
    if width >= 0:
        return width
    # A control character has no width of its own (wcswidth says -1): count the rest.
    return sum(max(0, wcswidth(c)) for c in text)


def _excerpt(text: str, lines: LineIndex, start: int, end: int) -> tuple[str, str]:
    line, _ = lines.position(start)
    line_start, line_end = lines.line_bounds(line)
    line_end = len(text) if line_end < 0 else line_end
    content = text[line_start:line_end].rstrip("\r")
    span_start, span_end = start - line_start, min(end, line_start + len(content)) - line_start
    left, right, prefix, suffix = 0, len(content), "", ""
    if len(content) > 2 * _CONTEXT + (span_end - span_start):
        left = max(0, span_start - _CONTEXT)
        right = min(len(content), span_end + _CONTEXT)
        prefix = "…" if left else ""
        suffix = "…" if right < len(content) else ""
    shown = prefix + content[left:right].replace("\t", " ") + suffix
    pad = _width(prefix + content[left:span_start].replace("\t", " "))
    marks = max(1, _width(content[span_start:span_end]))
    return shown, " " * pad + "^" * marks


def _describe_fix(finding) -> str | None:
    if finding.fixes:
        fix = finding.fixes[0]
        tag = "" if fix.safe else " (unsafe: review before applying)"
        others = f" (+{len(finding.fixes) - 1} more)" if len(finding.fixes) > 1 else ""
        return f"→ {fix.title}{tag}{others}"
    if finding.no_fix_reason:
        return f"→ no automatic fix: {finding.no_fix_reason}"
    return None


def render_text(files, color: bool = False, quiet: bool = False) -> str:
    out: list[str] = []
    tally: Counter[str] = Counter()
    # A check that could not run at all (LanguageTool unreachable) fails the same way on every
    # file: say so once for the run, not once per file.
    shared = Counter(failure for result in files if not result.error for failure in set(result.failures))
    for failure, count in shared.items():
        if count > 1:
            out.append(f"{_style('tqlint', color, bold=True)}: {_style('check not run', color, fg='red')}: {failure} ({count} files)")
    for result in files:
        if result.error:
            tally["unreadable"] += 1
            out.append(f"{_style(result.path, color, bold=True)}: {_style('error', color, fg='red', bold=True)}: {result.error}")
            continue
        out += [f"{_style(result.path, color, bold=True)}: {_style('rule error', color, fg='red')}: {failure}"
                for failure in result.failures if shared[failure] <= 1]
        if result.write_error:
            tally["unwritten"] += 1
            out.append(f"{_style(result.path, color, bold=True)}: {_style('error', color, fg='red', bold=True)}: {result.write_error}")
        out += _findings(result, color, quiet, tally)
    summary = _summary(tally, len(files))
    if not quiet or summary[1]:
        out.append(("\n" if out else "") + _style(summary[0], color, bold=True))
    return "\n".join(out) + "\n"


def _findings(result, color: bool, quiet: bool, tally: Counter) -> list[str]:
    """The lines of one file's findings (each with its excerpt and fix unless `quiet`)."""
    if not result.findings:
        return []
    out = []
    lines = LineIndex(result.text)
    for f in result.findings:
        severity = str(f.severity)
        tally[severity] += 1
        tally["fixable"] += bool(f.fixes and f.fixes[0].safe)
        tally["unsafe"] += bool(f.fixes and not f.fixes[0].safe)
        line, col = lines.position(f.start)
        out.append(
            f"{_style(f'{result.path}:{line}:{col}', color, bold=True)}: "
            f"{_style(severity, color, fg=_SEVERITY_COLORS[severity], bold=True)} "
            f"{_style(f'[{f.rule}]', color, dim=True)} {f.message}"
        )
        if quiet:
            continue
        shown, marks = _excerpt(result.text, lines, f.start, f.end)
        out.append(f"    {shown}")
        out.append(f"    {_style(marks, color, fg=_SEVERITY_COLORS[severity])}")
        described = _describe_fix(f)
        if described:
            out.append(f"    {_style(described, color, fg='green')}")
    return out


def _summary(tally: Counter, file_count: int) -> tuple[str, bool]:
    """The closing line, and whether it must be shown even when quiet (findings or errors)."""
    counts = {name: tally[name] for name in ("error", "warning", "info")}
    total, errors, unwritten = sum(counts.values()), tally["unreadable"], tally["unwritten"]
    parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
    summary = f"{total} finding{'s' if total != 1 else ''} in {file_count} file{'s' if file_count != 1 else ''}"
    if parts:
        summary += f" ({', '.join(parts)})"
    if tally["fixable"]:
        summary += f"; {tally['fixable']} fixable with `tqlint fix`"
    if tally["unsafe"]:
        summary += f"; {tally['unsafe']} more with `tqlint fix --unsafe-fixes` (review those)"
    if errors:
        summary += f"; {errors} file{'s' if errors != 1 else ''} could not be read"
    if unwritten:
        summary += f"; {unwritten} file{'s' if unwritten != 1 else ''} could not be written"
    return summary, bool(total or errors or unwritten)
