"""Compiled regular expressions kept between runs (the store's `patterns` section).

The `regex` module parses and optimises a pattern in Python, which for a few hundred rules costs
more than linting an article. What it hands its C core at the end is plain data (a list of
opcodes, group names, a required string): the very tuple its own pickle support saves
(`Pattern._pickled_data`, rebuilt with `_regex.compile`). We keep that tuple as `marshal` data
(strings, bytes, numbers, lists and dicts only, checked on the way back; never pickle: a cache
file must not be able to run code) after a checksum of it, keyed by the pattern, its flags and
the versions of `regex` and Python, and rebuild the pattern from it in microseconds. (JSON with
the opcodes in base64 cost a cold start twice as much: one article needs 150 patterns.)

Trust: this leans on `regex` internals that are not a public API. Entries are keyed by the
`regex` version and checksummed, so a new release starts afresh, and a test (tests/test_cache.py)
round-trips patterns through the installed `regex` on every CI run, which installs the newest.
Should a release ever change the structure in a way that still loads, switch this part alone off
with `TQLINT_PATTERN_CACHE=off` (TQLINT_CACHE_DIR=off switches off every part).

Everything here falls back to a plain `regex.compile`: a missing, corrupt or incompatible entry,
a `regex` release without this structure. Errors in a pattern are always raised by the real
compiler (an invalid pattern is never stored).

One file per pattern costs a cold start an open, a read and a key hash for each of ~185
patterns; so the entries a process used beyond those of the merged file (`hot-….rxs`: a marshal
dict (pattern, flags) → the entry's bytes, each still checksummed) are added to that file when
the process exits, and the next process reads its patterns from that one file.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys

import regex
from regex import _regex

from tqlint.cache import store
from tqlint.cache.keys import blake2b

FORMAT = 2
_DIGEST = 16  # bytes of blake2b before the marshal data
_memory: dict[tuple[str, int], object] = {}
_HOT_MOST = 4096  # entries in the merged file; beyond it, a process keeps only what it added
_hot: dict[str, dict] = {}  # folder → the merged file's entries, read once per process
_added: dict[str, dict] = {}  # folder → entries this process used that the merged file lacks
_folders: dict[tuple, str | None] = {}
_hot_pending: list = []  # holds the exit hook once it is registered


def _folder() -> str | None:
    environ = os.environ
    state = (environ.get("TQLINT_PATTERN_CACHE"), environ.get("TQLINT_CACHE_DIR"),
             environ.get("XDG_CACHE_HOME"), environ.get("HOME"))
    try:
        return _folders[state]
    except KeyError:
        pass
    if (state[0] or "").lower() in store.OFF_VALUES:
        folder = None
    else:
        folder = store.section("patterns", FORMAT)
    if os.path.isabs(os.path.expanduser(state[1] or "/")):  # a relative cache folder follows the cwd
        _folders[state] = folder
    return folder


def _path(folder: str, source: str, flags: int) -> str:
    digest = blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{regex.__version__}\0{sys.version_info[:2]}\0{int(flags)}\0".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    return os.path.join(folder, key[:2], key[2:] + ".rx")


def compile_pattern(source: str, flags: int = 0):
    """`regex.compile(source, flags)`, from the store when it can be."""
    key = (source, int(flags))
    pattern = _memory.get(key)
    if pattern is not None:
        return pattern
    folder = _folder()
    if folder is None:
        return regex.compile(source, flags)
    hot = _hot.get(folder)
    if hot is None:
        hot = _hot[folder] = _read_hot(folder)
    raw = hot.get(key)
    pattern = None
    if raw is not None:
        try:
            pattern = _restore(raw, source, flags)
        except Exception:  # damaged or from an incompatible regex: as if it were not there
            pattern = None
    if pattern is None:
        path = _path(folder, source, flags)
        raw, pattern = _load(path, source, flags)
        if pattern is None:
            pattern = regex.compile(source, flags)  # raises regex.error for a bad pattern
            raw = _store(path, pattern, flags)
        if raw is not None:
            _add(folder, key, raw)
    if len(_memory) > 4096:
        _memory.clear()
    _memory[key] = pattern
    return pattern


def _encode(data) -> tuple:
    (pattern, flags, code, group_index, index_group, named_lists, named_list_indexes,
     req_offset, req_chars, req_flags, group_count) = data
    if named_lists or named_list_indexes:
        raise ValueError("named lists are not stored")
    if not isinstance(code, bytes):
        raise ValueError("unknown code layout")
    return (pattern, int(flags), code, dict(group_index), {int(k): v for k, v in index_group.items()},
            req_offset, tuple(req_chars) if req_chars is not None else None, int(req_flags), group_count)


def _decode(data) -> tuple:
    pattern, flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = data
    if not (isinstance(pattern, str) and isinstance(code, bytes) and isinstance(group_index, dict)
            and isinstance(index_group, dict) and (req_chars is None or isinstance(req_chars, tuple))):
        raise ValueError("unknown layout")
    return (pattern, flags, code, group_index, index_group, {}, [], req_offset, req_chars, req_flags, group_count)


def _checksum(payload: bytes) -> bytes:
    return blake2b(payload, digest_size=_DIGEST).digest()


def _restore(raw: bytes, source: str, flags: int):
    """The pattern an entry holds; raises ValueError (or marshal's errors) for any other."""
    # Bad opcodes could crash the C core, so a damaged entry must never reach it.
    payload = raw[_DIGEST:]
    if raw[:_DIGEST] != _checksum(payload):
        raise ValueError("damaged entry")
    stored = marshal.loads(payload)
    if type(stored) is not tuple or len(stored) != 4 or stored[:3] != (FORMAT, source, int(flags)):
        raise ValueError("another pattern")
    pattern = _regex.compile(*_decode(stored[3]))  # type: ignore[attr-defined]
    if pattern.pattern != source:
        raise ValueError("another pattern")
    return pattern


def _load(path: str, source: str, flags: int) -> tuple[bytes | None, object]:
    """(the entry's bytes, its pattern), or (None, None)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        return raw, _restore(raw, source, flags)
    except FileNotFoundError:
        return None, None
    except Exception:  # corrupt, or from an incompatible regex: compile afresh, replace it
        try:
            os.unlink(path)
        except OSError:
            pass
        return None, None


def _store(path: str, pattern, flags: int) -> bytes | None:
    """Keep `pattern` in its own file. → the entry's bytes (None: nothing kept)."""
    try:
        payload = marshal.dumps((FORMAT, pattern.pattern, int(flags), _encode(pattern._pickled_data)))
    except Exception:  # a regex release without this structure: nothing to keep
        return None
    raw = _checksum(payload) + payload
    try:
        store.store_file(path, raw)
    except OSError:
        pass
    return raw


def _hot_path(folder: str) -> str:
    stamp = blake2b(f"{FORMAT}\0{regex.__version__}\0{sys.version_info[:2]}".encode(), digest_size=8)
    return os.path.join(folder, f"hot-{stamp.hexdigest()}.rxs")


def _read_hot(folder: str) -> dict:
    """The merged file's entries ({} when it is missing or damaged). Each entry is checked when
    used, as a file of its own would be."""
    raw = store.read_file(_hot_path(folder))
    if raw is None:
        return {}
    try:
        entries = marshal.loads(raw)
    except Exception:
        return {}
    return entries if type(entries) is dict else {}


def _add(folder: str, key: tuple[str, int], raw: bytes) -> None:
    if not _hot_pending:
        _hot_pending.append(atexit.register(write_merged))
    _added.setdefault(folder, {})[key] = raw


def write_merged() -> None:
    """At exit: each merged file with the entries this process added (never creating a folder
    that has gone meanwhile). Registered with atexit; the command, which leaves by os._exit
    (tqlint.cli), calls it itself."""
    for folder, added in _added.items():
        entries = {**_hot.get(folder, {}), **added}
        if len(entries) > _HOT_MOST:
            entries = added
        if not os.path.isdir(folder):
            continue
        try:
            store.store_file(_hot_path(folder), marshal.dumps(entries))
        except (OSError, ValueError):
            pass
    _added.clear()
