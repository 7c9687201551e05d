"""Every example of every built-in rule: `flag` texts are flagged and fixed exactly as written,
`pass` texts stay quiet. One test per rule, named by its id (`pytest -k en-news/doubled-comma`)."""

from __future__ import annotations

import pytest

from tqlint.config import Config
from tqlint.packs.locate import builtin_pack_names
from tqlint.packs.proof import check_rule
from tqlint.packs.ruleset import build_ruleset

# Built at collection so each rule gets its own test id; disabled rules are checked too.
RULES = [a.rule for a in build_ruleset(Config(packs=tuple(builtin_pack_names())), select=("*",)).rules]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_examples(rule):
    failures = check_rule(rule)
    assert not failures, "\n".join(map(str, failures))


def test_there_are_rules():
    assert len(RULES) >= 7
