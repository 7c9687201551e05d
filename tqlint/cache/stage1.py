"""The relaxed patterns of stage 1 (tqlint.engine.stage1) kept between runs: relaxing a few
hundred rules' regexes costs a second; reading them back, a millisecond. One entry per rule set,
keyed by every (pattern, ignore case) it holds, tqlint's code stamp and the `regex` version (whose
Unicode tables decide what a class matches). Entries are plain JSON; a damaged one is relaxed
afresh and replaced."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import regex

from tqlint.cache import store
from tqlint.cache.keys import blake2b, code_stamp

FORMAT = 1
_memory: dict[tuple[str, bool], str | None] = {}


def _entry(sources) -> str | None:
    folder = store.section("stage1", FORMAT)
    if folder is None:
        return None
    digest = blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{code_stamp()}\0{regex.__version__}\0".encode())
    digest.update(json.dumps(sources, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return os.path.join(folder, digest.hexdigest() + ".json")


def relaxed_patterns(sources: list[tuple[str, bool]], relax: Callable[[str, bool], str | None]) -> list[str | None]:
    """`relax(source, ignore_case)` for each of `sources`, from the store when it can be."""
    entry = _entry(sources)
    if entry is not None:
        found = _read(entry, len(sources))
        if found is not None:
            return found
    relaxed = []
    for source, ignore_case in sources:
        key = (source, ignore_case)
        if key not in _memory:
            _memory[key] = relax(source, ignore_case)
        relaxed.append(_memory[key])
    if entry is not None:
        try:
            store.store_file(entry, json.dumps(relaxed, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        except OSError:
            pass
    return relaxed


def _read(entry: str, count: int) -> list[str | None] | None:
    raw = store.read_file(entry)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if not isinstance(data, list) or len(data) != count or not all(x is None or isinstance(x, str) for x in data):
            raise ValueError("another entry")
        return data
    except (ValueError, UnicodeDecodeError):
        store.unlink(entry)
        return None
