"""Compiled regular expressions kept between runs (the store's `patterns` section).

The `regex` module parses and optimises a pattern in Python, which for a few hundred rules costs
more than linting an article. What it hands its C core at the end is plain data (a list of
opcodes, group names, a required string): the very tuple its own pickle support saves
(`Pattern._pickled_data`, rebuilt with `_regex.compile`). We keep that tuple as JSON (never
pickle: a cache file must not be able to run code), keyed by the pattern, its flags and the
versions of `regex` and Python, and rebuild the pattern from it in microseconds.

Trust: this leans on `regex` internals that are not a public API. Entries are keyed by the
`regex` version and checksummed, so a new release starts afresh, and a test (tests/test_cache.py)
round-trips patterns through the installed `regex` on every CI run, which installs the newest.
Should a release ever change the structure in a way that still loads, switch this part alone off
with `TQLINT_PATTERN_CACHE=off` (TQLINT_CACHE_DIR=off switches off every part).

Everything here falls back to a plain `regex.compile`: a missing, corrupt or incompatible entry,
a `regex` release without this structure. Errors in a pattern are always raised by the real
compiler (an invalid pattern is never stored).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys

import regex
from regex import _regex

from tqlint.cache import store

FORMAT = 1
_memory: dict[tuple[str, int], object] = {}


def _folder() -> str | None:
    if os.environ.get("TQLINT_PATTERN_CACHE", "").lower() in store.OFF_VALUES:
        return None
    return store.section("patterns", FORMAT)


def _path(folder: str, source: str, flags: int) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{regex.__version__}\0{sys.version_info[:2]}\0{int(flags)}\0".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    return os.path.join(folder, key[:2], key[2:] + ".json")


def compile_pattern(source: str, flags: int = 0):
    """`regex.compile(source, flags)`, from the store when it can be."""
    key = (source, int(flags))
    pattern = _memory.get(key)
    if pattern is not None:
        return pattern
    folder = _folder()
    if folder is None:
        return regex.compile(source, flags)
    path = _path(folder, source, flags)
    pattern = _load(path, source, flags)
    if pattern is None:
        pattern = regex.compile(source, flags)  # raises regex.error for a bad pattern
        _store(path, pattern, flags)
    if len(_memory) > 4096:
        _memory.clear()
    _memory[key] = pattern
    return pattern


def _encode(data) -> list:
    (pattern, flags, code, group_index, index_group, named_lists, named_list_indexes,
     req_offset, req_chars, req_flags, group_count) = data
    if named_lists or named_list_indexes:
        raise ValueError("named lists are not stored")
    if not isinstance(code, bytes):
        raise ValueError("unknown code layout")
    return [pattern, int(flags), base64.b64encode(code).decode("ascii"), dict(group_index), [[int(k), v] for k, v in index_group.items()],
            req_offset, list(req_chars) if req_chars is not None else None, int(req_flags), group_count]


def _decode(data) -> tuple:
    pattern, flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = data
    return (pattern, flags, base64.b64decode(code), group_index, {int(k): v for k, v in index_group}, {}, [],
            req_offset, tuple(req_chars) if req_chars is not None else None, req_flags, group_count)


def _checksum(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _load(path: str, source: str, flags: int):
    try:
        with open(path, "rb") as handle:
            stored = json.loads(handle.read())
        if stored[0] != FORMAT or stored[1] != source or stored[2] != int(flags):
            raise ValueError("another pattern")
        # Bad opcodes could crash the C core, so a damaged entry must never reach it.
        if stored[4] != _checksum(stored[3]):
            raise ValueError("damaged entry")
        pattern = _regex.compile(*_decode(stored[3]))  # type: ignore[attr-defined]
        if pattern.pattern != source:
            raise ValueError("another pattern")
        return pattern
    except FileNotFoundError:
        return None
    except Exception:  # corrupt, or from an incompatible regex: compile afresh, replace it
        try:
            os.unlink(path)
        except OSError:
            pass
        return None


def _store(path: str, pattern, flags: int) -> None:
    try:
        data = _encode(pattern._pickled_data)
        payload = json.dumps([FORMAT, pattern.pattern, int(flags), data, _checksum(data)],
                             ensure_ascii=False, separators=(",", ":"))
    except Exception:  # a regex release without this structure: nothing to keep
        return
    try:
        store.store_file(path, payload.encode("utf-8", "surrogatepass"))
    except OSError:
        pass
