"""A baseline: the findings an archive already has, recorded once, so that adopting tqlint fails
only on new ones (`--baseline FILE`, written with `--write-baseline`).

A finding is known by its file (relative to the baseline's folder), rule and flagged text, not
by its line: edits elsewhere in the file move it without making it new. Where a file has three
known "grew with" and now has four, one is new. Paths compare as written relative to the
baseline, so the file can live in the repository and be reviewed like code.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace

from tqlint.finding import FileResult
from tqlint.text.files import write_atomically

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be read: the message says what and where."""


def _key(base: str, path: str, finding) -> tuple[str, str, str]:
    relative = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
    return relative, finding.rule, finding.text


def write_baseline(path: str, files) -> int:
    """Record every finding of `files` in `path` (atomically). → findings recorded."""
    base = os.path.dirname(os.path.abspath(path))
    counts: Counter = Counter(_key(base, result.path, f) for result in files for f in result.findings)
    entries = [{"path": p, "rule": r, "text": t, "count": n} for (p, r, t), n in sorted(counts.items())]
    data = json.dumps({"version": FORMAT, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    write_atomically(path, data.encode("utf-8"))
    return sum(counts.values())


def read_baseline(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a tqlint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a tqlint baseline of version {FORMAT} (write one with --write-baseline)")
    known: Counter = Counter()
    for index, entry in enumerate(data["findings"]):
        try:
            known[(str(entry["path"]), str(entry["rule"]), str(entry["text"]))] += int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: entry {index + 1} needs path, rule, text and count") from None
    return known


def new_findings(files, baseline_path: str, known: Counter) -> list[FileResult]:
    """`files` with the findings the baseline knows taken out (first come, first known)."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    left = Counter(known)
    kept = []
    for result in files:
        fresh = []
        for finding in result.findings:
            key = _key(base, result.path, finding)
            if left[key] > 0:
                left[key] -= 1
            else:
                fresh.append(finding)
        kept.append(replace(result, findings=tuple(fresh)) if len(fresh) != len(result.findings) else result)
    return kept
