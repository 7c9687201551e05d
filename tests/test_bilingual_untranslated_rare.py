"""bilingual/untranslated-rare-word: a rare source word (slang, dialect, a copied misspelling)
carried into the translation, which English's word list lacks; and en-news's
greek-letter-source-spelling ("Omikron")."""

from __future__ import annotations

import pytest
from one_rule import bilingual_findings

from tqlint.api import Linter
from tqlint.fixer import apply_fixes
from tqlint.kinds import RuleError
from tqlint.kinds.bilingual import untranslated

RULE = "bilingual/untranslated-rare-word"


def findings(text, source, language="cs", rule=RULE):
    return bilingual_findings(rule, text, source, language)


def test_a_rare_source_word_left_in_the_translation_is_flagged_without_a_fix():
    [found] = findings("The party turned into one big kravál by midnight.",
                       "Večírek se do půlnoci změnil v jeden velký kravál.")
    assert found.text == "kravál"
    assert not found.fixes and found.no_fix_reason


@pytest.mark.parametrize("text, source, language", [
    # translated
    ("The party turned into one big racket by midnight.", "Večírek se do půlnoci změnil v jeden velký kravál.", "cs"),
    # a common source word is untranslated-word's, not this rule's
    ("They met on the main náměstí.", "Sešli se na hlavním náměstí.", "cs"),
    # a word no list has: a drug or product name a translator keeps
    ("Doctors may now prescribe molnupiravir.", "Lékaři nyní mohou předepsat molnupiravir.", "cs"),
    # a brand with its trade mark
    ("The decoder speaks mfx® to the central unit.", "Der Decoder spricht mfx® mit der Zentrale.", "de"),
    # a Latin tag kept on purpose: two carried words side by side
    ("As lawyers say, pacta sunt servanda.", "Jak říkají právníci, pacta sunt servanda.", "cs"),
    # in quotation marks: a word shown as a word
    ('Locals call the dish "kravál" for the noise it makes.', 'Místní říkají jídlu „kravál“ kvůli hluku.', "cs"),
])
def test_names_loans_brands_tags_and_quoted_words_are_left_alone(text, source, language):
    assert findings(text, source, language) == []


def test_source_zipf_must_be_a_pair():
    with pytest.raises(RuleError, match="source-zipf"):
        untranslated.compile({"words": True, "source-zipf": 3}, None)
    with pytest.raises(RuleError, match="english-zipf-max"):
        untranslated.compile({"words": True, "english-zipf-max": "none"}, None)


def test_the_default_words_check_still_wants_a_common_source_word():
    rarity = untranslated._Rarity.from_options({})
    lexicon = untranslated.EnglishLexicon("cs")
    assert rarity.fits(lexicon, "náměstí") and not rarity.fits(lexicon, "kravál")


@pytest.mark.parametrize("text, fixed", [
    ("A vaccine adapted for Omikron is due in March.", "A vaccine adapted for Omicron is due in March."),
    ("Nobody has died of omikron here yet.", "Nobody has died of omicron here yet."),
])
def test_the_source_spelling_of_omicron_is_flagged_and_fixed(text, fixed):
    linter = Linter(no_config=True, select=("en-news/greek-letter-source-spelling",))
    [found] = linter.lint_text(text, None, "text").findings
    assert apply_fixes(text, [found.fixes[0]])[0] == fixed


def test_a_czech_case_form_kept_in_the_translation_is_flagged_with_its_base_form_named():
    [found] = findings("Line 410 runs via Kladno to Pardubic every hour.",
                       "Linka 410 jede přes Kladno do Pardubic každou hodinu.", rule="bilingual/source-case-form")
    assert found.text == "Pardubic" and "Pardubice" in found.message and not found.fixes


def test_the_declined_head_of_a_place_name_with_a_preposition_is_a_case_form():
    [found] = findings("Volunteers bring boxes to Rosic u Brna.", "Dobrovolníci vozí krabice do Rosic u Brna.",
                       rule="bilingual/source-case-form")
    assert found.text == "Rosic" and "Rosice" in found.message
    assert findings("Volunteers bring boxes to Rosice u Brna.", "Dobrovolníci vozí krabice do Rosic u Brna.",
                    rule="bilingual/source-case-form") == []


def test_a_case_form_with_an_english_possessive_is_still_a_case_form():
    [found] = findings("Chalupu's right next to town.", "Chalupu mám hned vedle města.", rule="bilingual/source-case-form")
    assert found.text == "Chalupu"


@pytest.mark.parametrize("text, source, word, base", [
    # a masculine genitive (accusative) of a surname, a neuter genitive of a village
    ("After the match the coach praised Horáka.", "Trenér po zápase chválil Horáka.", "Horáka", "Horák"),
    ("The cyclists rode from Lipna to the border.", "Cyklisté jeli z Lipna až k hranici.", "Lipna", "Lipno"),
])
def test_a_rare_form_in_a_that_is_the_genitive_of_its_base_is_a_case_form(text, source, word, base):
    [found] = findings(text, source, rule="bilingual/source-case-form")
    assert found.text == word and base in found.message and not found.fixes


@pytest.mark.parametrize("text, source", [
    # a woman's name the lemmatiser reads as the genitive of the man's: common in Czech, left alone
    ("Vlastimila has run the village school for ten years.", "Vlastimila vede vesnickou školu už deset let."),
    # a town genitive common in Czech: left alone
    ("The bus leaves Tábora at six.", "Autobus odjíždí z Tábora v šest."),
    # an -a form whose base is no genitive of it (a club in -ia)
    ("Fans of Viktoria sang all night.", "Fanoušci klubu Viktoria zpívali celou noc."),
])
def test_common_forms_in_a_and_other_nominatives_in_a_are_left_alone(text, source):
    assert findings(text, source, rule="bilingual/source-case-form") == []


@pytest.mark.parametrize("text, source", [
    # the base form
    ("Line 410 runs via Kladno to Pardubice every hour.", "Linka 410 jede přes Kladno do Pardubic každou hodinu."),
    # a word of a longer name
    ("Trains stop in Ústí nad Labem from Sunday.", "Vlaky zastaví v Ústí nad Labem od neděle."),
    # a form that is a nominative too: an adjective, a feminine name in -a
    ("Jana lives on Květná now.", "Jana teď bydlí na Květná."),
    # not in the source as it is
    ("Line 410 runs via Kladno to Prague.", "Linka 410 jede přes Kladno do Prahy."),
])
def test_base_forms_longer_names_and_nominatives_are_not_case_forms(text, source):
    assert findings(text, source, rule="bilingual/source-case-form") == []


def test_a_reduplicated_chinese_name_split_in_two_is_flagged_and_joined():
    text = "Our consultant Mei Mei called back on Monday."
    [found] = findings(text, "我们的顾问美美周一回了电话。", "zh", rule="bilingual/reduplicated-name-split")
    assert apply_fixes(text, [found.fixes[0]])[0] == "Our consultant Meimei called back on Monday."


@pytest.mark.parametrize("text, source", [
    # two different characters read alike
    ("Critics say Han Han drives fast.", "评论家说韩寒开车很快。"),
    # a doubled character, but no doubled syllable in the English
    ("Our consultant Meimei called back.", "我们的顾问美美回了电话。"),
])
def test_names_of_two_different_characters_are_left_alone(text, source):
    assert findings(text, source, "zh", rule="bilingual/reduplicated-name-split") == []


def test_a_link_ends_at_chinese_punctuation_so_the_clause_after_it_is_seen():
    text = "Read more at https://example.com/p/123，或搜索 our page."
    found = Linter(no_config=True, select=("en-news/source-script-letters",)).lint_text(text, None, "text").findings
    assert [f.text for f in found] == ["，或搜索"]


def test_the_ideographic_zero_used_as_a_list_mark_is_source_script():
    found = Linter(no_config=True, select=("en-news/source-script-letters",)).lint_text(
        "〇 Main timing of the survey", None, "text").findings
    assert [f.text.strip() for f in found] == ["〇"]



def test_a_pinyin_gloss_carried_from_a_chinese_source_is_flagged_whatever_its_case():
    found = findings("Miǎo, real name Lin Hai, left. The poet (miǎo) wrote.", "淼（miǎo），本名林海。", "zh",
                     rule="bilingual/pinyin-gloss-carried")
    assert [f.text for f in found] == ["Miǎo", "miǎo"]
    assert findings("Café Miǎo opened.", "Das Café Miǎo hat geöffnet.", "de", rule="bilingual/pinyin-gloss-carried") == []
    assert findings("The talks in Běijīng ended.", "在北京的会谈结束了。", "zh", rule="bilingual/pinyin-gloss-carried") == []


def test_a_lower_case_abbreviation_carried_over_is_flagged_but_brands_and_addresses_are_not():
    rule = "bilingual/abbreviation-carried"
    assert [f.text for f in findings("Tanks and bvp came.", "Tanky a bvp přijely.", rule=rule)] == ["bvp"]
    assert findings("Buy mfx® and read zpr.cz now.", "Kupte mfx® a čtěte zpr.cz.", rule=rule) == []
    assert findings("They drove 5 km.", "Ujeli 5 km.", rule=rule) == []
    assert [f.text for f in findings("Two zzs-medical crews came.", "Přijely dvě posádky ZZS.", rule=rule)] == ["zzs"]


@pytest.mark.parametrize("options, key", [({"shape": "(unclosed"}, "shape"), ({"shape": 3}, "shape"),
                                          ({"shape": "x", "languages": "zh"}, "languages")])
def test_shape_options_are_checked(options, key):
    with pytest.raises(RuleError) as error:
        untranslated.compile(options, {})
    assert error.value.key == key
