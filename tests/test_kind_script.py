"""The `script` kind: letters and punctuation of another script left in English prose."""

from __future__ import annotations

import functools

import pytest

from tqlint.engine.context import LintContext
from tqlint.fixer import apply_edits
from tqlint.kinds import RuleError, script
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_packs_dir
from tqlint.text.document import plain_document


@functools.cache
def _rules():
    pack = load_pack(builtin_packs_dir() / "en-news" / "source-script.yaml")
    return {r.id.split("/")[-1]: r for r in pack.rules}


def hits(rule_id, text):
    return list(_rules()[rule_id].matcher(plain_document(text), LintContext()))


def flagged(rule_id, text):
    return [text[h.start:h.end] for h in hits(rule_id, text)]


def fixed(rule_id, text):
    result, rejected = apply_edits(text, [edit for h in hits(rule_id, text) for edit in h.fixes[0]])
    assert not rejected
    return result


@pytest.mark.parametrize("text, expected", [
    ("Residents said they were afraid страшно to go out.", ["страшно"]),
    ("The sign said ΦΙΛΟΣ in large letters.", ["ΦΙΛΟΣ"]),
    ("See the site，或搜索 the app.", ["，或搜索"]),  # the glued comma is part of the untranslated text
    ("Officials in 北京市 said so.", ["北京市"]),
    ("The award went to В. K. Arsenov.", ["В"]),
    ("He wrote שלום on the wall and مرحبا below it.", ["שלום", "مرحبا"]),
])
def test_letters_of_any_other_script_are_flagged(text, expected):
    assert flagged("source-script-letters", text) == expected


@pytest.mark.parametrize("text", [
    "The architect Li Wei (李伟) designed the bridge.",
    "She signed as 王芳 (Wang Fang) in the register.",
    "The daily Kommersant (Коммерсантъ) broke the story.",
    "Each tablet holds 200 μg of biotin; π is about 3.14.",
    "In Thai the greeting is written สวัสดี, with a bow.",
    "According to WНO data, cases rose.",  # a lookalike letter: the `lookalikes` rule's
    "The mattress measures 160х200 cm.",
    "Zürich, Łódź and Kraków signed a deal.",
])
def test_glossed_names_symbols_and_lookalikes_are_not_untranslated_text(text):
    assert flagged("source-script-letters", text) == []


@pytest.mark.parametrize("text, expected", [
    ("She said, “It was fun.」 Then she left.", "She said, “It was fun.” Then she left."),
    ("He said 「the law 『must』 change」 today.", "He said “the law ‘must’ change” today."),
    ("The title was 『Blue Sky』 last year.", "The title was “Blue Sky” last year."),
    ("【Official】Spring sale", "[Official] Spring sale"),
])
def test_each_quotation_mark_is_converted_even_alone(text, expected):
    assert fixed("source-quotation-marks", text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The tag 【Red Sails】 won.", [("【Red Sails】", 2)]),
    ("【Sale】【New】 items", [("【Sale】", 2), ("【New】", 2)]),
    ("He said「yes.\nShe said」no.", [("「", 1), ("」", 1)]),  # not across a line
    ("She said, “It was fun.」 Then 「more」.", [("」", 1), ("「more」", 2)]),
])
def test_a_pair_of_marks_on_one_line_is_one_finding_with_one_fix(text, expected):
    found = hits("source-quotation-marks", text)
    assert [(text[h.start:h.end], len(h.fixes[0])) for h in found] == expected


def test_full_width_brackets_pair_too():
    assert fixed("source-punctuation", "The Ministry of Commerce（MOFCOM） said so.") == \
        "The Ministry of Commerce (MOFCOM) said so."
    assert [len(h.fixes[0]) for h in hits("source-punctuation", "Rates（in %） rose.")] == [2]


@pytest.mark.parametrize("text, expected", [
    ("The match in Saint・Etienne was postponed.", "The match in Saint-Etienne was postponed."),
    ("Donald・Trump met Angela·Merkel.", "Donald Trump met Angela Merkel."),
    ("Prices rose ，wages fell。Markets were calm.", "Prices rose, wages fell. Markets were calm."),
    ("It costs ５００ yen, 10％ less.", "It costs 500 yen, 10% less."),
    ("Highs of 25～30 degrees.", "Highs of 25–30 degrees."),
    ("He said nothing・・・", "He said nothing…"),
])
def test_certain_marks_get_their_english_form(text, expected):
    assert fixed("source-punctuation", text) == expected


@pytest.mark.parametrize("text, expected", [
    ('He asked, "Is that all?" 」 and left.', 'He asked, "Is that all?" and left.'),
    ("He asked, “Is that all?”」", "He asked, “Is that all?”"),
    ("He said 「the law 『must』」 today.", "He said “the law ‘must’” today."),  # a nested pair closes twice
])
def test_a_closing_mark_after_a_closed_quotation_is_deleted(text, expected):
    assert fixed("source-quotation-marks", text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Is delivery free?？", "Is delivery free?"),
    ("Really? ？Then go.", "Really? Then go."),
    ("She left.。 He stayed.", "She left. He stayed."),
    ('He shouted "Stop!" ！ and ran.', 'He shouted "Stop!" and ran.'),
    ("We asked around、、 nobody knew.", "We asked around, nobody knew."),
    ("It is not worth it.．．", "It is not worth it."),
    # near misses: a different mark after a full stop is English ("Inc.!", "etc.,")
    ("They sued Acme Inc.！", "They sued Acme Inc.!"),
    ("Pens, paper, etc.，and more.", "Pens, paper, etc., and more."),
])
def test_a_source_mark_that_doubles_the_mark_before_it_is_deleted(text, expected):
    assert fixed("source-punctuation", text) == expected


def test_a_middle_dot_between_words_in_capitals_is_a_brand_s_own_spelling():
    text = "The magazine BE・LOVE ran it."
    assert flagged("source-punctuation", text) == []
    assert flagged("source-punctuation-guess", text) == []


def test_a_middle_dot_between_initials_is_only_a_guess():
    assert flagged("source-punctuation", "A novel by J・K・Rowling.") == []
    assert flagged("source-punctuation-guess", "A novel by J・K・Rowling.") == ["・", "・"]


def test_title_marks_are_found_in_pairs_without_a_fix():
    text = "The film 《Red Sails》 won; 《Blue》 and a stray 》 too.\n《Label"
    found = hits("source-title-marks", text)
    assert [(text[h.start:h.end], h.fixes) for h in found] == [
        ("《Red Sails》", ()), ("《Blue》", ()), ("》", ()), ("《", ())]
    assert hits("source-quotation-marks", text) == []
    assert not _rules()["source-title-marks"].fixable


@pytest.mark.parametrize("marks, extra", [
    ({"《": {"to": None}, "》": "”"}, {}),  # some marks fixable, some not
    ({"《": {"to": None}}, {"fullwidth-forms": True}),  # a fixless rule would fix full-width forms
])
def test_a_rule_s_marks_are_all_fixable_or_none(marks, extra):
    with pytest.raises(RuleError, match="all have an English mark or none"):
        script.compile({"find": "marks", "marks": marks, **extra}, {})


def test_fixless_marks_make_a_rule_without_fix():
    assert script.has_fix({"find": "marks", "marks": {"《": "“"}})
    assert not script.has_fix({"find": "marks", "marks": {"《": {"to": None}, "》": {"to": None}}})


def test_a_middle_dot_after_a_space_separates_and_is_spaced_on_both_sides():
    assert fixed("source-punctuation-guess", "Ships in two days ・Free returns") == "Ships in two days - Free returns"


def test_uncertain_marks_are_left_to_the_guess_rule():
    text = "・ Weapons clashing\n・ Footsteps in Yamatsuri・cho～"
    assert flagged("source-punctuation", text) == []
    assert fixed("source-punctuation-guess", text) == "- Weapons clashing\n- Footsteps in Yamatsuri-cho~"


def test_marks_inside_source_text_are_left_to_the_letters_rule():
    assert hits("source-punctuation", "Search for 介观生科，公众号 online.") == []
    assert hits("source-quotation-marks", "The brand 「介观」 is new.") == []


def test_catalan_and_english_middle_dots_are_english():
    assert hits("source-punctuation", "The col·legi reopened. Tickets: 10 · 20 · 30 euros.") == []


def test_lookalike_letters_are_replaced_in_the_word():
    assert fixed("lookalike-letters", "Shares of Аpple rose; WНO said 50°С.") == "Shares of Apple rose; WHO said 50°C."


def test_english_text_is_skipped_outright():
    for rule_id in _rules():
        assert hits(rule_id, "Plain ASCII news text, with quotes \"like this\".") == []


@pytest.mark.parametrize("options, key", [
    ({"find": "everything"}, "find"),
    ({"find": "marks", "marks": {"，": {"to": ",", "space": "sideways"}}}, "marks"),
    ({"find": "marks", "marks": {"，": {"space": "after"}}}, "marks"),
    ({"find": "marks", "marks": ["，"]}, "marks"),
    ({"find": "letters", "script-names": {"Klingon": "Klingon"}}, "script-names"),
    ({"find": "marks", "marks": {"，": ","}, "fullwidth-forms": "yes"}, "fullwidth-forms"),
])
def test_bad_options_are_rule_errors(options, key):
    with pytest.raises(RuleError) as error:
        script.compile(options, {})
    assert error.value.key == key


def _plain_code_points():
    for lo, hi in script.PLAIN_BLOCKS:
        yield from (chr(c) for c in range(lo, hi + 1))


def test_no_finder_looks_inside_the_plain_blocks():
    """The one scan that lets the five rules skip a text (nothing outside PLAIN_BLOCKS) is only
    right if no character inside those blocks can start a run, a Cyrillic or Greek look-alike,
    or a mark other than those tested one by one: checked here code point by code point."""
    rules = [r for r in _rules().values() if r.kind == "script"]
    settings = [script._Settings(dict(r.options), r.safe) for r in rules]
    for char in _plain_code_points():
        assert not script._ANY_LETTER.match(char) and not script._RUN.match(char), hex(ord(char))
        assert not script._CYRILLIC_OR_GREEK.match(char) and not script._MIXED_WORD.fullmatch(char), hex(ord(char))
        for each in settings:
            if each.mark_re.match(char * 3):
                assert char in each.mark_starts, hex(ord(char))


@pytest.mark.parametrize("rule_id, text", [
    ("source-punctuation", "Jean·Paul spoke, “quietly” — and left."),  # a middle dot: inside the plain blocks
    ("source-script-letters", "He said “страшно” twice."),
    ("lookalike-letters", "The “Аpple” store."),
])
def test_texts_with_curly_quotes_are_still_checked(rule_id, text):
    # (curly quotes and dashes keep a text from being ASCII; the plain-block scan still lets
    # through every text holding what a rule looks for)
    doc = plain_document(text)
    assert script._outside_plain(doc) or "·" in text
    assert hits(rule_id, text)


def test_a_middle_dot_parting_a_name_keeps_the_rule_s_message():
    # the dot becomes a space, which is not "a doubled mark, deleted"
    found = hits("source-punctuation", "The actor Tom·Hanks landed.")
    assert [h.message for h in found] == [None]
    assert fixed("source-punctuation", "The actor Tom·Hanks landed.") == "The actor Tom Hanks landed."
