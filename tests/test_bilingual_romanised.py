"""bilingual/cyrillic-word-romanised: a lower-case word of a Cyrillic source that the translation
spells out in Latin letters instead of translating (the `romanised` mode of source-untranslated)."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

from tqlint.kinds.bilingual.romanised import romanised

RULE = "bilingual/cyrillic-word-romanised"


def findings(text, source, language="ru"):
    return bilingual_findings(RULE, text, source, language)


def test_a_romanised_word_is_flagged_without_a_fix():
    [finding] = findings("Our neighbour fixed the pylesos on Sunday.", "Сосед в воскресенье починил пылесос.")
    assert finding.text == "pylesos"
    assert not finding.fixes


@pytest.mark.parametrize("latin, cyrillic", [
    ("shchuka", "щука"), ("schuka", "щука"),                            # shch / sch
    ("khokhol", "хохол"), ("hohol", "хохол"),                          # kh / h
    ("pyrizhivat", "пириживать"), ("pirizhivat", "пириживать"),        # y / i, soft sign dropped
    ("holubtsi", "голубці"), ("golubtsy", "голубцы"),                  # Ukrainian г is h, Russian g
])
def test_romanisation_schemes_meet(latin, cyrillic):
    assert romanised(latin) == romanised(cyrillic)


def test_a_case_form_of_a_source_word_is_flagged():
    [finding] = findings("They fired at us with gradami and mortars.", "По нам стреляли градами и минометами.", "uk")
    assert finding.text == "gradami"


@pytest.mark.parametrize("text, source", [
    # a name: the source writes it capitalised
    ("Yesterday Zhukov visited the plant.", "Вчера Жуков посетил завод."),
    ("Yesterday zhukov visited the plant.", "Вчера Жуков посетил завод."),
    # a loan English's word list has
    ("They spent the summer at their dacha near the oblast border.", "Лето они провели на своей дача у границы области."),
    # glossed in brackets, or part of a hyphenated word, or in a quoted title
    ("The name comes from the word \"shalash\" (a hut of branches).", "Название происходит от слова «шалаш»."),
    ("The drummers played a loud tra-ta-tam all night.", "Барабанщики всю ночь играли громкое тра-та-там."),
    ("She sang \"Tikhiy vecher u reki\" last night.", "Она спела «Тихий вечер у реки» вчера."),
    # a dish English news keeps in the source's word (the rule's `keep` list)
    ("We made varenyky and holubtsi on Sunday.", "В неділю ми зробили вареники та голубці."),
    # a web address
    ("See gorodskienovosti.rf for details.", "Подробности на городскиеновости.рф."),
    # a Latin-letter source is untranslated-word's, not this rule's
    ("The judges rejected the appeal filed by primarul.", "Judecătorii au respins contestația depusă de primarul."),
])
def test_no_finding(text, source):
    assert findings(text, source) == []


def test_a_single_quoted_word_is_still_flagged():
    [finding] = findings("Fishermen say \"shchuka\" bite at dawn.", "Рыбаки говорят, что «щука» клюёт на рассвете.")
    assert finding.text == "shchuka"


def test_keep_must_be_a_list_of_words():
    from tqlint.kinds import RuleError  # the kind's error, only this test needs it
    from tqlint.kinds.bilingual.romanised import kept_words

    with pytest.raises(RuleError):
        kept_words({"keep": "varenyky"})
    assert kept_words({"keep": ["varenyky"]}) == {romanised("вареники")}
