"""The calque classes added in round 9 (issue 14) beyond their own examples: where the rules
stay quiet and which fixes they leave to an editor."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.finding import Finding


def lint(text: str, rule: str) -> tuple[Finding, ...]:
    return tuple(Linter(no_config=True, select=(rule,)).lint_text(text, None, syntax="text").findings)


def test_participants_of_offers_in_but_not_unattended():
    found = lint("Participants of the march were detained.", "en-news/participants-of-event")
    assert [f.text for f in found] == ["Participants of"]
    assert not found[0].fixes[0].safe


def test_participants_of_leaves_verbs_that_take_of_alone():
    rule = "en-news/participants-of-event"
    for text in (
        "Organisers informed all participants of the changes.",
        "The host assured fellow participants of their safety.",
        "Stewards robbed no participants of their medals.",
    ):
        assert not lint(text, rule), text
