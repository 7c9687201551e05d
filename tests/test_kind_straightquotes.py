"""The `straight-quote-balance` kind: straight quotation marks that open or close nothing, with
the finding where the missing mark goes."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, straightquotes
from tqlint.text.document import plain_document


def hits(text, **options):
    find = straightquotes.compile({"offer-fix": True, **options}, {})
    return list(find(plain_document(text), LintContext()))


def spans(text, **options):
    return [text[h.start:h.end] for h in hits(text, **options)]


def test_quotation_left_open_is_closed_at_the_paragraph_end():
    text = 'The plan passed.\nShe said it would "change everything for the better.\nNobody agreed.'
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "the better."
    edit = hit.fixes[0][0]
    assert (edit.start, edit.end, edit.replacement) == (text.index("\nNobody"), text.index("\nNobody"), '"')


def test_closing_mark_without_opening_points_back_to_where_the_quotation_began():
    text = ('"We are ready," she said.\nPrices will rise.\nWages will not, " the union said.\n'
            'Talks resume today.')
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "Prices"
    assert hit.fixes[0][0].replacement == '"'


def test_a_quotation_does_not_open_in_the_headline_above_it():
    # The headline ends on a word: the quotation closed below cannot have begun in it, so the
    # missing mark goes at the start of the body's first paragraph.
    text = ('"We are ready," the mayor said.\nBridge to reopen in spring\nThe work is on time.\n'
            'Traffic will return by May," the mayor added.')
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "The"


def test_one_paragraph_quotation_covers_it_and_offers_to_drop_a_stray_mark():
    text = 'The vote was close.\nHow to win an election".\nResults came late.'
    [hit] = hits(text, **{"max-back": 0})
    assert text[hit.start:hit.end] == 'How to win an election"'
    assert [f[0].replacement for f in hit.fixes] == ['"', ""]


def test_quotations_running_over_paragraphs_are_not_flagged():
    assert not hits('He said: "We will rebuild.\nIt will take a year," he added.')
    assert not hits('He said: "We will rebuild.\n"It will take a year," he added.')
    assert not hits('He said: "We will rebuild.\nIt will take a year.\nThen we rest," he added.')


def test_marks_whose_direction_is_unclear_leave_the_paragraph_alone():
    assert not hits('The screen is 6" wide.\nDone.')
    assert not hits('A word"glued"on both sides.\nDone.')
    assert not hits('“Curly and straight," she said.\nDone.')


def test_paragraphs_follow_blank_lines_when_the_text_has_them():
    text = 'He said "we will\nwin this and left.\n\nThe end.'
    assert spans(text) == ["and left."]
    assert spans(text, paragraphs="line") == ['"we will']


def test_without_offer_fix_the_finding_only_points():
    [hit] = straightquotes.compile({}, {})(plain_document('A "b c.\nD e.'), LintContext())
    assert hit.fixes == ()


def test_options_are_checked():
    with pytest.raises(RuleError):
        straightquotes.compile({"mark": "''"}, {})
    with pytest.raises(RuleError):
        straightquotes.compile({"max-back": -1}, {})
    with pytest.raises(RuleError):
        straightquotes.compile({"paragraphs": "sometimes"}, {})


def test_a_text_of_one_paragraph_may_be_a_piece_of_a_longer_quotation():
    assert spans('Nobody will be left behind," the mayor said.') == []  # it started before the text
    assert spans('"The bridge will open in May.') == []  # it goes on after the text
    assert spans('We are ready," she said, "and we will win," he added.') == []
    # a quotation opened inside the one paragraph and never closed is still missing its mark
    assert spans('The mayor said the bridge would "open in May, as promised.') == ["as promised."]
    # with a second paragraph there is context: the first paragraph's unopened quotation is flagged
    assert spans('Nobody will be left behind," the mayor said.\nCritics doubt it.') == ['Nobody will be left behind,"']


def test_a_question_then_narration_is_where_the_quotation_ends():
    text = 'The team met.\nThey asked each other, "Shall we start again? And so the album was born.\nIt sold well.'
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "again? And"
    edit = hit.fixes[0][0]
    assert (edit.start, edit.replacement) == (text.index("? And") + 1, '"')


def test_a_speaker_going_on_after_a_cry_keeps_the_paragraph_end():
    text = 'He shouted, "It is my turn now! I will win this time.\nThe crowd cheered.'
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "this time."


def test_a_later_paragraph_opening_its_own_quotation_does_not_continue_an_open_one():
    text = ('The party said it would "study the tax in a more neutral way.\nThe plan alarmed savers.\n'
            'The rule is to "cut the taxable estate" early.')
    [hit] = hits(text)
    assert text[hit.start:hit.end] == "neutral way."


def test_a_later_paragraph_opening_with_a_mark_still_continues_the_quotation():
    text = 'She said: "We will rebuild the bridge.\n"It will open in May," she added.'
    assert hits(text) == []
