"""bilingual/name-lower-case: a word the source writes only capitalised (a name) that the
translation writes lower-case, proven by the source's capital."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

from tqlint.fixer import apply_fixes
from tqlint.kinds import RuleError
from tqlint.kinds.bilingual import untranslated

RULE = "bilingual/name-lower-case"


def findings(text, source, language="cs"):
    return bilingual_findings(RULE, text, source, language)


def test_a_name_the_translation_lowered_is_flagged_and_capitalised():
    text = "Buses go via jihlavu and kladno to the lake."
    [first, second] = findings(text, "Autobusy jedou přes Jihlavu a Kladno k jezeru.")
    assert (first.text, second.text) == ("jihlavu", "kladno")
    assert "Jihlavu" in first.message
    fixed, _, _ = apply_fixes(text, [first.fixes[0], second.fixes[0]])
    assert fixed == "Buses go via Jihlavu and Kladno to the lake."


@pytest.mark.parametrize("text, source, language", [
    # the source's capital starts a sentence: no sign of a name
    ("Wide roads were built; the široká one first.", "Široká silnice byla postavena.", "cs"),
    # German capitalises every noun
    ("The rolls came from a backstube.", "Die Brötchen kamen aus einer Backstube.", "de"),
    # an English word, whatever the source's case
    ("He walked past the mill.", "Šel kolem Mill.", "cs"),
    # the source also writes it lower-case
    ("The jihlavou stood by jihlavou.", "Jihlavou stála u Jihlavou a jihlavou.", "cs"),
])
def test_no_proof_of_a_name_no_finding(text, source, language):
    assert findings(text, source, language) == []


def test_noun_capitals_is_checked():
    with pytest.raises(RuleError):
        untranslated.compile({"lowered-names": True, "noun-capitals": "de"}, {})
