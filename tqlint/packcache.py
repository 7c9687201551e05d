"""Rule files parsed and proven once, then read back in milliseconds by every later run.

Start-up is dominated by the rule packs: parsing a few hundred kilobytes of YAML and compiling
hundreds of regular expressions costs far more than linting one article. So after a rule file
has been parsed *and every rule in it compiled without error*, its parsed form (with line
numbers) and each rule's requirement (tqlint.prefilter) are stored under the cache folder, keyed
by the file's bytes and tqlint's own code. A later run that finds the entry skips the YAML parser,
trusts the rules to compile (they did, from these very bytes, with this very code), and compiles
each one only when a document first needs it: rules whose words do not occur in a short article
are never compiled at all. Every validation besides compiling still runs on each load.

Anything odd about an entry (missing, corrupt, from another version) means parsing the file
afresh; failing to write one is silent.
"""

from __future__ import annotations

import hashlib
import json
import os

from tqlint.yamlio import LineDict, LineList, YamlError, load_yaml

FORMAT = 4


class _Unencodable(Exception):
    pass


def enabled() -> bool:
    return os.environ.get("TQLINT_CACHE_DIR", "").lower() not in ("off", "none", "0")


def _folder() -> str:
    from tqlint.cache import default_directory

    return os.path.join(default_directory(), f"packs-v{FORMAT}")


def _key(path: str, data: bytes) -> str:
    from tqlint.cache import code_stamp

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{code_stamp()}\0{os.path.abspath(path)}\0".encode())
    digest.update(data)
    return digest.hexdigest()


# --- the parsed tree as JSON, line numbers included ------------------------------------------

def encode(node):
    if isinstance(node, LineDict):
        return {"d": node.line, "k": [[encode(k), node.key_lines.get(k), encode(v)] for k, v in node.items()]}
    if isinstance(node, LineList):
        return {"l": node.line, "i": list(node.item_lines), "v": [encode(v) for v in node]}
    if node is None or isinstance(node, (str, bool, int, float)):
        return node
    raise _Unencodable(type(node).__name__)  # dates, binary, sets: parse such files every time


def decode(node):
    if isinstance(node, dict):
        if "d" in node:
            result = LineDict()
            result.line, result.key_lines = node["d"], {}
            for key, line, value in node["k"]:
                key = decode(key)
                result[key] = decode(value)
                result.key_lines[key] = line
            return result
        result = LineList(decode(v) for v in node["v"])
        result.line = node["l"]
        result.item_lines = tuple(node.get("i", ()))
        return result
    return node


# --- load and store ---------------------------------------------------------------------------

def load(path: str):
    """→ (parsed data, requirements or None). Requirements (a list, one per rule, each a
    tqlint.prefilter requirement or None) are returned only for a file proven before."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise YamlError(path, None, exc.strerror or str(exc)) from None
    key = _key(path, data) if enabled() else None
    if key:
        entry = _read(key)
        if entry is not None:
            return entry
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, f"not valid UTF-8 at byte {exc.start}") from None
    parsed = load_yaml(text, path)
    return _Pending(parsed, key), None


class _Pending:
    """A freshly parsed file, to be stored once all its rules have compiled."""

    def __init__(self, parsed, key):
        self.parsed, self.key = parsed, key


def parsed(loaded):
    return loaded.parsed if isinstance(loaded, _Pending) else loaded


def store(loaded, requirements) -> None:
    if not isinstance(loaded, _Pending) or not loaded.key:
        return
    from tqlint.prefilter import requirement_to_json

    try:
        proof = None if requirements is None else [requirement_to_json(r) for r in requirements]
        payload = json.dumps({"format": FORMAT, "key": loaded.key, "data": encode(loaded.parsed),
                              "requirements": proof, "starts": _pattern_starts(loaded.parsed)},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    except (_Unencodable, ValueError, TypeError):
        return
    from tqlint.cache import store_file

    try:
        store_file(os.path.join(_folder(), loaded.key + ".json"), payload)
    except OSError:
        pass


def _pattern_starts(parsed) -> list:
    """Where each pattern rule's matches can start (tqlint.prefilter.derive_starts), for every
    pattern of the file: deriving them means parsing the regex, which a cold process should not
    pay for on each run (a pattern with a requirement keeps its starts there too, but most
    punctuation patterns have no literal to require)."""
    from tqlint.prefilter import derive_starts

    found = []
    rules = parsed.get("rules") if isinstance(parsed, dict) else None
    for raw in rules if isinstance(rules, list) else ():
        if isinstance(raw, dict) and raw.get("kind") == "pattern" and isinstance(raw.get("pattern"), str):
            ignore_case = bool(raw.get("ignore-case", False))
            starts = derive_starts(raw["pattern"], ignore_case)
            found.append([raw["pattern"], ignore_case, None if starts is None else [list(starts[0]), starts[1]]])
    return found


def parse_file(path: str):
    """`yamlio.load_yaml_file`, but a file parsed before (these very bytes) comes from the cache:
    for configs, whose validation runs every time anyway."""
    loaded, _ = load(path)
    if isinstance(loaded, _Pending):
        store(loaded, None)
    return parsed(loaded)


def _read(key: str):
    from tqlint.prefilter import remember_starts, requirement_from_json

    entry = os.path.join(_folder(), key + ".json")
    try:
        with open(entry, "rb") as handle:
            stored = json.loads(handle.read())
        if stored.get("format") != FORMAT or stored.get("key") != key:
            raise ValueError("another entry")
        proof = stored["requirements"]
        remember_starts(stored.get("starts") or ())
        return decode(stored["data"]), None if proof is None else [requirement_from_json(r) for r in proof]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError):
        try:
            os.unlink(entry)
        except OSError:
            pass
        return None
