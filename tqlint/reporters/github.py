"""GitHub Actions workflow commands: findings appear as annotations on the pull request."""

from __future__ import annotations

from tqlint.text.document import LineIndex

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(files) -> str:
    out = []
    for result in files:
        if result.error:
            out.append(f"::error file={_escape_property(result.path)}::{_escape_data(result.error)}")
            continue
        if result.write_error:
            out.append(f"::error file={_escape_property(result.path)}::{_escape_data(result.write_error)}")
        lines = LineIndex(result.text)
        for f in result.findings:
            line, col = lines.position(f.start)
            end_line, end_col = lines.position(f.end)
            fix = f" → {f.fixes[0].title}" if f.fixes else ""
            props = [f"file={_escape_property(result.path)}", f"line={line}", f"col={col}",
                     f"endLine={end_line}", f"endColumn={end_col}", f"title={_escape_property('tqlint ' + f.rule)}"]
            out.append(f"::{_LEVELS[str(f.severity)]} {','.join(props)}::{_escape_data(f.message + fix)}")
    return "\n".join(out) + ("\n" if out else "")
