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


def build_ruleset(
    config: Config,
    loader: PackLoader | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> RuleSet:
    loader = loader or PackLoader()
    names = config.packs if config.packs is not None else tuple(builtin_pack_names())
    packs = [loader.load(name, config.base_dir) for name in names]
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
