"""`.tqlint.yaml`: found from each file's folder upwards, validated against one schema.

Every error names the file, the line and the key, with a did-you-mean for near-miss keys.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace

from tqlint.cache.packs import parse_yaml_file
from tqlint.languages import ISO_639_1, is_language_code, suggest_code
from tqlint.packs import locate
from tqlint.suggest import did_you_mean
from tqlint.yamlio import LineDict, YamlError, line_of

CONFIG_NAMES = (".tqlint.yaml", ".tqlint.yml")
FAIL_ON_VALUES = ("error", "warning", "info", "never")
SCHEMA = {
    "packs": "rule packs to run: built-in names (en-news, from-ro, …) or paths to your own; default all built-in",
    "source-languages": "languages the articles were translated from (ro, fr, zh, …): picks the from-* packs; default all",
    "select": "rule ids or prefixes to run (default: all)",
    "ignore": "rule ids or prefixes to switch off",
    "rules": "per-rule (or prefix) severity: error, warning, info, or off",
    "ignore-paths": "glob patterns (relative to this file) of paths never linted",
    "fail-on": "lowest severity that makes `tqlint check` exit 1: error, warning, info or never",
    "front-matter-keys": "Markdown front-matter fields linted as prose (default: title, subtitle, summary, description)",
    "organisations": "extra organisation names for the pronoun rules",
    "people": "extra person names for the pronoun rules",
    "languagetool": "LanguageTool settings (opt-in): enabled, server, language, …",
    "source-path": "where each article's source is, as a template: \"{dir}/../ro/{stem}{ext}\" ({dir}: the article's "
                   "folder, {stem}: its name without extension, {ext}: the extension, {name}: the file name); "
                   "switches on the bilingual checks",
    "glossary": "the desk's term lists (CSV or TBX, relative to this file): source term → required English term, "
                "forbidden variants; checked by bilingual/glossary",
    "extend": "path of a config this one builds on (relative to this file): its settings apply "
              "unless this file sets them; `rules` and `languagetool` merge key by key",
}


@dataclass(frozen=True)
class Config:
    """A .tqlint.yaml as loaded (or the defaults): packs, languages, rule choices and paths."""
    path: str | None = None
    packs: tuple[str, ...] | None = None
    source_languages: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_levels: tuple[tuple[str, str], ...] = ()  # (id or prefix, severity name or "off")
    ignore_paths: tuple[str, ...] = ()
    fail_on: str = "warning"
    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    front_matter_keys: tuple[str, ...] | None = None  # None: the reader's default headline fields
    languagetool: dict = field(default_factory=dict, compare=False, hash=False)
    source_path: str | None = None  # template; relative results are relative to source_base
    source_base: str | None = None  # the folder of the config that set source-path
    glossary: tuple[str, ...] = ()  # absolute paths of the term lists
    # ignore-paths inherited through `extend`, each with the folder its glob is relative to.
    inherited_ignores: tuple[tuple[str, str], ...] = ()
    # 1-based line of each key ("rules/<id>" for a rule level), for errors found after loading,
    # and, for keys inherited through `extend`, the file that set them.
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    origins: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def file_of(self, line_key: str) -> str:
        """The config file that set a key (this one, or one it extends)."""
        return self.origins.get(line_key, self.path or "config")

    def ignores(self) -> tuple[tuple[str, str], ...]:
        """Every ignore-paths glob that applies, with the folder it is relative to."""
        return self.inherited_ignores + tuple((self.base_dir, pattern) for pattern in self.ignore_paths)

    def fingerprint(self) -> str:
        """Everything in the config that can change findings, as a stable string."""
        data = {k: v for k, v in self.__dict__.items() if k not in ("path", "lines", "origins")}
        data["base_dir"] = self.base_dir
        return json.dumps(data, sort_keys=True, default=str)


def _strings(data: LineDict, key: str, path: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise YamlError(path, line_of(data, key), f"`{key}` must be a list of strings")
    return tuple(value)


def parse_config(data, path: str) -> Config:
    if data is None:
        return Config(path=path)
    if not isinstance(data, LineDict):
        raise YamlError(path, line_of(data), "the config must be a mapping of settings")
    for key in data:
        if key not in SCHEMA:
            raise YamlError(path, line_of(data, key), f"unknown key {key!r}{did_you_mean(str(key), SCHEMA)}")
    fail_on = str(data.get("fail-on", "warning")).lower()
    if fail_on not in FAIL_ON_VALUES:
        raise YamlError(path, line_of(data, "fail-on"), f"`fail-on` must be one of {', '.join(FAIL_ON_VALUES)}{did_you_mean(fail_on, FAIL_ON_VALUES)}")
    levels = []
    rules = data.get("rules") or LineDict()
    if not isinstance(rules, dict):
        raise YamlError(path, line_of(data, "rules"), "`rules` maps rule ids (or prefixes) to error, warning, info or off")
    for rule_id, level in rules.items():
        level_name = "off" if level is False else str(level).lower()
        if level_name not in ("error", "warning", "info", "off"):
            raise YamlError(path, line_of(rules, rule_id), f"rule {rule_id!r}: level must be error, warning, info or off, not {level!r}")
        levels.append((str(rule_id), level_name))
    languagetool = data.get("languagetool") or {}
    if not isinstance(languagetool, dict):
        raise YamlError(path, line_of(data, "languagetool"), "`languagetool` must be a mapping")
    if languagetool:  # (the LanguageTool and bilingual modules load only for a config that uses them)
        from tqlint.engines.languagetool.settings import validate as validate_languagetool  # start-up

        validate_languagetool(languagetool, path)
    packs = _strings(data, "packs", path) if "packs" in data else None
    _check_packs(packs or (), data, path)
    source_template = _source_path(data, path)
    return Config(
        path=path, packs=packs, source_languages=_source_languages(data, path),
        select=_strings(data, "select", path), ignore=_strings(data, "ignore", path), rule_levels=tuple(levels),
        ignore_paths=_strings(data, "ignore-paths", path), fail_on=fail_on,
        organisations=_strings(data, "organisations", path), people=_strings(data, "people", path),
        front_matter_keys=_strings(data, "front-matter-keys", path) if "front-matter-keys" in data else None,
        languagetool=dict(languagetool),
        source_path=source_template, source_base=os.path.dirname(os.path.abspath(path)) if source_template else None,
        glossary=_glossaries(data, path),
        lines={**{str(k): line_of(data, k) for k in data}, **{f"rules/{k}": line_of(rules, k) for k in rules}},
    )


def _source_languages(data, path: str) -> tuple[str, ...]:
    """The codes of `source-languages`; a typo (romanian, rum) is an error, not a silent
    filter that drops every from-* pack."""
    codes = tuple(code.lower() for code in _strings(data, "source-languages", path))
    for code in codes:
        if not is_language_code(code):
            meant = suggest_code(code)
            hint = f" (did you mean {meant!r}?)" if meant else did_you_mean(code, ISO_639_1)
            raise YamlError(path, line_of(data, "source-languages"),
                            f"`source-languages`: {code!r} is not a two-letter ISO 639-1 language code{hint}; "
                            f"the from-* packs cover: {', '.join(_pack_languages())}")
    return codes


def _pack_languages() -> list[str]:
    return sorted({name.split("-", 1)[1] for name in locate.builtin_pack_names() if name.startswith("from-")})


def _source_path(data, path: str) -> str | None:
    template = data.get("source-path")
    if template is None:
        return None
    if not isinstance(template, str) or not template.strip():
        raise YamlError(path, line_of(data, "source-path"), "`source-path` must be a path template such as \"{dir}/../ro/{stem}{ext}\"")
    from tqlint.bilingual.source import check_template  # start-up: only a bilingual config

    problem = check_template(template)
    if problem:
        raise YamlError(path, line_of(data, "source-path"), f"`source-path`: {problem}")
    return template


def _glossaries(data, path: str) -> tuple[str, ...]:
    """The term lists, each checked to exist here (where the line is known)."""
    base = os.path.dirname(os.path.abspath(path))
    found = []
    for name in _strings(data, "glossary", path):
        resolved = os.path.normpath(os.path.join(base, os.path.expanduser(name)))
        if not os.path.isfile(resolved):
            raise YamlError(path, line_of(data, "glossary"), f"`glossary`: no file {name!r} (looked for {resolved})")
        if not resolved.lower().endswith((".csv", ".tsv", ".tbx")):
            raise YamlError(path, line_of(data, "glossary"), f"`glossary`: {name!r} is neither CSV nor TBX (.csv, .tsv, .tbx)")
        found.append(resolved)
    return tuple(found)


def _check_packs(packs, data, path: str) -> None:
    """A pack that is neither built in nor a path (relative to this file) is an error here, where
    the line is known, rather than later when the first file is linted."""
    base = os.path.dirname(os.path.abspath(path))
    for spec in packs:
        if locate.locate(spec, base) is None:
            raise YamlError(path, line_of(data, "packs"), f"`packs`: {locate.not_found(spec)}")


def load_config(path: str, _extending: tuple[str, ...] = ()) -> Config:
    data = parse_yaml_file(path)  # kept between runs
    config = parse_config(data, path)
    if not isinstance(data, LineDict) or "extend" not in data:
        return config
    parent_path = _extended_path(data, path, _extending)
    parent = load_config(parent_path, (*_extending, os.path.abspath(path)))
    return _extend(parent, config, set(data))


def _extended_path(data: LineDict, path: str, extending: tuple[str, ...]) -> str:
    target = data["extend"]
    if not isinstance(target, str) or not target.strip():
        raise YamlError(path, line_of(data, "extend"), "`extend` must be the path of another tqlint config")
    resolved = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(path)), os.path.expanduser(target)))
    if resolved in (*extending, os.path.abspath(path)):
        raise YamlError(path, line_of(data, "extend"), f"`extend`: {target!r} leads back to this file (a cycle)")
    if not os.path.isfile(resolved):
        raise YamlError(path, line_of(data, "extend"), f"`extend`: no file {target!r} (looked for {resolved})")
    return resolved


# Config field -> the key that sets it, for the keys a child replaces wholesale.
_REPLACED = {
    "packs": "packs", "source_languages": "source-languages", "select": "select", "ignore": "ignore",
    "fail_on": "fail-on", "organisations": "organisations", "people": "people", "front_matter_keys": "front-matter-keys",
    "glossary": "glossary",
}


def _extend(parent: Config, child: Config, child_keys: set) -> Config:
    """`child` on top of `parent`: a key the child sets replaces the parent's (a list is not
    appended to: what the file says is what applies); `rules` and `languagetool` merge key by
    key. Paths the parent gave (pack folders, ignore-paths) stay relative to the parent's file."""
    changes: dict = {}
    lines, origins = dict(child.lines), dict(child.origins)

    def inherit(line_key: str) -> None:
        if line_key in parent.lines:
            lines[line_key] = parent.lines[line_key]
            origins[line_key] = parent.file_of(line_key)

    for name, key in _REPLACED.items():
        if key not in child_keys:
            changes[name] = getattr(parent, name)
            inherit(key)
    if "packs" not in child_keys and parent.packs is not None:
        changes["packs"] = tuple(locate.anchored(spec, parent.base_dir) for spec in parent.packs)
    if "ignore-paths" not in child_keys:
        changes["inherited_ignores"] = parent.ignores()
        inherit("ignore-paths")
    else:
        changes["inherited_ignores"] = ()
    levels = dict(parent.rule_levels)
    levels.update(child.rule_levels)
    changes["rule_levels"] = tuple(levels.items())
    for selector, _ in parent.rule_levels:
        if selector not in dict(child.rule_levels):
            inherit(f"rules/{selector}")
    changes["languagetool"] = {**parent.languagetool, **child.languagetool}
    if "source-path" not in child_keys:  # the parent's template stays relative to the parent's folder
        changes["source_path"], changes["source_base"] = parent.source_path, parent.source_base
        inherit("source-path")
    return replace(child, **changes, lines=lines, origins=origins)


def find_config_file(start_dir: str) -> str | None:
    """The nearest .tqlint.yaml in `start_dir` or above it. One that is there but is no file (a
    link to a config that moved, a folder) is returned too: loading it fails with its path,
    where passing it over would run the defaults in its place without a word."""
    folder = os.path.abspath(start_dir)  # (strings, not pathlib: ~3-4 ms of a cold start to import)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) or os.path.lexists(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


class ConfigFinder:
    """Finds and loads each folder's config once per run."""

    def __init__(self, explicit: str | None = None, disabled: bool = False):
        self._explicit = load_config(explicit) if explicit else None
        self._disabled = disabled
        self._by_file: dict[str | None, Config] = {}
        self._by_dir: dict[str, str | None] = {}

    def for_path(self, path: str | None) -> Config:
        if self._explicit is not None:
            return self._explicit
        if self._disabled:
            return self._by_file.setdefault(None, Config())
        directory = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
        if directory not in self._by_dir:
            self._by_dir[directory] = find_config_file(directory)
        config_file = self._by_dir[directory]
        if config_file not in self._by_file:
            self._by_file[config_file] = load_config(config_file) if config_file else Config()
        return self._by_file[config_file]


STARTER_CONFIG = """\
# tqlint configuration. tqlint looks for this file in each article's folder and above it.
# Every key is optional; README.md ("Configuration") describes them all.

# Build on another config (say, the newsroom's): its settings apply unless this file sets them;
# `rules` and `languagetool` merge key by key. Without it, the nearest config is the whole story.
# extend: ../.tqlint.yaml

# Which rule packs run. Built-in: en-news (checks on the English side, whatever the source)
# and from-ro, from-fr, from-es, from-it, from-pt, from-de, from-zh, from-ja, from-ru (also uk, be):
# habits of one source language.
# Paths to your own packs work too (relative to this file).
# packs: [en-news, from-ro, ./house-rules]

# The languages your articles were translated from: picks the matching from-* packs
# and tells LanguageTool (if enabled) which false friends to look for. Default: all.
# source-languages: [ro, fr]

# Switch rules off, or change their severity, by id or prefix.
# rules:
#   en-news/doubled-word: off
#   from-ro: warning

# Run only these rules, or never these (ids or prefixes).
# select: [en-news]
# ignore: [en-news/space-inside-brackets]

# Paths never linted (globs, relative to this file).
ignore-paths:
  - "drafts/**"

# The lowest severity that makes `tqlint check` exit 1: error, warning, info or never.
fail-on: warning

# Names the pronoun rules should know about.
# organisations: [Acme Holdings]
# people: [Dana Whitfield]

# Bilingual checks (numbers, dates, names, omissions… against the source): where each article's
# source is. {dir} is the article's folder, {stem} its name without extension, {ext} the extension.
# source-path: "{dir}/../ro/{stem}{ext}"
# glossary: [desk-terms.csv]    # the desk's term list (CSV or TBX): source term → English term

# LanguageTool, the grammar engine: off unless you switch it on. Nothing leaves this machine
# unless `server` names a remote one.
# languagetool:
#   enabled: true
#   server: http://localhost:8081
#   language: en-US
"""
