"""A run's RuleSet: packs loaded once, filtered and re-levelled by config and command line."""

from __future__ import annotations

from dataclasses import dataclass

from tqlint.finding import Severity
from tqlint.packs.loader import resolve_pack
from tqlint.packs.locate import builtin_pack_names
from tqlint.packs.model import Pack, Rule
from tqlint.packs.selection import Selection, rule_matches
from tqlint.suggest import did_you_mean
from tqlint.yamlio import YamlError


@dataclass(frozen=True)
class ActiveRule:
    """A rule as a run applies it, at the severity the config gives."""
    rule: Rule
    severity: Severity


@dataclass(frozen=True)
class RuleSet:
    """The rules a run applies, with their packs and the selection that chose them."""
    rules: tuple[ActiveRule, ...]
    packs: tuple[Pack, ...]
    selection: Selection = Selection()
    # Every rule id of the packs the config names, running here or not: what a suppression
    # comment may name without being a typo.
    known_ids: frozenset[str] = frozenset()

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


def _check_selectors(config, packs, select, ignore) -> None:
    """A rule id or prefix that names no rule of the packs in use is a typo: an error with a
    did-you-mean, not a selection that silently runs nothing (and so always passes)."""
    known = [name for pack in packs for rule in pack.rules for name in (rule.id, *rule.replaces)]

    def unknown(selector: str) -> bool:
        selector = selector.strip()
        if not selector or selector.split("/")[0] in ("languagetool", "tqlint"):  # LanguageTool's and tqlint's own
            return False
        return not any(rule_matches(rule_id, selector) for rule_id in known)

    def problem(selector: str) -> str:
        return f"no rule matches {selector!r}" + did_you_mean(selector, known + sorted({p.name for p in packs}))

    in_config = [("select", s, "select") for s in config.select] + [("ignore", s, "ignore") for s in config.ignore]
    in_config += [("rules", s, f"rules/{s}") for s, _ in config.rule_levels]
    for key, selector, line_key in in_config:
        if unknown(selector):
            raise YamlError(config.file_of(line_key), config.lines.get(line_key), f"`{key}`: {problem(selector)}")
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors:
            if unknown(selector):
                raise YamlError(option, None, problem(selector))


def build_ruleset(config, loader: PackLoader | None = None, select: tuple[str, ...] = (),
                  ignore: tuple[str, ...] = ()) -> RuleSet:
    """The rules `config` (a tqlint.config.Config) and the command line's `select`/`ignore`
    ask for, each at its severity."""
    loader = loader or PackLoader()
    names = config.packs if config.packs is not None else tuple(builtin_pack_names())
    packs = [loader.load(name, config.base_dir) for name in names]
    _check_selectors(config, packs, select, ignore)
    known_ids = frozenset(name for pack in packs for rule in pack.rules for name in (rule.id, *rule.replaces))
    if config.source_languages:
        wanted = {code.split("-")[0] for code in config.source_languages}  # pt-BR runs from-pt
        packs = [p for p in packs if not p.source_languages or wanted & set(p.source_languages)]
    selection = Selection.of(config, select, ignore)
    active = []
    for pack in packs:
        for rule in pack.rules:
            severity = selection.severity(rule.id, rule.severity, rule.enabled, rule.replaces)
            if severity is not None:
                active.append(ActiveRule(rule, severity))
    return RuleSet(tuple(active), tuple(packs), selection, known_ids)
