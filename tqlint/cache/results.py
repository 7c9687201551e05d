"""The results cache: an unchanged file under an unchanged setup is not linted twice.

An entry is keyed (tqlint.cache.keys.entry_key) by the file's text, its reader and the setup
fingerprint, so a stale result is never served; old entries simply age out. Entries are small
JSON files in the store's `results` section, written whole or not at all; an entry that cannot
be read or does not check out (the text under every finding must be the finding's text) is a
miss, and is removed. Every failure of the cache itself is silent.
"""

from __future__ import annotations

import json
import os
import time

from tqlint.cache import store
from tqlint.cache.keys import RESULTS_FORMAT
from tqlint.finding import Edit, FileResult, Finding, Fix, Severity

_PRUNE_EVERY = 600.0  # seconds between full scans of the cache folder
_TOUCH_AFTER = 86400.0  # a hit refreshes its entry's mtime (for pruning) once it is this old


# --- the entry format -----------------------------------------------------------------------

def findings_to_json(findings) -> list:
    return [
        [f.rule, f.category, int(f.severity), f.message, f.start, f.end, f.text,
         [[fix.title, [[e.start, e.end, e.replacement] for e in fix.edits], fix.safe] for fix in f.fixes],
         f.no_fix_reason, list(f.source_span) if f.source_span else None]
        for f in findings
    ]


def findings_from_json(data) -> tuple[Finding, ...]:
    """The inverse of findings_to_json; raises ValueError/TypeError on anything malformed."""
    findings = []
    for rule, category, severity, message, start, end, text, fixes, no_fix, source_span in data:
        _check(all(isinstance(v, str) for v in (rule, category, message, text)))
        _check(source_span is None or (len(source_span) == 2 and all(type(v) is int for v in source_span)))
        _check(all(type(v) is int for v in (start, end, severity)) and (no_fix is None or isinstance(no_fix, str)))
        parsed_fixes = []
        for title, edits, safe in fixes:
            _check(isinstance(title, str) and isinstance(safe, bool))
            parsed = []
            for s, e, replacement in edits:
                _check(type(s) is int and type(e) is int and isinstance(replacement, str))
                parsed.append(Edit(s, e, replacement))
            parsed_fixes.append(Fix(title, tuple(parsed), safe))
        findings.append(Finding(rule, category, Severity(severity), message, start, end, text,
                                tuple(parsed_fixes), no_fix, tuple(source_span) if source_span else None))
    return tuple(findings)


def _check(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed cache entry")


# --- the store ------------------------------------------------------------------------------

class ResultCache:
    def __init__(self, directory: str | None = None):
        self.directory = directory or store.root() or ""
        self.root = store.section("results", RESULTS_FORMAT, self.directory) or ""
        self.hits = self.misses = self.writes = 0
        self._broken = False  # the folder cannot be written: stop trying for this run

    def _path(self, key: str) -> str:
        return os.path.join(self.root, key[:2], key[2:] + ".json")

    def get(self, key: str, path: str, text: str) -> FileResult | None:
        entry = self._path(key)
        try:
            with open(entry, "rb") as handle:
                data = json.loads(handle.read())
                age = time.time() - os.fstat(handle.fileno()).st_mtime
            _check(isinstance(data, dict) and data.get("format") == RESULTS_FORMAT and data.get("key") == key)
            findings = findings_from_json(data["findings"])
            _check(all(0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text for f in findings))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, TypeError, KeyError, UnicodeDecodeError):
            self.misses += 1
            self._discard(entry)  # corrupt or from a different layout: it is only a cache
            return None
        self.hits += 1
        if age > _TOUCH_AFTER:  # recently used entries are pruned last (a day is recent enough)
            try:
                os.utime(entry)
            except OSError:
                pass
        return FileResult(path=path, findings=findings, text=text)

    def put(self, key: str, result: FileResult) -> None:
        """Store a complete result; results with errors or rule failures (a timeout depends on
        the machine's load) are never stored."""
        if self._broken or result.error or result.failures or result.internal_error:
            return
        entry = self._path(key)
        data = json.dumps({"format": RESULTS_FORMAT, "key": key, "findings": findings_to_json(result.findings)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            store.store_file(entry, data)
        except OSError:
            self._broken = True
            return
        self.writes += 1

    @staticmethod
    def _discard(entry: str) -> None:
        store.unlink(entry)

    # --- pruning --------------------------------------------------------------------------

    def maybe_prune(self) -> None:
        """After a run that wrote entries: prune now and then (a full scan of the folder costs
        milliseconds per thousand entries, so not after every run)."""
        if not self.writes:
            return
        stamp = os.path.join(self.root, ".pruned")
        try:
            if time.time() - os.stat(stamp).st_mtime < _PRUNE_EVERY and self.writes < store.SECTIONS["results"][0] // 10:
                return
        except OSError:
            pass
        self.prune()
        try:
            with open(stamp, "w"):
                pass
        except OSError:
            pass

    def prune(self) -> int:
        """Every section of the store to its bounds (tqlint.cache.store.prune). → files removed."""
        return store.prune(self.directory)

    def clear(self) -> None:
        import shutil  # only tests and users clearing the cache need it

        shutil.rmtree(self.root, ignore_errors=True)


def open_cache(enabled: bool = True) -> ResultCache | None:
    """The cache a CLI run uses, or None when switched off (--no-cache, TQLINT_CACHE_DIR=off)."""
    if not enabled or not store.enabled():
        return None
    return ResultCache()
