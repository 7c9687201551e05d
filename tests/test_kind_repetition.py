"""The `repetition` kind: the second copy of a sentence or paragraph is flagged, and its fix
deletes it with the whitespace that joins it to its neighbours."""

from __future__ import annotations

import time  # CPU time (process_time), never wall-clock: a busy machine must not fail a test

import pytest

from tqlint.engine.context import LintContext
from tqlint.engine.run import lint_document
from tqlint.finding import Severity
from tqlint.fixer import apply_edits, apply_fixes
from tqlint.kinds import RuleError, repetition
from tqlint.packs.model import Rule
from tqlint.packs.ruleset import ActiveRule, RuleSet
from tqlint.text.document import plain_document
from tqlint.text.readers import read_document


def hits(text, **options):
    find = repetition.compile(options, {})
    return list(find(plain_document(text), LintContext()))


def first_fix(text, hit):
    result, rejected = apply_edits(text, hit.fixes[0])
    assert not rejected
    return result


def test_adjacent_repeat_is_flagged_at_the_second_copy():
    text = "The match was called off. The match was called off. Fans get refunds."
    [hit] = hits(text, **{"min-words-adjacent": 4})
    assert (hit.start, hit.end) == (26, 51)
    assert text[hit.start:hit.end] == "The match was called off."
    assert first_fix(text, hit) == "The match was called off. Fans get refunds."


def test_short_units_need_to_be_adjacent_and_long_enough():
    text = "The vote was postponed. Oil rose. The vote was postponed."
    assert hits(text, **{"min-words-adjacent": 4}) == []  # 4 words, not adjacent
    assert hits("We will win. We will win.", **{"min-words-adjacent": 4}) == []


def test_comparison_ignores_case_and_spacing():
    text = "Police closed the main road.  POLICE  closed the\nmain road."
    [hit] = hits(text)
    assert text[hit.start:hit.end].startswith("POLICE")


def test_distant_repeat_is_flagged_and_deleted_with_its_space():
    text = "Markets fell sharply on Monday. Oil rose. Markets fell sharply on Monday."
    [hit] = hits(text)
    assert first_fix(text, hit) == "Markets fell sharply on Monday. Oil rose."


def test_sentence_first_on_its_line_takes_the_following_space():
    text = "Intro line.\nMarkets fell sharply on Monday. Oil rose.\nMarkets fell sharply on Monday. Gold too."
    [hit] = hits(text)
    assert first_fix(text, hit) == "Intro line.\nMarkets fell sharply on Monday. Oil rose.\nGold too."


def test_paragraph_repeat_is_flagged_once_as_a_paragraph():
    text = "Shares rose on Monday. Traders were calm.\n\nOil fell.\n\nShares rose on Monday. Traders were calm."
    [hit] = hits(text, unit="paragraph")
    assert text[hit.start:hit.end] == "Shares rose on Monday. Traders were calm."
    assert hit.start == text.rindex("Shares")
    assert first_fix(text, hit) == "Shares rose on Monday. Traders were calm.\n\nOil fell."
    # its sentences are not reported again by the sentence rule
    assert hits(text) == []


def test_paragraph_fix_falls_back_to_the_bare_text_in_markdown():
    text = "Shares rose on Monday, traders said.\n\nOil fell.\n\nShares rose on Monday, traders said.\n"
    find = repetition.compile({"unit": "paragraph"}, {})
    rule = Rule(
        id="t/repeated-paragraph", pack="t", kind="repetition", category="Accuracy/Addition",
        severity=Severity.WARNING, message="repeated", description="", safe=False, no_fix_reason=None,
        flag_examples=(), pass_examples=(), options={}, matcher=find,
    )
    findings, _ = lint_document(read_document(text, "markdown"), RuleSet((ActiveRule(rule, rule.severity),), ()))
    [finding] = findings
    assert finding.start == text.rindex("Shares")
    fixed, applied, _ = apply_fixes(text, [finding.fixes[0]])
    assert applied
    assert "Shares" not in fixed[fixed.index("Oil"):]


def test_short_paragraphs_like_advertisement_markers_are_left_alone():
    assert hits("Advertisement\n\nShares rose.\n\nAdvertisement", unit="paragraph") == []


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "One.", "One sentence without an end"])
def test_edge_cases(text):
    assert hits(text) == []
    assert hits(text, unit="paragraph") == []


def test_whole_document_is_one_repeated_sentence_without_neighbours():
    text = "Police closed the main road.\n\nPolice closed the main road."
    [hit] = hits(text, unit="paragraph")
    assert first_fix(text, hit) == "Police closed the main road."


@pytest.mark.parametrize("options, key", [
    ({"unit": "word"}, "unit"),
    ({"min-words": 0}, "min-words"),
    ({"min-words": "five"}, "min-words"),
    ({"min-words-adjacent": True}, "min-words-adjacent"),
])
def test_bad_options_name_the_key(options, key):
    with pytest.raises(RuleError) as info:
        repetition.compile(options, {})
    assert info.value.key == key


def test_huge_document_is_linear():
    text = " ".join(f"Sentence number {i} is about the market today." for i in range(40000))
    start = time.process_time()
    assert hits(text) == []
    assert hits(text, unit="paragraph") == []
    assert time.process_time() - start < 5.0


# ------------------------------------------------------------------------------------ property

from hypothesis import given, settings
from hypothesis import strategies as st

_SENTENCES = st.lists(st.sampled_from([
    "Police closed the main road today.", "Oil rose.", "Markets fell sharply on Monday.", "\n", "\n\n", " ",
]), max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(_SENTENCES)
def test_any_text_gives_deletions_that_apply_and_leave_one_copy(text):
    for unit in ("sentence", "paragraph"):
        for hit in hits(text, unit=unit):
            assert 0 <= hit.start < hit.end <= len(text)
            for fix in hit.fixes:
                result, rejected = apply_edits(text, fix)
                assert not rejected
                assert len(result) < len(text)
                # The first copy stays (copies are equal up to white space: "A.\nA." and "A. A.").
                assert " ".join(text[hit.start:hit.end].split()) in " ".join(result.split())
