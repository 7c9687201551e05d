"""The pronoun kind's reach gate (tqlint.kinds.pronoun.reach): a pronoun sentence it rules out
never has an organisation or thing mention in reach, so skipping it changes no finding."""

from __future__ import annotations

import pytest

from tests.test_kind_pronoun import _shipped_rule
from tqlint.engine.context import LintContext
from tqlint.kinds.pronoun import mentions as mentions_module
from tqlint.kinds.pronoun.knowledge import ORG, THING, lexicon_from
from tqlint.kinds.pronoun.mentions import Mentions
from tqlint.text.document import plain_document

TEXTS = [
    # one kind of organisation or thing mention each, at varying distance from the pronoun
    "Halvorsen Freight Group reported a loss. Analysts were surprised. She blamed fuel prices.",
    "Banca Transilvania raised rates. She said deposits grew.",
    "Orvello's shares fell on Monday. Later Orvello said she would cut costs.",
    "Quentaro, the Danish carmaker, cut jobs. Quentaro said she would reopen in May.",
    "The SNCF cancelled trains. She apologised.",
    "Talks stalled with the carmaker Renault because she refused to pay.",
    "The missile was fired at dawn and she hit the target.",
    "The ministry published figures. He said nothing. The weather was mild. Rain fell. She rose.",
    "Zentrix hired engineers. She said more would follow.",
    "Maria Popescu spoke first. She thanked the voters. The town is quiet and he is glad.",
    "“We will win,” she said. The Bank of England kept rates. His view differs.",
    "Dr. Jones met Acme Holdings Inc. officials. Their Co. said she agreed.",
    "Nobody came to the party at the house of the Smiths, and he left early.",
]


def _mentions(text: str, context: LintContext) -> Mentions:
    lexicon = lexicon_from(_shipped_rule().options)
    return Mentions(plain_document(text), lexicon, context)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("context", [LintContext(), LintContext(organisations=("Zentrix", "Maria Popescu"))])
def test_ruled_out_sentences_have_no_organisation_or_thing_in_reach(monkeypatch, text, context):
    gated = _mentions(text, context)
    monkeypatch.setattr(mentions_module, "viable_sentences", lambda sentences, signals, lexicon: sentences)
    full = _mentions(text, context)
    lex = full.lex
    assert gated.viable <= full.viable
    for k in full.viable - gated.viable:
        assert not [m for m in full.mentions if (m.kind == ORG and k - lex.org_window <= m.sentence <= k)
                    or (m.kind == THING and k - lex.thing_window <= m.sentence <= k)], (text, k)


def test_the_gate_rules_out_a_document_of_people_only():
    found = _mentions("Maria Popescu spoke first. She thanked the voters and he clapped.", LintContext())
    assert found.viable == set() and found.mentions == []
    kept = _mentions("The ministry published figures and she said nothing.", LintContext())
    assert kept.viable == {0}
