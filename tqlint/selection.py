"""How a user names rules: an exact id, a pack or id prefix ending at a "/", or a glob."""

from __future__ import annotations

import fnmatch


def rule_matches(rule_id: str, selector: str) -> bool:
    selector = selector.strip()
    if not selector:
        return False
    if any(ch in selector for ch in "*?["):
        return fnmatch.fnmatchcase(rule_id, selector)
    selector = selector.rstrip("/")
    return rule_id == selector or rule_id.startswith(selector + "/")


def most_specific(rule_id: str, selectors) -> str | None:
    """The longest selector that matches `rule_id` (flake8's "most specific wins")."""
    best = None
    for selector in selectors:
        if rule_matches(rule_id, selector) and (best is None or len(selector) > len(best)):
            best = selector
    return best
