"""bilingual/doubled-capital-not-in-source: a capitalised word written twice where the source
says nothing twice (the `single` mode of the source-reduplicated-name kind)."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

from tqlint.fixer import apply_fixes
from tqlint.kinds import RuleError
from tqlint.kinds.bilingual import reduplicated

RULE = "bilingual/doubled-capital-not-in-source"


def findings(text, source, language):
    return bilingual_findings(RULE, text, source, language)


@pytest.mark.parametrize("text, source, language, fixed", [
    ("We ordered a box of Dango Dango for the office.", "オフィス用に団子を一箱注文した。", "ja",
     "We ordered a box of Dango for the office."),
    ("The court later released Horak Horak on bail.", "Soud později Horáka propustil na kauci.", "cs",
     "The court later released Horak on bail."),
    ("Buy the Kettle Kettle Set now.", "Kaufen Sie jetzt das Wasserkocher-Set.", "de",
     "Buy the Kettle Set now."),
])
def test_a_capitalised_word_doubled_against_a_single_source_word_is_flagged(text, source, language, fixed):
    [found] = findings(text, source, language)
    assert apply_fixes(text, [found.fixes[0]])[0] == fixed


@pytest.mark.parametrize("text, source, language", [
    # the source doubles the name too, in its own spelling or with a case ending
    ("They saw Duran Duran live.", "Viděli Duran Duran naživo.", "cs"),
    ("The general Cao Cao won.", "Генерал Цао Цао победил.", "ru"),
    ("The army of Cao Cao fled.", "Vojsko Cchao Cchaa uprchlo.", "cs"),
    # a CJK source that repeats a run of characters
    ("She shouted Ussu Ussu at us.", "彼女は「ウッスウッス」と叫んだ。", "ja"),
    ("The court heard Sirhan Sirhan again.", "法庭再次听取了瑟汉·瑟汉的陈述。", "zh"),
    ("We flew on to Bora Bora.", "私たちはボラ・ボラへ飛んだ。", "ja"),
    # two different characters that may read alike: a pinyin syllable is left alone
    ("Critics say Han Han drives fast.", "评论家说韩寒开车很快。", "zh"),
    # a reduplication English makes of one word, and a lower-case second copy (doubled-word's)
    ("Bye Bye, said the child.", "Tschüss, sagte das Kind.", "de"),
    ("Winter winter tyres are on sale.", "Winterreifen sind im Angebot.", "de"),
    # glued by a hyphen
    ("He met Boutros Boutros-Ghali.", "Setkal se s Butrusem Ghálím.", "cs"),
])
def test_doubles_the_source_explains_are_left_alone(text, source, language):
    assert findings(text, source, language) == []


def test_the_mode_and_its_options_are_checked():
    with pytest.raises(RuleError):
        reduplicated.compile({"source": "twice"}, None)
    with pytest.raises(RuleError):
        reduplicated.compile({"source": "single", "words": "bye"}, None)
    with pytest.raises(RuleError):
        reduplicated.compile({"source": "single", "skip": "("}, None)
