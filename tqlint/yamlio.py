"""YAML in, with line numbers kept, so every config or pack error can say file:line."""

from __future__ import annotations

import functools


class LineDict(dict):
    """A mapping that remembers the 1-based line of each key (and of itself)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: tuple = ()  # the 1-based line of each item


@functools.lru_cache(maxsize=1)
def _loader():
    """The loader class, made on first use: a run whose packs and configs all come from the
    cache (tqlint.cache.packs) never imports yaml at all."""
    import yaml  # start-up: a run served by the parse cache never imports yaml

    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: 5x faster
        """SafeLoader: no Python tags, so a rule pack or config can never run code."""

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return _LineLoader


def _construct_mapping(loader, node):
    import yaml  # start-up: a run served by the parse cache never imports yaml

    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = tuple(child.start_mark.line + 1 for child in node.value)
    return result




class YamlError(Exception):
    """`path:line: message`, ready to print."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # Raised in a worker process, it must cross back to the parent intact (not hang the pool).
        return type(self), (self.path, self.line, self.message)


def load_yaml(text: str, path: str):
    import yaml  # start-up: a run served by the parse cache never imports yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(path, line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"invalid YAML: {exc}") from None


def load_yaml_file(path: str):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, f"not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise YamlError(path, None, exc.strerror or str(exc)) from None
    return load_yaml(text, path)


def line_of(node, key=None) -> int | None:
    if isinstance(node, LineDict):
        return node.line_of(key) if key is not None else node.line
    return getattr(node, "line", None)


class Unencodable(Exception):
    """A parsed tree holding something JSON cannot carry (a date, binary data)."""


def tree_to_json(node):
    """A parsed tree (LineDict, LineList, scalars) as JSON data, line numbers included."""
    if isinstance(node, LineDict):
        return {"d": node.line, "k": [[tree_to_json(k), node.key_lines.get(k), tree_to_json(v)] for k, v in node.items()]}
    if isinstance(node, LineList):
        return {"l": node.line, "i": list(node.item_lines), "v": [tree_to_json(v) for v in node]}
    if node is None or isinstance(node, (str, bool, int, float)):
        return node
    raise Unencodable(type(node).__name__)


def tree_from_json(node):
    """The inverse of tree_to_json."""
    if isinstance(node, dict):
        if "d" in node:
            mapping = LineDict()
            mapping.line, mapping.key_lines = node["d"], {}
            for key, line, value in node["k"]:
                key = tree_from_json(key)
                mapping[key] = tree_from_json(value)
                mapping.key_lines[key] = line
            return mapping
        values = node["v"]
        # Most lists (a rule's words and phrases) hold only scalars: copied as they are.
        items = LineList(values if dict not in map(type, values) else map(tree_from_json, values))
        items.line = node["l"]
        items.item_lines = tuple(node.get("i", ()))
        return items
    return node
