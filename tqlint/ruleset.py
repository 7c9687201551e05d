"""A run's RuleSet: packs loaded once, filtered and re-levelled by config and command line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tqlint import __version__
from tqlint.config import Config
from tqlint.finding import Severity
from tqlint.packs import Pack, Rule, builtin_pack_names, resolve_pack
from tqlint.selection import most_specific


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[ActiveRule, ...]
    packs: tuple[Pack, ...]
    fingerprint: str  # changes whenever anything that can change a finding changes

    def get(self, rule_id: str) -> ActiveRule | None:
        return next((active for active in self.rules if active.rule.id == rule_id), None)


class PackLoader:
    """Loads each pack once per run, however many configs name it."""

    def __init__(self):
        self._packs: dict[tuple[str, str], Pack] = {}

    def load(self, spec: str, base_dir: str) -> Pack:
        key = (spec, base_dir)
        if key not in self._packs:
            self._packs[key] = resolve_pack(spec, base_dir)
        return self._packs[key]


def _pack_digest(packs) -> str:
    digest = hashlib.sha256()
    for pack in packs:
        root = Path(pack.path)
        for file in sorted(root.rglob("*.y*ml")) if root.is_dir() else [root]:
            digest.update(str(file.name).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _check_selectors(config: Config, packs, select, ignore) -> None:
    """A rule id or prefix that names no rule of the packs in use is a typo: an error with a
    did-you-mean, not a selection that silently runs nothing (and so always passes)."""
    import difflib

    from tqlint.selection import rule_matches
    from tqlint.yamlio import YamlError

    known = [rule.id for pack in packs for rule in pack.rules]

    def unknown(selector: str) -> bool:
        selector = selector.strip()
        if not selector or selector.split("/")[0] == "languagetool":  # LanguageTool's rules are not in packs
            return False
        return not any(rule_matches(rule_id, selector) for rule_id in known)

    def problem(selector: str) -> str:
        close = difflib.get_close_matches(selector, known + sorted({p.name for p in packs}), n=1)
        return f"no rule matches {selector!r}" + (f" (did you mean {close[0]!r}?)" if close else "")

    in_config = [("select", s, "select") for s in config.select] + [("ignore", s, "ignore") for s in config.ignore]
    in_config += [("rules", s, f"rules/{s}") for s, _ in config.rule_levels]
    for key, selector, line_key in in_config:
        if unknown(selector):
            raise YamlError(config.file_of(line_key), config.lines.get(line_key), f"`{key}`: {problem(selector)}")
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors:
            if unknown(selector):
                raise YamlError(option, None, problem(selector))


def build_ruleset(
    config: Config,
    loader: PackLoader | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> RuleSet:
    loader = loader or PackLoader()
    names = config.packs if config.packs is not None else tuple(builtin_pack_names())
    packs = [loader.load(name, config.base_dir) for name in names]
    _check_selectors(config, packs, select, ignore)
    if config.source_languages:
        wanted = set(config.source_languages)
        packs = [p for p in packs if not p.source_languages or wanted & set(p.source_languages)]
    selected = tuple(config.select) + tuple(select)
    ignored = tuple(config.ignore) + tuple(ignore)
    levels = dict(config.rule_levels)
    active = []
    for pack in packs:
        for rule in pack.rules:
            chosen = most_specific(rule.id, selected) if selected else ""
            dropped = most_specific(rule.id, ignored)
            if chosen is None or (dropped is not None and len(dropped) >= len(chosen or "")):
                continue
            level_key = most_specific(rule.id, levels)
            level = levels[level_key] if level_key else None
            if level == "off" or (level is None and not rule.enabled and not chosen):
                continue
            severity = Severity.parse(level) if level else rule.severity
            active.append(ActiveRule(rule, severity))
    fingerprint = hashlib.sha256(
        "\0".join((__version__, config.fingerprint(), repr(selected), repr(ignored), _pack_digest(packs))).encode()
    ).hexdigest()
    return RuleSet(tuple(active), tuple(packs), fingerprint)
