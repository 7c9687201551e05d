"""Where the cache lives, how a file in it is written (whole or not at all) and how each of its
sections is kept to a bounded size."""

from __future__ import annotations

import os
import time

from tqlint.cache.keys import blake2b

OFF_VALUES = ("off", "none", "0")
_STALE_TMP = 3600.0  # a temporary file this old was left by a killed run

# Each section of the store: (most entries, most bytes) before pruning, oldest first.
SECTIONS = {
    "results": (50_000, 200 * 2**20),
    "packs": (20_000, 200 * 2**20),
    "patterns": (20_000, 200 * 2**20),
    "lexicon": (8, 64 * 2**20),  # the lexicon kind's foreign-word tables, one per setting (a few MB each)
    "stage1": (200, 100 * 2**20),
    "bundle": (40, 100 * 2**20),  # the built-in packs, two files (~0.8 MB) per tqlint version
    "langdetect": (4, 16 * 2**20),  # langdetect's profiles as one sorted table (~2 MB), per install
}


def root() -> str | None:
    """The cache folder, or None when the user switched caching off (TQLINT_CACHE_DIR=off)."""
    explicit = os.environ.get("TQLINT_CACHE_DIR", "")
    if explicit.lower() in OFF_VALUES:
        return None
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tqlint")


def enabled() -> bool:
    return root() is not None


def section(name: str, version: int, directory: str | None = None) -> str | None:
    """The folder of one section (`results-v1`, `packs-v5`, …) in `directory` or the default
    root; None when the cache is off. A new layout gets a new version, so old entries are never
    misread; pruning removes them in time."""
    base = directory or root()
    return os.path.join(base, f"{name}-v{version}") if base else None


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
        unlink(tmp)
        raise


_CHECKSUM = 16  # bytes of blake2b before the data of a file written by store_checked


def store_checked(path: str, data: bytes) -> None:
    """store_file with a checksum of `data` before it, for read_checked; failing silently (a
    read-only or full cache folder: the caller's data still serves its own process)."""
    try:
        store_file(path, blake2b(data, digest_size=_CHECKSUM).digest() + data)
    except OSError:
        pass


def read_checked(path: str) -> bytes | None:
    """The data store_checked wrote, or None when the file is missing, unreadable or damaged
    (cut short, bytes changed: the checksum fails). For plain tables read without parsing
    (binary-searched lines), where damage would otherwise give wrong answers silently or crash
    every run that reads them until the cache is deleted by hand. Costs ~1 ms per MB."""
    raw = read_file(path)
    if raw is None:
        return None
    data = raw[_CHECKSUM:]
    return data if raw[:_CHECKSUM] == blake2b(data, digest_size=_CHECKSUM).digest() else None


def read_file(path: str) -> bytes | None:
    """A cache file's bytes, or None when it is not there or cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def unlink(path: str) -> int:
    try:
        os.unlink(path)
        return 1
    except OSError:
        return 0


def prune(directory: str | None = None) -> int:
    """Every section of the store, each to its bounds (tqlint.cache.store.SECTIONS). → files
    removed."""
    base = directory or root()
    if not base:
        return 0
    try:
        names = os.listdir(base)
    except OSError:
        return 0
    removed = 0
    for name in names:
        kind, _, version = name.rpartition("-v")
        if kind in SECTIONS and version.isdigit():
            removed += prune_folder(os.path.join(base, name), *SECTIONS[kind])
    return removed


def prune_folder(folder: str, max_entries: int, max_bytes: int) -> int:
    """Oldest files first (by mtime) until `folder` (and its subfolders) holds at most 80% of
    both bounds, if either is exceeded; stale temporary files always go. → files removed."""
    entries, now, removed = [], time.time(), 0
    for here, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(here, name)
            try:
                stat = os.lstat(path)
            except OSError:
                continue
            if name.endswith(".tmp"):
                if now - stat.st_mtime > _STALE_TMP:
                    removed += unlink(path)
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
        removed += unlink(path)
        count -= 1
        total -= size
    return removed
