"""The JSON contract editors build on (version 1). See docs/json-output.md; keep it stable:
add fields, never rename or remove them without bumping `version`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from json.encoder import encode_basestring  # the one-line encoder's own string quoting (C), ensure_ascii=False
from pathlib import Path

from tqlint import __version__
from tqlint.reporters.links import help_uri
from tqlint.reporters.table import ranked, summarize
from tqlint.text.document import LineIndex

JSON_VERSION = 1
# Containers this deep (each finding, each summary table) are written on one line by the C
# encoder (a report's findings by finding_to_json, which writes the encoder's very text); the
# levels above are indented. One finding per line reads and greps well, and a
# report of 66,000 findings renders in a second instead of four (the standard library's indenting
# encoder is pure Python) without building millions of small strings first.
ONE_LINE_DEPTH = 4
_ONE_LINE = json.JSONEncoder(ensure_ascii=False)
# The contract as a JSON Schema (draft 2020-12), shipped in the package for integrations.
SCHEMA_PATH = Path(__file__).with_name("json-output.schema.json")


def _position(lines: LineIndex, offset: int) -> dict:
    line, column = lines.position(offset)
    return {"offset": offset, "line": line, "column": column}


def finding_to_dict(finding, lines: LineIndex) -> dict:
    data = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": str(finding.severity),
        "message": finding.message,
        "start": _position(lines, finding.start),
        "end": _position(lines, finding.end),
        "text": finding.text,
        "fixes": [
            {
                "title": fix.title,
                "safe": fix.safe,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
            }
            for fix in finding.fixes
        ],
    }
    if finding.no_fix_reason:
        data["no_fix_reason"] = finding.no_fix_reason
    uri = help_uri(finding.rule)
    if uri:
        data["help_uri"] = uri
    if finding.source_span:  # bilingual findings: the source text compared with (offsets into the source)
        data["source"] = {"start": finding.source_span[0], "end": finding.source_span[1]}
    return data


class Encoded(str):
    """A value already written as one line of JSON: iter_layout writes it as it stands."""

    __slots__ = ()


def finding_to_json(finding, lines: LineIndex) -> Encoded:
    """`finding_to_dict(finding, lines)` exactly as the one-line encoder writes it (same keys,
    order, separators and string quoting), put together directly: no dict per finding, per
    position, fix and edit for the encoder to walk. Half the JSON report's time on a file of
    66,000 findings. tests/test_reporters.py holds the two to the same text."""
    quote = encode_basestring
    line, column = lines.position(finding.start)
    end_line, end_column = lines.position(finding.end)
    parts = [
        _head(finding.rule, finding.category, finding.severity, finding.message),
        f', "start": {{"offset": {int(finding.start)}, "line": {line}, "column": {column}}}',
        f', "end": {{"offset": {int(finding.end)}, "line": {end_line}, "column": {end_column}}}',
        ', "text": ', quote(finding.text), ', "fixes": [',
    ]
    separator = "{"
    for fix in finding.fixes:
        parts += (separator, '"title": ', quote(fix.title), ', "safe": ', "true" if fix.safe else "false", ', "edits": [')
        edit_separator = "{"
        for e in fix.edits:
            parts += (edit_separator, f'"start": {int(e.start)}, "end": {int(e.end)}, "replacement": ', quote(e.replacement), "}")
            edit_separator = ", {"
        parts.append("]}")
        separator = ", {"
    parts.append(_tail(finding.rule, finding.no_fix_reason))
    if finding.source_span:
        parts.append(f', "source": {{"start": {int(finding.source_span[0])}, "end": {int(finding.source_span[1])}}}')
    parts.append("}")
    return Encoded("".join(parts))


# What a rule's findings share, written once per rule (and message): typed, so that a plain 2
# is never taken for Severity.WARNING, which hashes and compares equal to it.
@lru_cache(maxsize=4096, typed=True)
def _head(rule: str, category: str, severity, message: str) -> str:
    quote = encode_basestring
    return (f'{{"rule": {quote(rule)}, "category": {quote(category)}, "severity": {quote(str(severity))}, '
            f'"message": {quote(message)}')


@lru_cache(maxsize=4096, typed=True)
def _tail(rule: str, no_fix_reason: str | None) -> str:
    """The end of the fixes list, the reason there is none and the rule's help link."""
    tail = "]"
    if no_fix_reason:
        tail += ', "no_fix_reason": ' + encode_basestring(no_fix_reason)
    uri = help_uri(rule)
    if uri:
        tail += ', "help_uri": ' + encode_basestring(uri)
    return tail


def file_to_dict(result, lazy: bool = False) -> dict:
    """The file's entry; `lazy`: its findings as an iterator, each written as JSON (Encoded)
    as the renderer reaches it, so a file of 66,000 findings never holds them all at once."""
    data: dict = {"path": result.path}
    if getattr(result, "dataset", None):  # a dataset's record (tqlint.text.datasets.RecordResult)
        data["dataset"] = result.dataset
        if result.record is not None:
            data["record"] = result.record
    if result.error:
        data["error"] = result.error
        return data
    lines = LineIndex(result.text)
    if lazy:
        data["findings"] = (finding_to_json(f, lines) for f in result.findings)
    else:
        data["findings"] = [finding_to_dict(f, lines) for f in result.findings]
    if result.failures:
        data["rule_errors"] = list(result.failures)
    if result.write_error:
        data["write_error"] = result.write_error
    return data


def to_document(files, lazy: bool = False) -> dict:
    by_rule, by_category = summarize(files)
    return {
        "version": JSON_VERSION,
        "tool": {"name": "tqlint", "version": __version__},
        "files": [file_to_dict(f, lazy) for f in files],
        "summary": {
            "files": len(files),
            "findings": sum(len(f.findings) for f in files),
            "errors": sum(1 for f in files if f.error or f.write_error),
            "by_rule": dict(ranked(by_rule)),
            "by_category": dict(ranked(by_category)),
        },
    }


def json_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def iter_layout(value, depth: int = 0) -> Iterator[str]:
    """`value` as JSON, in pieces: containers above ONE_LINE_DEPTH indented by two spaces a
    level, each deeper value on one line. Written out piece by piece, a report of tens of
    thousands of findings never exists whole in memory (as dicts or as one string)."""
    if value.__class__ is Encoded:
        yield value
        return
    if depth >= ONE_LINE_DEPTH or not isinstance(value, (dict, list, Iterator)):
        yield _ONE_LINE.encode(value)
        return
    pad = "\n" + "  " * (depth + 1)
    pairs = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    brackets = "{}" if isinstance(value, dict) else "[]"
    separator = brackets[0] + pad
    flat = depth + 1 >= ONE_LINE_DEPTH  # every item on one line: encode it here, no generator each
    encode = _ONE_LINE.encode
    for key, item in pairs:  # a list's items, or an iterator's (a lazy document's findings)
        yield separator if key is None else separator + encode(str(key)) + ": "
        if flat:
            yield item if item.__class__ is Encoded else encode(item)
        else:
            yield from iter_layout(item, depth + 1)
        separator = "," + pad
    yield brackets if separator != "," + pad else "\n" + "  " * depth + brackets[1]


def dumps_layout(value, depth: int = 0) -> str:
    return "".join(iter_layout(value, depth))


def iter_json(files) -> Iterator[str]:
    """The JSON report in pieces (see iter_layout); "".join() of them is render_json's text."""
    yield from iter_layout(to_document(files, lazy=True))
    yield "\n"


def render_json(files) -> str:
    return "".join(iter_json(files))
