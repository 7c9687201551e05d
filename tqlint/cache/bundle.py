"""The built-in packs kept as one store entry, so that a cold process checking one article reads
one small file instead of parsing and validating sixty rule files and importing every kind.

The entry holds what a run needs of each rule: its id, kind, category, severity, message, fix
reason, requirement (tqlint.engine.prefilter) and its YAML mapping as JSON (without examples and
description), from which the rule is compiled the first time a document needs it, so a kind's
module is imported only when one of its rules runs; that main entry is `marshal` data behind a
checksum. Examples and descriptions (for test-rules, explain and docs) sit in a second file
(JSON), read the first time a rule is asked for them.

The key is tqlint's code stamp and the path, size and modification time of every file of the
built-in packs folder (as the code stamp does for tqlint's own files). A missing or damaged entry
means loading the packs the ordinary way (tqlint.packs.loader, itself cached per file) and
writing the entry afresh; with the store off, packs load the ordinary way.
"""

from __future__ import annotations

import json
import marshal
import os
from collections.abc import Callable

from tqlint.cache import store
from tqlint.cache.keys import blake2b, code_stamp
from tqlint.engine.prefilter import Requirement, WordRequirement, requirement_to_json
from tqlint.finding import Severity
from tqlint.kinds import load_kind
from tqlint.packs.locate import builtin_pack_names, packs_root
from tqlint.packs.model import Example, Later, Pack, Rule
from tqlint.yamlio import YamlError, tree_from_json, tree_to_json

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import Any

FORMAT = 2
_DIGEST = 16  # bytes of blake2b before the main entry's marshal data
_DETAILS = ("description", "examples")  # of a rule's mapping: kept apart, read when asked
# Loads one built-in pack the ordinary way, appending each rule's (vocabulary-expanded) YAML
# mapping to the list it is given.
Build = Callable[[str, list], Pack]

_loaded: dict[str, dict[str, Pack]] = {}  # key → the bundle's packs, once per process
_keys: dict[str, str] = {}  # the packs folder → its key, once per process (a run changes no pack)


def builtin(name: str, build: Build) -> Pack | None:
    """The built-in pack `name` from the bundle (writing the bundle first where there is none),
    or None when the store is off or the pack is not built in."""
    key = _key()
    if key is None:
        return None
    packs = _loaded.get(key)
    if packs is None:
        packs = _read(key, build)
        if packs is None:
            packs = _write(key, build)
        _loaded[key] = packs
    return packs.get(name)


def _key() -> str | None:
    if store.section("bundle", FORMAT) is None:
        return None
    root = packs_root()
    if root not in _keys:
        digest = blake2b(f"{FORMAT}\0{code_stamp()}\0{root}\0".encode(), digest_size=20)
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = f"{folder}/{name}"
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        _keys[root] = digest.hexdigest()
    return _keys[root]


def _paths(key: str) -> tuple[str, str]:
    folder = store.section("bundle", FORMAT)
    assert folder is not None  # (checked by _key)
    return os.path.join(folder, key + ".rules"), os.path.join(folder, key + ".details.json")


# --- writing ------------------------------------------------------------------------------------

def _write(key: str, build: Build) -> dict[str, Pack]:
    root = packs_root()
    packs, lean, details = {}, [], {}
    for name in builtin_pack_names():
        raws: list = []
        try:
            pack = packs[name] = build(name, raws)
        except YamlError:  # a pack being edited: each loads the ordinary way, the broken one says why
            return {}
        rules = []
        for rule, raw in zip(pack.rules, raws):
            rules.append(_rule_to_json(rule, raw, root))
            details[rule.id] = [rule.description, [_example(e) for e in rule.flag_examples],
                                [_example(e) for e in rule.pass_examples]]
        lean.append({"spec": name, "name": pack.name, "description": pack.description, "languages": list(pack.source_languages),
                     "path": os.path.relpath(pack.path, root), "rules": rules})
    main, more = _paths(key)
    try:
        # details first: a main entry is never there without them
        store.store_file(more, _dumps(details))
        store.store_file(main, _encode_main({"format": FORMAT, "key": key, "packs": lean}))
    except (OSError, ValueError, TypeError):
        pass
    return packs


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _encode_main(data: dict) -> bytes:
    """The main entry: `marshal` data (plain dicts, lists, strings and numbers; a quarter of what
    parsing the same as JSON costs a cold start) after a checksum of it."""
    payload = marshal.dumps(data)
    return blake2b(payload, digest_size=_DIGEST).digest() + payload


def _decode_main(raw: bytes) -> dict:
    """The main entry's data; ValueError for a damaged one (never handed to marshal)."""
    payload = raw[_DIGEST:]
    if raw[:_DIGEST] != blake2b(payload, digest_size=_DIGEST).digest():
        raise ValueError("damaged entry")
    data = marshal.loads(payload)
    if not isinstance(data, dict):
        raise ValueError("another entry")
    return data


def _rule_to_json(rule: Rule, raw, root: str) -> dict:
    return {
        "id": rule.id, "kind": rule.kind, "category": rule.category, "severity": rule.severity.name,
        "message": rule.message, "safe": rule.safe, "no_fix": rule.no_fix_reason,
        "file": os.path.relpath(rule.file, root), "line": rule.line, "enabled": rule.enabled,
        "needs_source": rule.needs_source, "replaces": list(rule.replaces),
        "requirement": requirement_to_json(getattr(rule.matcher, "requirement", None)),
        "options": list(rule.options),
        "raw": json.dumps(_lean_raw(raw), ensure_ascii=False),  # a string: parsed only when compiled
    }


def _lean_raw(raw):
    """The rule's mapping without examples and description, as JSON with its line numbers."""
    data = tree_to_json(raw)
    data["k"] = [item for item in data["k"] if item[0] not in _DETAILS]
    return data


def _example(example: Example) -> list:
    return [example.text, example.fixed, example.line, example.source, example.language]


# --- reading ------------------------------------------------------------------------------------

def _read(key: str, build: Build) -> dict[str, Pack] | None:
    main, more = _paths(key)
    raw = store.read_file(main)
    if raw is None:
        return None
    root = packs_root()  # (a string: pathlib costs a cold start ~3-4 ms to import)
    details = _Details(more, build)
    files: dict[str, str] = {}  # a rule file's path, joined once for all its rules
    try:
        stored = _decode_main(raw)
        if stored.get("format") != FORMAT or stored.get("key") != key:
            raise ValueError("another entry")
        packs = {}
        for item in stored["packs"]:
            rules = tuple(_rule_from_json(r, item["spec"], item["name"], root, details, files) for r in item["rules"])
            packs[item["spec"]] = Pack(item["name"], item["description"], tuple(item["languages"]), rules,
                                       os.path.join(root, item["path"]), True)
        return packs
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError, EOFError):
        store.unlink(main)
        return None


class _Details:
    """The bundle's examples and descriptions, read on first use (from the packs themselves
    should the file have gone since the entry was written)."""

    def __init__(self, path: str, build: Build):
        self.path, self.build = path, build
        self._data: dict | None = None

    def of(self, rule_id: str, pack: str) -> list:
        if self._data is None:
            raw = store.read_file(self.path)
            try:
                data = json.loads(raw) if raw is not None else {}
            except ValueError:
                data = {}
            self._data = data if isinstance(data, dict) else {}
        if rule_id not in self._data:
            for rule in self.build(pack, []).rules:
                self._data[rule.id] = [rule.description, [_example(e) for e in rule.flag_examples],
                                       [_example(e) for e in rule.pass_examples]]
        return self._data[rule_id]


class _Source:
    """A rule's mapping and options, made from the stored JSON on first use."""

    __slots__ = ("data", "keys", "tree")

    def __init__(self, data, keys: list):
        self.data, self.keys, self.tree = data, keys, None

    def raw(self):
        if self.tree is None:
            self.tree = tree_from_json(json.loads(self.data))
        return self.tree

    def options(self) -> dict:
        raw = self.raw()
        return {key: raw[key] for key in self.keys if key in raw}


def _requirement(data):
    """requirement_from_json for an entry this module wrote: its groups are a Requirement's own,
    already deduplicated and in scan order, so they are taken as they are (checked, not sorted
    again: a cold start reads ~260 of them); its phrases are WordRequirement.phrases(), each
    already a sorted list."""
    if data is None:
        return None
    if "phrases" in data:
        made = WordRequirement((), data["chunks"])
        by_key = made.by_key
        for words in data["phrases"]:
            if words:  # max of the sorted words: the key WordRequirement itself picks
                by_key.setdefault(max(words, key=len), []).append(frozenset(words))
        made.keys = frozenset(by_key)
        return made
    groups, ignore_case = data["all"], data["ignore_case"]
    if not groups or not all(group and all(type(x) is str for x in group) for group in groups):
        raise ValueError("malformed requirement")
    made = Requirement((), bool(ignore_case))
    made.groups = tuple(map(tuple, groups))
    return made


class _Detail(Later):
    """A rule's description (index 0) or examples (1: must flag, 2: must pass) from the details
    file, read when asked: one small object where closures and lambdas cost a cold start ~1 ms."""

    __slots__ = ("details", "rule_id", "spec", "index")

    def __init__(self, details: _Details, rule_id: str, spec: str, index: int):
        self.details, self.rule_id, self.spec, self.index = details, rule_id, spec, index

    def load(self) -> Any:  # (Later's `load` attribute, as a method)
        value = self.details.of(self.rule_id, self.spec)[self.index]
        return value if self.index == 0 else tuple(Example(*e) for e in value)


class _Options(Later):
    """A rule's options, made from its stored mapping when asked."""

    __slots__ = ("source",)

    def __init__(self, source: _Source):
        self.source = source

    def load(self) -> Any:
        return self.source.options()


class _Matcher:
    """A rule's matcher as tqlint.engine.prefilter's `guarded(lazy(...), requirement)` makes it:
    compiled on its first call (a kind's module is imported only then), returning nothing at once
    on a document failing the requirement."""

    __slots__ = ("source", "kind", "requirement", "compiled")

    def __init__(self, source: _Source, kind: str, requirement):
        self.source, self.kind, self.requirement, self.compiled = source, kind, requirement, None

    def __call__(self, doc, context):
        if self.requirement is not None and not self.requirement(doc):
            return ()
        return self.unguarded(doc, context)

    def unguarded(self, doc, context):
        if self.compiled is None:
            self.compiled = load_kind(self.kind).compile(self.source.options(), self.source.raw())
        return self.compiled(doc, context)


_new = object.__new__


def _rule_from_json(data: dict, spec: str, pack: str, root: str, details: _Details, files: dict[str, str]) -> Rule:
    source = _Source(data["raw"], data["options"])
    rule_id, kind = data["id"], data["kind"]
    # The fields set straight into a new Rule's __dict__, as its dataclass __init__ would set them
    # (Rule has no __post_init__; the _Deferred fields read a Later from __dict__ alike): a frozen
    # dataclass's __init__ costs a cold start ~2 ms for the ~440 built-in rules.
    rule = _new(Rule)
    rule.__dict__.update(
        id=rule_id, pack=pack, kind=kind, category=data["category"], severity=Severity[data["severity"]],
        message=data["message"], description=_Detail(details, rule_id, spec, 0), safe=bool(data["safe"]),
        no_fix_reason=data["no_fix"], flag_examples=_Detail(details, rule_id, spec, 1),
        pass_examples=_Detail(details, rule_id, spec, 2), options=_Options(source),
        matcher=_Matcher(source, kind, _requirement(data["requirement"])),
        file=files.get(data["file"]) or files.setdefault(data["file"], os.path.join(root, data["file"])), line=data["line"],
        enabled=bool(data["enabled"]), needs_source=bool(data["needs_source"]), replaces=tuple(data["replaces"]),
    )
    return rule
