"""The `quote-style` kind (converting source-language quotation marks pair by pair) and the
`quote-balance` kind (flagging English marks that certainly pair with nothing)."""

from __future__ import annotations

import time  # CPU time (process_time), never wall-clock: a busy machine must not fail a test

import pytest

from tqlint.engine.context import LintContext
from tqlint.fixer import apply_edits
from tqlint.kinds import RuleError, quote_style, quotes
from tqlint.text.document import plain_document

PAIRS = [
    {"open": "„", "close": ["”", "“", '"'], "to": ["“", "”"], "nested-to": ["‘", "’"]},
    {"open": "«", "close": ["»"], "to": ["“", "”"], "nested-to": ["‘", "’"]},
    {"open": "»", "close": ["«"], "to": ["“", "”"], "lone": False},
    {"open": "“", "close": ["”"], "to": None},
]
MESSAGE = {"message": "Marks {open}…{close}: use {english}."}


def convert(text, **extra):
    find = quote_style.compile({"pairs": PAIRS, **extra}, MESSAGE)
    return list(find(plain_document(text), LintContext()))


def balance(text):
    find = quotes.compile({}, {})
    return list(find(plain_document(text), LintContext()))


def fixed(text, hits):
    # the two findings on a long »…« quotation share one fix: apply it once, as the fixer does
    fixes = list(dict.fromkeys(hit.fixes[0] for hit in hits))
    edits = [edit for fix in fixes for edit in fix]
    result, rejected = apply_edits(text, edits)
    assert not rejected
    return result


# ------------------------------------------------------------------------------------ convert


def test_pair_is_one_fix_with_two_edits():
    text = "She said „we will win” and left."
    [hit] = convert(text)
    assert text[hit.start:hit.end] == "„"  # ” is an English closing mark already: „ is the error
    assert len(hit.fixes) == 1 and len(hit.fixes[0]) == 2
    assert fixed(text, [hit]) == "She said “we will win” and left."
    assert hit.message == "Marks „…”: use “…”."


def test_guillemets_with_inner_spaces_lose_the_spaces():
    text = "It was « a betrayal », he said.\n\nIt was «\u00a0a farce\u202f»."
    assert fixed(text, convert(text)) == "It was “a betrayal”, he said.\n\nIt was “a farce”."


def test_trim_spaces_can_be_switched_off():
    text = "It was « a betrayal »."
    assert fixed(text, convert(text, **{"trim-spaces": False})) == "It was “ a betrayal ”."


def test_closing_mark_in_another_paragraph_is_not_paired():
    text = "He said: „We will win.\n\nThe vote” was close."
    [hit] = convert(text)
    assert len(hit.fixes[0]) == 1
    assert fixed(text, [hit]) == "He said: “We will win.\n\nThe vote” was close."


def test_lone_opening_can_be_left_alone():
    assert convert("He said: „We will win.", **{"convert-lone": False}) == []


def test_reversed_guillemets_pair_but_a_lone_one_is_never_converted():
    text = "The headline »Never again« ran on Monday."
    assert fixed(text, convert(text)) == "The headline “Never again” ran on Monday."
    assert convert("Home » World » Europe") == []
    assert convert("Read more »") == []


def test_nested_quotation_gets_single_marks():
    text = "„He told us «we will win» before the vote”, she said."
    assert fixed(text, convert(text)) == "“He told us ‘we will win’ before the vote”, she said."
    text = "“He told us «we will win»,” she said."
    assert fixed(text, convert(text)) == "“He told us ‘we will win’,” she said."


def test_english_quotes_alone_are_not_touched():
    assert convert("“The reform is necessary,” he said. He called it “a first step”.") == []


def test_space_outside_is_added_for_glued_full_width_marks():
    pairs = [{"open": "「", "close": ["」"], "to": ["“", "”"]}]
    find = quote_style.compile({"pairs": pairs, "space-outside": True}, {})
    text = "It was「a step」for all."
    hits = list(find(plain_document(text), LintContext()))
    assert fixed(text, hits) == "It was “a step” for all."
    text = "It was 「a step」."
    hits = list(find(plain_document(text), LintContext()))
    assert fixed(text, hits) == "It was “a step”."


@pytest.mark.parametrize("text", ["", "„", "«", "»", "no marks at all", "„\n\n”", " « ", "„ “", "«  »"])
def test_edge_cases_do_not_crash(text):
    for hit in convert(text):
        assert 0 <= hit.start < hit.end <= len(text)
        fixed(text, [hit])


@pytest.mark.parametrize("kind, options, key", [
    (quote_style, {}, "pairs"),
    (quote_style, {"pairs": [{"open": "„"}]}, "pairs"),
    (quote_style, {"pairs": [{"open": "„„", "close": "”", "to": ["“", "”"]}]}, "pairs"),
    (quote_style, {"pairs": [{"open": "„", "close": "”", "to": "“"}]}, "pairs"),
    (quotes, {"mode": "convert"}, "mode"),  # convert mode is the quote-style kind now
])
def test_bad_options_name_the_key(kind, options, key):
    with pytest.raises(RuleError) as info:
        kind.compile(options, {})
    assert info.value.key == key


# ------------------------------------------------------------------------------------ balance


def spans(text):
    return [(text[h.start:h.end], h.start) for h in balance(text)]


def test_stray_closing_mark_is_flagged_at_its_offset():
    text = "“We will win,” he said. The crowd cheered.” Then they left."
    assert spans(text) == [("”", text.index("cheered.”") + 8)]


def test_unclosed_quote_before_a_new_one_is_flagged():
    text = "The minister said: “We will win.\nThe opposition called it “nonsense”."
    assert spans(text) == [("“", text.index("“We"))]


def test_multi_paragraph_quotation_is_legitimate():
    text = (
        "“We will rebuild,” the mayor said.\n\n“The first bridge opens in May.\n\n"
        "“The second opens in June. Nobody will be left behind,” she added."
    )
    assert spans(text) == []


def test_continuation_without_opening_mark_is_not_flagged():
    text = "He said: “The first bridge opens in May.\n\nThe second opens in June,” she added."
    assert spans(text) == []


def test_wrapped_lines_inside_a_quotation():
    text = "He said: “The first bridge\nopens in May and the second\nin June,” she added."
    assert spans(text) == []


def test_excerpts_may_start_or_end_inside_a_quotation():
    assert spans("and we will win,” he said. “Nothing will stop us.”") == []
    assert spans("The mayor said: “We will rebuild the bridge") == []
    assert spans("The mayor said: “We will rebuild.\n\nShe left.") == []


def test_an_excerpt_may_start_inside_a_quotation_with_a_nested_one_before_its_end():
    assert spans("who “believe less”, the share rose to 20%,” Stone said.") == []
    assert spans("who “believe less”, the share rose to 20%,” Stone said.\nHe left.") == []
    # once only, in the first line only, and not when the text itself opens a quotation
    text = "who “believe less”, rose,” he said. Then,” she said."
    assert spans(text) == [("”", text.rindex("”"))]
    text = "He left.\nwho “believe less”, rose,” he said."
    assert spans(text) == [("”", text.rindex("”"))]
    text = "“We will win,” he said. The crowd cheered.” Then they left."
    assert spans(text) == [("”", text.rindex("”"))]


def test_a_closing_mark_turned_round_ends_the_open_quotation():
    # the turned mark is opening-quote-before-attribution's; the quotation's opening mark is fine
    assert spans("“I wanted to hear it.\nWe know what you did, “the station quotes him.\nThen he left.") == []
    # a mark after a comma that is closed on its line opens a quotation of its own
    text = "He said: “We will win.\nThe opposition called it, “nonsense”."
    assert spans(text) == [("“", text.index("“We"))]


def test_inches_nested_and_mixed_marks():
    assert spans("The screen measures 6.1” across.") == []
    assert spans("“He said “no” to the offer,” she recalled.") == []
    assert spans("“We will rebuild,\" the mayor said.") == []
    assert spans("Intro.\nHe spoke of \"undervaluation of the currency” again.") == []
    assert spans("The 5\" screen sold well.\nHe called it “cheap”.") == []
    assert spans("„Alle an Bord“ became the motto.") == []
    assert spans("The slogan ”never again” was painted on walls.") == []


def test_a_title_ending_in_a_number_closes_its_quotation():
    text = "The film “Ne Zha 2” is a hit.\n\nFans said “wow” twice. The screen is 6.1” wide."
    assert spans(text) == []


def test_empty_and_markless_text():
    assert spans("") == []
    assert spans("No quotation here.\n\nNor here.") == []


def test_huge_paragraph_is_linear():
    unit = "“We will win,” he said. The crowd cheered. "
    text = unit * 20000
    start = time.process_time()
    assert spans(text) == []
    convert(text.replace("“", "„"))
    assert time.process_time() - start < 3.0


# ------------------------------------------------------------------------------------ property

from hypothesis import given, settings
from hypothesis import strategies as st

_QUOTEY = st.text(alphabet=st.sampled_from(list("„”“\"«»‹›‚‘’ \n\u00a0ab.,")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_QUOTEY)
def test_any_text_gives_hits_inside_the_text_and_fixes_that_apply(text):
    for hit in convert(text) + balance(text):
        assert 0 <= hit.start < hit.end <= len(text)
        for fix in hit.fixes:
            result, rejected = apply_edits(text, fix)
            assert not rejected
    # every opening mark that is never English is gone once the fixes are applied
    once = fixed(text, convert(text))
    assert not set("„«") & set(once)


def test_a_source_closing_mark_is_covered_too():
    # »…« and «…»: the closing mark is no English mark either, so the finding reaches it
    text = "Put the »glow stone« in the sun."
    [hit] = convert(text)
    assert text[hit.start:hit.end] == "»glow stone«"
    assert fixed(text, [hit]) == "Put the “glow stone” in the sun."
    # „…“ closes with an English-looking mark: the finding stays on the opening mark
    text = "She said „we will win“ and left."
    [hit] = convert(text)
    assert text[hit.start:hit.end] == "„"


def test_a_long_quotation_gets_a_finding_on_each_source_mark():
    text = "He wrote «" + "we shall see what the river brings us in the spring " * 3 + "» and left."
    first, second = convert(text)
    assert text[first.start:first.end] == "«" and text[second.start:second.end] == "»"
    assert first.fixes == second.fixes
    assert fixed(text, [first]).startswith("He wrote “we shall")


def test_whole_span_is_checked():
    with pytest.raises(RuleError):
        quote_style.compile({"pairs": PAIRS, "whole-span": -1}, {})
