"""The keys of the store: what tqlint's code is, and what a setup is.

A setup is everything besides a file's text that decides its findings: tqlint's own code, the
effective config, the rules selected on the command line, and the bytes of every rule pack the
config names. One fingerprint describes it (`setup_fingerprint`); the results cache and the rule
set both use it, so "the same setup" means one thing.
"""

from __future__ import annotations

import os
from functools import lru_cache

from tqlint import __version__
from tqlint.packs.locate import packs_root

try:  # hashlib's blake2b is this very class; importing hashlib also loads OpenSSL (~4 ms of a cold start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b

RESULTS_FORMAT = 2  # bump when a results entry's layout changes


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """tqlint's version plus the size and mtime of each of its source files: editing a rule kind
    or the engine without bumping the version still changes every key."""
    digest = blake2b(__version__.encode(), digest_size=16)
    root = os.path.dirname(os.path.dirname(__file__))  # (str(Path(__file__).parent.parent))
    for folder, name in _tree(root):
        if not name.endswith(".py"):
            continue
        try:
            stat = os.stat(f"{folder}/{name}")
        except OSError:
            continue
        digest.update(f"{folder[len(root):]}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _tree(root: str):
    """(folder, file name) of every file under `root`, in a stable order. (os.walk and plain
    strings: pathlib's rglob costs a cold start several milliseconds.)"""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            yield folder, name


def setup_fingerprint(config_fingerprint: str, pack_locations, select=(), ignore=(), options: str = "") -> str:
    """A hash of everything besides the text that decides findings. `pack_locations`: (spec,
    file or folder, or None where it does not exist) for each pack the config names, as
    tqlint.packs.locate finds them; their files are hashed by content (tqlint's own by size and
    modification time), none is parsed.
    `options`: run options that change findings (e.g. reporting unused suppressions)."""
    digest = blake2b(digest_size=20)
    for part in (code_stamp(), config_fingerprint, repr(tuple(select)), repr(tuple(ignore)), options):
        digest.update(part.encode())
        digest.update(b"\0")
    own = os.path.realpath(packs_root())
    for spec, path in pack_locations:
        digest.update(f"pack\0{spec}\0".encode())
        if path is None:
            digest.update(b"missing\0")
            continue
        where = os.path.realpath(path)
        _hash_files(digest, str(path), by_stat=where == own or where.startswith(own + os.sep))
    return digest.hexdigest()


def _hash_files(digest, path: str, by_stat: bool) -> None:
    """Each file at or under `path`: its name (relative to the folder) and its bytes; for tqlint's
    own packs its size and modification time instead, as code_stamp trusts tqlint's own code
    (reading their ~0.8 MB of YAML cost every cached check ~20 ms)."""
    if os.path.isdir(path):
        files = [os.path.join(folder, name) for folder, name in _tree(path)]
        named = [(os.path.relpath(file, path), file) for file in files]
    else:
        named = [(os.path.basename(path), path)]
    for name, file in named:
        if not os.path.isfile(file):
            continue
        digest.update(f"{name}\0".encode())
        try:
            if by_stat:
                stat = os.stat(file)
                digest.update(f"{stat.st_size}\0{stat.st_mtime_ns}".encode())
            else:
                with open(file, "rb") as handle:
                    digest.update(handle.read())
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\0")


def entry_key(fingerprint: str, syntax: str, suffix: str, text: str) -> str:
    """Key of one file's result: the setup, the reader (`syntax`, and the path's suffix) and
    the exact text."""
    digest = blake2b(digest_size=20)
    digest.update(f"{RESULTS_FORMAT}\0{fingerprint}\0{syntax}\0{suffix.lower()}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
