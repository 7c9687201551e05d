"""bilingual/german-compound-carried: a capitalised German compound (by its head or suffix) that
the translation copies and English's word list lacks altogether (the `shape` mode with
`english-zipf-max`)."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

RULE = "bilingual/german-compound-carried"


def findings(text, source, language="de"):
    return bilingual_findings(RULE, text, source, language)


def test_a_copied_compound_is_flagged_without_a_fix():
    [finding] = findings("Children get sweets on Nikolaustag.", "Kinder bekommen am Nikolaustag Süßigkeiten.")
    assert finding.text == "Nikolaustag"
    assert not finding.fixes


@pytest.mark.parametrize("text, source, language", [
    # English's list has it, however rarely (Zipf > 0): a term English news keeps
    ("The Landtag voted on Tuesday.", "Der Landtag stimmte am Dienstag ab.", "de"),
    ("It was an act of Realpolitik and Schadenfreude.", "Es war Realpolitik und Schadenfreude.", "de"),
    # not in the source sentence: the translator's own word
    ("Children get sweets on Nikolaustag.", "Kinder bekommen am 6. Dezember Süßigkeiten.", "de"),
    # a head no rule lists (firms' names end so)
    ("The network operator Bayernwerk announced it.", "Der Netzbetreiber Bayernwerk kündigte es an.", "de"),
    # a German word under a Czech source is not this rule's
    ("Children get sweets on Nikolaustag.", "Děti dostávají na Nikolaustag sladkosti.", "cs"),
])
def test_no_copied_compound_no_finding(text, source, language):
    assert findings(text, source, language) == []


def test_english_zipf_max_must_be_a_number():
    from tqlint.kinds import RuleError  # the kind's error, only this test needs it
    from tqlint.kinds.bilingual.untranslated import _shape
    with pytest.raises(RuleError):
        _shape({"shape": "x", "english-zipf-max": "none"})
