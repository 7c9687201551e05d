"""Where a rule is documented: one URL per rule, the same in SARIF, JSON and the editor."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from tqlint import RULES_DOC_URL
from tqlint.packs.locate import builtin_pack_names

LANGUAGETOOL_PREFIX = "languagetool/"
_LANGUAGETOOL_RULE_URL = "https://community.languagetool.org/rule/show/{id}?lang=en"


def rule_anchor(rule_id: str) -> str:
    """The anchor of the rule's heading in docs/rules.md ('### en-news/x' → 'en-newsx'),
    as GitHub and most Markdown renderers derive it."""
    return rule_id.replace("/", "").lower()


@lru_cache(maxsize=1)
def _builtin_packs() -> frozenset[str]:
    return frozenset(builtin_pack_names())


@lru_cache(maxsize=4096)  # called once per finding; a run knows a few hundred rules
def help_uri(rule_id: str) -> str | None:
    """The rule's documentation, or None for a rule of a user's own pack (documented, if at
    all, wherever that pack lives)."""
    if rule_id.startswith(LANGUAGETOOL_PREFIX):
        return _LANGUAGETOOL_RULE_URL.format(id=quote(rule_id[len(LANGUAGETOOL_PREFIX):], safe=""))
    pack = rule_id.partition("/")[0]
    return f"{RULES_DOC_URL}#{rule_anchor(rule_id)}" if pack in _builtin_packs() else None
