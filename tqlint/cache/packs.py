"""Rule files and configs parsed once, then read back as JSON by every later run.

Start-up is dominated by the rule packs: parsing a few hundred kilobytes of YAML costs far more
than linting one article. So a parsed file (with its line numbers) is kept in the store's `packs`
section, keyed by the file's bytes, its path and tqlint's code stamp, together with what the
caller proved about it (`proof`: JSON data, e.g. that every rule in it compiled and what each
needs to run — tqlint.packs.loader decides what). A later run that finds the entry skips the
YAML parser. Anything odd about an entry means parsing the file afresh; failing to write one is
silent.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from tqlint.cache import store
from tqlint.cache.keys import blake2b, code_stamp
from tqlint.yamlio import (
    Unencodable,
    YamlError,
    load_yaml,
    tree_from_json,
    tree_to_json,
)

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import Any


FORMAT = 5


@dataclass
class ParsedFile:
    """A file's parsed tree; `proof` is what an earlier run stored with it (None when the file
    was parsed afresh, or nothing was proven); `key` is where to store it (None: cache off)."""

    tree: Any
    proof: object = None
    key: str | None = None
    fresh: bool = True


def _entry(key: str) -> str | None:
    folder = store.section("packs", FORMAT)
    return os.path.join(folder, key + ".json") if folder else None


def _key(path: str, data: bytes, salt: str = "") -> str:
    digest = blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{code_stamp()}\0{os.path.abspath(path)}\0{salt}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def load(path: str, salt: str = "") -> ParsedFile:
    """The file parsed: from the store when these very bytes were parsed before, else afresh
    (raising YamlError, with file and line, for a file that is not valid YAML). `salt`: what else
    the stored tree depends on (the digest of the vocabularies its rules expand)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise YamlError(path, None, exc.strerror or str(exc)) from None
    key = _key(path, data, salt) if store.enabled() else None
    if key:
        cached = _read(key)
        if cached is not None:
            return cached
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, f"not valid UTF-8 at byte {exc.start}") from None
    return ParsedFile(load_yaml(text, path), None, key)


def remember(parsed: ParsedFile, proof=None) -> None:
    """Keep a freshly parsed file, with `proof` (JSON data), for later runs."""
    entry = _entry(parsed.key) if parsed.fresh and parsed.key else None
    if entry is None:
        return
    try:
        payload = json.dumps({"format": FORMAT, "key": parsed.key, "data": tree_to_json(parsed.tree),
                              "proof": proof}, ensure_ascii=False, separators=(",", ":"))
    except (Unencodable, ValueError, TypeError):
        return  # dates, binary, sets: such files are parsed every time
    try:
        store.store_file(entry, payload.encode("utf-8", "surrogatepass"))
    except OSError:
        pass


def parse_yaml_file(path: str):
    """`yamlio.load_yaml_file`, but a file parsed before (these very bytes) comes from the store:
    for configs and pack.yaml files, whose validation runs every time anyway."""
    parsed = load(path)
    remember(parsed)
    return parsed.tree


def _read(key: str) -> ParsedFile | None:
    entry = _entry(key)
    if entry is None:
        return None
    raw = store.read_file(entry)
    if raw is None:
        return None
    try:
        stored = json.loads(raw)
        if stored.get("format") != FORMAT or stored.get("key") != key:
            raise ValueError("another entry")
        return ParsedFile(tree_from_json(stored["data"]), stored.get("proof"), key, fresh=False)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError):
        store.unlink(entry)
        return None
