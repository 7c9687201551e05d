"""The real-MT fire counts behind docs/rules.md (rules/fire-counts.json, written by
bench/fire_counts.py): well-formed, about rules that exist, and shown for every built-in rule."""

from __future__ import annotations

import pytest

from tqlint.packs.docgen import fire_counts, render_rules_markdown
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_pack_names, builtin_packs_dir

COUNTS = fire_counts()
pytestmark = pytest.mark.skipif(COUNTS is None, reason="no rules/fire-counts.json")


def test_the_counts_are_well_formed():
    assert COUNTS["segments"] > 0 and COUNTS["pairs"] and min(COUNTS["words"].values()) > 0
    for rule, counts in COUNTS["rules"].items():
        assert set(counts) == {"mt", "refs"} and all(isinstance(n, int) and n >= 0 for n in counts.values()), rule
        assert counts["mt"] or counts["refs"], f"{rule}: a rule that never fired is left out"


def test_the_counts_name_rules_that_exist():
    """A rule renamed or removed since the counts were taken: run bench/fire_counts.py again."""
    packs = [load_pack(builtin_packs_dir() / name, builtin=True) for name in builtin_pack_names()]
    known = {name for pack in packs for rule in pack.rules for name in (rule.id, *rule.replaces)}
    assert not set(COUNTS["rules"]) - known


def test_every_built_in_rule_shows_its_rate():
    packs = [load_pack(builtin_packs_dir() / name, builtin=True) for name in builtin_pack_names()]
    text = render_rules_markdown(packs)
    assert "| rule | category | severity | fix | real MT / refs |" in text
    rule = next(r for p in packs for r in p.rules if r.id == "en-news/doubled-word")
    mt = 1000 * COUNTS["rules"][rule.id]["mt"] / COUNTS["words"]["mt"]
    assert f"| {mt:.3f} / " in text and "On real MT: " in text
