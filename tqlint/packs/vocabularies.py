r"""Named vocabularies: the word lists rules share, written once and used by name.

A vocabulary is a list of words (`months: [April, August, …]`) or a table of words and their
English (`months-fr: {janvier: January, …}`). Built-in ones live in `rules/vocabularies/*.yaml`
and every pack may use them; a pack folder may add its own in `vocabularies.yaml` (its names win
over the shared ones).

Rules use a vocabulary as the `regex` module's named lists are written, `\L<name>`:
- in a regex option (`pattern`, `before`, `not-after`, …) it becomes a non-capturing alternation
  of the entries, longest first, each escaped, a space matching any run of white space;
- in a list option, an item that is exactly `\L<name>` is replaced by the entries;
- in a phrase table, a phrase with `\L<name>` stands for one phrase per entry; in its
  replacement, `\L<name>` is what the vocabulary maps that entry to (for a plain list: the entry).
Expansion happens when a pack is loaded, so everything after it (the compiled-pattern cache, the
prefilter, the multi-pattern engine) sees an ordinary regular expression.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tqlint.cache import packs as parsed_files
from tqlint.cache.keys import blake2b
from tqlint.cache.patterns import compile_pattern
from tqlint.packs.locate import SHARED_VOCABULARIES, builtin_packs_dir
from tqlint.suggest import did_you_mean
from tqlint.yamlio import LineDict, LineList, YamlError, line_of

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing)
if TYPE_CHECKING:
    from pathlib import Path

PACK_FILE = "vocabularies.yaml"  # a pack's own vocabularies, beside its pack.yaml
NAME_RE = compile_pattern(r"^[a-z0-9][a-z0-9-]*$")
REFERENCE_RE = compile_pattern(r"(?<!\\)((?:\\\\)*)\\L<([^>\n]*)>")
# Rule keys that are never regexes, word lists or phrase tables: left as written.
_LEFT_ALONE = {"id", "kind", "category", "severity", "message", "description", "safe", "no-fix",
               "examples", "enabled", "requires", "requires-case", "replaces", "fix"}


@dataclass(frozen=True)
class Vocabulary:
    """A named word list (or table of words and their English) that rules share."""
    name: str
    entries: tuple[str, ...]
    english: dict | None  # entry → English, for a table; None for a plain list
    file: str
    line: int | None

    def translate(self, entry: str) -> str:
        return self.english[entry] if self.english is not None else entry

    def alternation(self) -> str:
        ordered = sorted(set(self.entries), key=lambda e: (-len(e), e))  # longest first
        return "(?:" + "|".join(_literal(e) for e in ordered) + ")"


def _literal(entry: str) -> str:
    return r"\s+".join(regex.escape(word, special_only=True) for word in entry.split())


def shared_files(rules_root: Path) -> list[Path]:
    """The shared vocabulary files under the built-in rules folder: every pack may use these."""
    from pathlib import Path  # start-up: only a pack loaded the ordinary way asks, never a check from the bundle

    folder = Path(rules_root) / SHARED_VOCABULARIES
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def scope_for(root: Path) -> Scope:
    """The vocabularies a pack at `root` (a folder, or one YAML file) may use."""
    from_folder = root / PACK_FILE if root.is_dir() else None
    return Scope(shared_files(builtin_packs_dir()), from_folder)


class Scope:
    """The vocabularies one pack can use: the shared ones, then its own (which win). Files are
    read only when a rule names a vocabulary."""

    def __init__(self, shared: list[Path], own: Path | None = None):
        self.own = own if own is not None and own.is_file() else None
        self.files = list(shared) + ([self.own] if self.own else [])
        self._by_name: dict[str, Vocabulary] | None = None
        self._digest: str | None = None

    def digest(self) -> str:
        """Changes whenever a visible vocabulary file changes (part of the pack cache's key)."""
        if self._digest is None:
            digest = blake2b(digest_size=16)
            for file in self.files:
                digest.update(f"{file}\0".encode())
                try:
                    digest.update(file.read_bytes())
                except OSError:
                    digest.update(b"unreadable")
            self._digest = digest.hexdigest()
        return self._digest

    def by_name(self) -> dict[str, Vocabulary]:
        if self._by_name is None:
            found: dict[str, Vocabulary] = {}
            for file in self.files:
                for vocabulary in load_file(file):
                    other = found.get(vocabulary.name)
                    if other is not None and file != self.own:  # a pack's own names win; shared ones must not clash
                        raise YamlError(str(file), vocabulary.line,
                                        f"vocabulary {vocabulary.name!r} is already defined in {other.file}")
                    found[vocabulary.name] = vocabulary
            self._by_name = found
        return self._by_name

    def get(self, name: str, where: _Where) -> Vocabulary:
        known = self.by_name()
        if name not in known:
            raise where.error(f"unknown vocabulary {name!r}{did_you_mean(name, known)}")
        return known[name]


def load_file(path: Path) -> list[Vocabulary]:
    """The vocabularies of one file: a mapping of name → list of entries or table of entry → English."""
    data = parsed_files.parse_yaml_file(str(path))  # kept between runs
    if data is None:
        return []
    if not isinstance(data, LineDict):
        raise YamlError(str(path), line_of(data), "a vocabulary file is a mapping of names to word lists or tables")
    found = []
    for name, value in data.items():
        line = data.line_of(name)
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise YamlError(str(path), line, f"vocabulary name {name!r}: use lowercase letters, digits and hyphens")
        if isinstance(value, LineList):
            entries, english = tuple(value), None
        elif isinstance(value, LineDict):
            entries, english = tuple(value), dict(value)
            bad = next((k for k, v in value.items() if not isinstance(v, str) or not v.strip()), None)
            if bad is not None:
                raise YamlError(str(path), value.line_of(bad), f"vocabulary {name!r}: {bad!r} needs its English as text")
        else:
            raise YamlError(str(path), line, f"vocabulary {name!r} must be a list of entries or a table of entry: English")
        if not entries:
            raise YamlError(str(path), line, f"vocabulary {name!r} is empty")
        for index, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                where = value.item_lines[index] if isinstance(value, LineList) and index < len(value.item_lines) else line
                raise YamlError(str(path), where, f"vocabulary {name!r}: every entry must be non-empty text")
        found.append(Vocabulary(name, entries, english, str(path), line))
    return found


@dataclass(frozen=True)
class _Where:
    """Where a reference stands, for errors: file, line, rule and option."""

    path: str
    line: int | None
    rule_id: object
    key: str

    def error(self, message: str) -> YamlError:
        prefix = f"rule {self.rule_id!r}: " if isinstance(self.rule_id, str) else ""
        return YamlError(self.path, self.line, f"{prefix}`{self.key}`: {message}")


def references(text: str) -> list[str]:
    return [m.group(2) for m in REFERENCE_RE.finditer(text)]


_DOUBLE_QUOTED = compile_pattern(r"\u2028<[a-z0-9-]+>")  # what YAML makes of "\L<name>"


def _check_quoting(text, where: _Where) -> None:
    if isinstance(text, str) and _DOUBLE_QUOTED.search(text):
        raise where.error("write \\L<name> unquoted or in single quotes: in double quotes YAML reads \\L "
                          "as a line separator")


def expand_regex(source: str, scope: Scope, where: _Where) -> str:
    _check_quoting(source, where)
    if "\\L<" not in source:
        return source
    return REFERENCE_RE.sub(lambda m: m.group(1) + scope.get(m.group(2), where).alternation(), source)


def _expand_list(items: LineList, scope: Scope, where: _Where) -> LineList:
    if not any(isinstance(item, str) and "\\L<" in item for item in items):
        return items
    out, lines = LineList(), []
    item_lines = list(items.item_lines) + [items.line] * (len(items) - len(items.item_lines))
    for item, line in zip(items, item_lines):
        whole = REFERENCE_RE.fullmatch(item.strip()) if isinstance(item, str) else None
        if whole and not whole.group(1):
            entries = scope.get(whole.group(2), _Where(where.path, line, where.rule_id, where.key)).entries
            out.extend(entries)
            lines.extend([line] * len(entries))
        else:
            out.append(item)
            lines.append(line)
    out.line, out.item_lines = items.line, tuple(lines)
    return out


def _expand_phrases(table: LineDict, scope: Scope, where: _Where) -> LineDict:
    if "\\L<" not in repr(table) and "\u2028<" not in repr(table):
        return table
    out = LineDict()
    out.line, out.key_lines = table.line, {}
    origin: dict = {}
    for phrase, value in table.items():
        line = table.line_of(phrase)
        here = _Where(where.path, line, where.rule_id, where.key)
        for text in [phrase, *(value if isinstance(value, list) else [value])]:
            _check_quoting(text, here)
        names = set(references(phrase)) if isinstance(phrase, str) else set()
        used = {n for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) for n in references(v)}
        if used - names:
            raise here.error(f"the replacement of {phrase!r} uses \\L<{sorted(used - names)[0]}>, which the phrase does not")
        if len(names) > 1:
            raise here.error(f"phrase {phrase!r} may use one vocabulary, not {len(names)}")
        if not names:
            _put(out, origin, phrase, value, line, here)
            continue
        vocabulary = scope.get(names.pop(), here)
        marker = f"\\L<{vocabulary.name}>"
        for entry in vocabulary.entries:
            filled = _filled(value, marker, vocabulary.translate(entry))
            _put(out, origin, phrase.replace(marker, entry), filled, line, here)
    return out


def _filled(value, marker: str, english: str):
    """A phrase's replacement (text, list of texts or null) with `marker` made `english`."""
    if isinstance(value, str):
        return value.replace(marker, english)
    if isinstance(value, list):
        filled = LineList(v.replace(marker, english) if isinstance(v, str) else v for v in value)
        filled.line, filled.item_lines = getattr(value, "line", 0), getattr(value, "item_lines", ())
        return filled
    return value


def _put(out: LineDict, origin: dict, phrase, value, line, where: _Where) -> None:
    """A phrase two vocabularies (or a vocabulary and a written entry) both give is fine when they
    agree on its replacement; when they do not, the table is ambiguous."""
    key = " ".join(phrase.split()).lower() if isinstance(phrase, str) else phrase
    if key in origin and out[origin[key]] != value:
        raise where.error(f"phrase {phrase!r} gets two replacements: {out[origin[key]]!r} and {value!r}")
    if key not in origin:
        origin[key] = phrase
        out[phrase] = value
        out.key_lines[phrase] = line


def expand_rule(raw, scope: Scope, path) -> None:
    """Expand every `\\L<name>` in one rule's options, in place (the parsed rule, before it is
    compiled). A rule that names no vocabulary is left untouched and costs one scan."""
    if not isinstance(raw, LineDict):
        return
    for key, value in list(raw.items()):
        if key in _LEFT_ALONE:
            continue
        where = _Where(str(path), raw.line_of(key), raw.get("id"), str(key))
        if isinstance(value, str):
            raw[key] = expand_regex(value, scope, where)
        elif isinstance(value, LineList):
            raw[key] = _expand_list(value, scope, where)
        elif isinstance(value, LineDict) and key == "phrases":
            raw[key] = _expand_phrases(value, scope, where)

