"""The results cache: an unchanged file under an unchanged setup is not linted twice.

An entry is keyed by a hash of everything that can change a file's findings: the file's text, the
reader (path suffix), the effective config, the selected rules, the bytes of every rule pack the
config names, and tqlint itself (version and its own source files, so editing a rule kind is a
change too). Anything different is a different key, so a stale result is never served; old
entries simply age out.

Entries are small JSON files under `$TQLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/tqlint`, else
`~/.cache/tqlint` (never inside the repository being linted). Each is written to a temporary file
and renamed into place, so two runs sharing the cache see whole entries or none; an entry that
cannot be read or does not check out is a miss (and is removed). The cache is pruned to a bounded
size, oldest first. Every failure of the cache itself is silent: linting never depends on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from tqlint import __version__
from tqlint.finding import Edit, FileResult, Finding, Fix, Severity

FORMAT = 1  # bump when the entry layout changes
DEFAULT_MAX_ENTRIES = 50_000
DEFAULT_MAX_BYTES = 200 * 2**20
SIDE_MAX_ENTRIES, SIDE_MAX_BYTES = 20_000, 200 * 2**20  # each of packs-v*/ and regex-v*/
_PRUNE_EVERY = 600.0  # seconds between full scans of the cache folder
_STALE_TMP = 3600.0  # a temporary file this old was left by a killed run
_TOUCH_AFTER = 86400.0  # a hit refreshes its entry's mtime (for pruning) once it is this old


def default_directory() -> str:
    explicit = os.environ.get("TQLINT_CACHE_DIR")
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tqlint")


# --- keys -----------------------------------------------------------------------------------

_code_stamp_value: str | None = None


def code_stamp() -> str:
    """tqlint's version plus the size and mtime of each of its source files: editing a rule kind
    or the engine without bumping the version still changes every key."""
    global _code_stamp_value
    if _code_stamp_value is None:
        digest = hashlib.blake2b(__version__.encode(), digest_size=16)
        root = Path(__file__).parent
        for file in sorted(root.rglob("*.py")):
            try:
                stat = file.stat()
            except OSError:
                continue
            digest.update(f"{file.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        _code_stamp_value = digest.hexdigest()
    return _code_stamp_value


def pack_paths(config) -> list[tuple[str, Path | None]]:
    """The files or folders of the packs a config names, found as `packs.resolve_pack` finds them
    but without loading them."""
    from tqlint.packs import builtin_pack_names, builtin_packs_dir

    names = config.packs if config.packs is not None else tuple(builtin_pack_names())
    found = []
    for spec in names:
        builtin = builtin_packs_dir() / spec
        if "/" not in spec and os.sep not in spec and (builtin / "pack.yaml").is_file():
            found.append((spec, builtin))
            continue
        path = Path(spec).expanduser()
        if not path.is_absolute() and config.base_dir:
            path = Path(config.base_dir) / path
        found.append((spec, path if path.exists() else None))
    return found


def setup_fingerprint(config, select=(), ignore=()) -> str:
    """A hash of everything besides the text that decides findings; cheap (no pack is parsed)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (code_stamp(), config.fingerprint(), repr(tuple(select)), repr(tuple(ignore))):
        digest.update(part.encode())
        digest.update(b"\0")
    for spec, path in pack_paths(config):
        digest.update(f"pack\0{spec}\0".encode())
        if path is None:
            digest.update(b"missing\0")
            continue
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}\0".encode())
                try:
                    digest.update(file.read_bytes())
                except OSError:
                    digest.update(b"unreadable")
                digest.update(b"\0")
    return digest.hexdigest()


def entry_key(fingerprint: str, path: str | None, text: str) -> str:
    """Key of one file's result: the setup, the reader (by suffix) and the exact text."""
    from tqlint.text.readers import syntax_for_path

    suffix = os.path.splitext(path or "")[1].lower()
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{fingerprint}\0{syntax_for_path(path)}\0{suffix}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# --- the entry format -----------------------------------------------------------------------

def findings_to_json(findings) -> list:
    return [
        [f.rule, f.category, int(f.severity), f.message, f.start, f.end, f.text,
         [[fix.title, [[e.start, e.end, e.replacement] for e in fix.edits], fix.safe] for fix in f.fixes],
         f.no_fix_reason]
        for f in findings
    ]


def findings_from_json(data) -> tuple[Finding, ...]:
    """The inverse of findings_to_json; raises ValueError/TypeError on anything malformed."""
    findings = []
    for rule, category, severity, message, start, end, text, fixes, no_fix in data:
        _check(all(isinstance(v, str) for v in (rule, category, message, text)))
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
                                tuple(parsed_fixes), no_fix))
    return tuple(findings)


def _check(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed cache entry")


# --- the store ------------------------------------------------------------------------------

class ResultCache:
    def __init__(self, directory: str | None = None, max_entries: int = DEFAULT_MAX_ENTRIES,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.root = os.path.join(directory or default_directory(), f"v{FORMAT}")
        self.max_entries, self.max_bytes = max_entries, max_bytes
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
            _check(isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == key)
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
        data = json.dumps({"format": FORMAT, "key": key, "findings": findings_to_json(result.findings)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            store_file(entry, data)
        except OSError:
            self._broken = True
            return
        self.writes += 1

    @staticmethod
    def _discard(entry: str) -> None:
        _unlink(entry)

    # --- pruning --------------------------------------------------------------------------

    def maybe_prune(self) -> None:
        """After a run that wrote entries: prune now and then (a full scan of the folder costs
        milliseconds per thousand entries, so not after every run)."""
        if not self.writes:
            return
        stamp = os.path.join(self.root, ".pruned")
        try:
            if time.time() - os.stat(stamp).st_mtime < _PRUNE_EVERY and self.writes < self.max_entries // 10:
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
        """Remove the least recently used entries until both bounds hold with room to spare,
        and temporary files that killed runs left behind; the same for the compiled rule packs
        and patterns kept beside the results (tqlint.packcache, tqlint.regexcache), whose old
        versions pile up as rules are edited. → number of files removed."""
        base = os.path.dirname(self.root)
        removed = prune_folder(self.root, self.max_entries, self.max_bytes)
        for side in ("packs-v", "regex-v"):
            try:
                names = [n for n in os.listdir(base) if n.startswith(side)]
            except OSError:
                names = []
            for name in names:
                removed += prune_folder(os.path.join(base, name), SIDE_MAX_ENTRIES, SIDE_MAX_BYTES)
        return removed

    def clear(self) -> None:
        import shutil

        shutil.rmtree(self.root, ignore_errors=True)


def prune_folder(folder: str, max_entries: int, max_bytes: int) -> int:
    """Oldest files first (by mtime) until `folder` (and its subfolders) holds at most 80% of
    both bounds, if either is exceeded; stale temporary files always go. → files removed."""
    entries, now, removed = [], time.time(), 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            try:
                stat = os.lstat(path)
            except OSError:
                continue
            if name.endswith(".tmp"):
                if now - stat.st_mtime > _STALE_TMP:
                    removed += _unlink(path)
                continue
            if name.startswith("."):
                continue  # the .pruned stamp
            entries.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    if len(entries) <= max_entries and total <= max_bytes:
        return removed
    entries.sort()
    keep_entries, keep_bytes = int(max_entries * 0.8), int(max_bytes * 0.8)
    count = len(entries)
    for _, size, path in entries:
        if count <= keep_entries and total <= keep_bytes:
            break
        removed += _unlink(path)
        count -= 1
        total -= size
    return removed


def store_file(path: str, data: bytes) -> None:
    """Write a cache file whole or not at all: into a unique temporary name beside it, then
    renamed over it (readers see the old file or the new one; concurrent writers each rename a
    complete file). Raises OSError."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{os.getpid()}-{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path: str) -> int:
    try:
        os.unlink(path)
        return 1
    except OSError:
        return 0


def open_cache(enabled: bool = True) -> ResultCache | None:
    """The cache a CLI run uses, or None when switched off (--no-cache, TQLINT_CACHE_DIR=off)."""
    if not enabled or os.environ.get("TQLINT_CACHE_DIR", "").lower() in ("off", "none", "0"):
        return None
    return ResultCache()
