"""Which rules run, and how severe their findings are: the one decision point, used by the
rule set (tqlint.packs.ruleset) and by LanguageTool's rules (tqlint.engines.languagetool) alike.

A user names rules by an exact id, a pack or id prefix ending at a "/", or a glob; where
several selectors name a rule, the most specific (longest) wins, as in flake8. A rule that moved
(from-de/time-uhr was en-news/time-uhr) still answers to its former exact ids (`replaces:` in its
pack); prefixes and globs mean the packs as they are now.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from tqlint.finding import Severity


def rule_matches(rule_id: str, selector: str) -> bool:
    selector = selector.strip()
    if not selector:
        return False
    if any(ch in selector for ch in "*?["):
        return fnmatch.fnmatchcase(rule_id, selector)
    selector = selector.rstrip("/")
    return rule_id == selector or rule_id.startswith(selector + "/")


def names_rule(selector: str, rule_id: str, former: tuple[str, ...] = ()) -> bool:
    """`rule_matches`, or the selector is exactly one of the rule's `former` ids."""
    return rule_matches(rule_id, selector) or (bool(former) and selector.strip().rstrip("/") in former)


def most_specific(rule_id: str, selectors, former: tuple[str, ...] = ()) -> str | None:
    """The longest selector that names `rule_id` or one of its `former` ids (flake8's "most
    specific wins")."""
    best = None
    for selector in selectors:
        if names_rule(selector, rule_id, former) and (best is None or len(selector) > len(best)):
            best = selector
    return best


@dataclass(frozen=True)
class Selection:
    """What the config and the command line say about rules: `select`, `ignore` (config's
    first, then the command line's) and per-rule or per-prefix `levels` (severity or "off")."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, config, select=(), ignore=()) -> Selection:
        return cls(tuple(config.select) + tuple(select), tuple(config.ignore) + tuple(ignore),
                   tuple(config.rule_levels))

    def runs(self, rule_id: str, enabled: bool = True, former: tuple[str, ...] = ()) -> bool:
        """Does the rule run? `enabled`: false for a rule shipped switched off, which runs only
        when selected by name or prefix, or given a level. `former`: the rule's former ids."""
        chosen = most_specific(rule_id, self.select, former) if self.select else ""
        dropped = most_specific(rule_id, self.ignore, former)
        if chosen is None or (dropped is not None and len(dropped) >= len(chosen or "")):
            return False
        level = self._level(rule_id, former)
        return level != "off" and (enabled or bool(chosen) or level is not None)

    def override(self, rule_id: str, former: tuple[str, ...] = ()) -> Severity | None:
        """The severity the config gives the rule, or None where it keeps its own."""
        level = self._level(rule_id, former)
        return Severity.parse(level) if level and level != "off" else None

    def severity(self, rule_id: str, default: Severity, enabled: bool = True,
                 former: tuple[str, ...] = ()) -> Severity | None:
        """The severity the rule runs at, or None where it does not run."""
        if not self.runs(rule_id, enabled, former):
            return None
        return self.override(rule_id, former) or default

    def _level(self, rule_id: str, former: tuple[str, ...] = ()) -> str | None:
        levels = dict(self.levels)
        key = most_specific(rule_id, levels, former)
        return levels[key] if key else None

    def may_select(self, prefix: str) -> bool:
        """Could any rule under `prefix` (e.g. "languagetool") run? False when `select` names only
        other rules, or `ignore` names the whole prefix and no `select` names a rule under it."""
        def names(selector: str) -> bool:
            selector = selector.strip()
            return (selector.rstrip("/") == prefix or selector.startswith(prefix + "/")
                    or any(c in selector for c in "*?["))
        if self.select and not any(names(s) for s in self.select):
            return False
        whole = any(s.strip().rstrip("/") == prefix for s in self.ignore)
        specific = any(s.strip().startswith(prefix + "/") for s in self.select)
        return not whole or specific
