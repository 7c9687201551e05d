"""The calque classes of rules/en-news/mt-calques-3.yaml beyond their own examples: one finding per
calque where two rules could both reach it, and the fixes a paragraph gets."""

from __future__ import annotations

from tqlint.api import Linter
from tqlint.config import Config

RECOMMEND = ("en-news/it-is-recommended-to", "en-news/recommend-to-verb")


def findings(text: str, rules: tuple[str, ...]) -> list[tuple[str, str]]:
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    return [(f.rule, f.text) for f in result.findings]


def test_an_impersonal_recommendation_is_reported_once():
    text = "It is not recommended to swim here. The guide recommended to wait for low tide."
    assert findings(text, RECOMMEND) == [
        ("en-news/it-is-recommended-to", "It is not recommended to"),
        ("en-news/recommend-to-verb", "recommended to wait"),
    ]


def test_recommended_to_a_reader_is_left_alone():
    text = "It is recommended to anyone who reads French. Passengers are recommended to arrive early."
    assert findings(text, RECOMMEND) == []


def test_no_recast_is_offered_as_a_fix():
    text = "It is recommended to book early. That is, the hall seats only forty."
    rules = (*RECOMMEND, "en-news/that-is-sentence-start")
    result = Linter(no_config=True, select=rules).lint_text(text, None, syntax="text")
    assert len(result.findings) == 2
    assert all(not f.fixes and f.no_fix_reason for f in result.findings)


def test_a_novelty_is_a_product_only_where_it_acts_as_one():
    text = ("The novelty of a night launch drew crowds. The novelty reached 3,000 metres on its first "
            "flight, and the novelty wore off soon after.")
    assert findings(text, ("en-news/novelty-new-product",)) == [("en-news/novelty-new-product", "The novelty")]


def test_the_russian_closing_attribution_is_checked_only_for_east_slavic_sources():
    text = "Two drones were shot down. This is reported by the regional council."
    for language, expected in (("ru", ["This is reported by"]), ("uk", ["This is reported by"]), ("de", [])):
        linter = Linter(config=Config(source_languages=(language,)))
        found = [f.text for f in linter.lint_text(text, None, syntax="text").findings
                 if f.rule == "from-ru/this-is-reported-by"]
        assert found == expected, language


def test_that_is_opens_a_sentence_only_after_a_full_stop():
    text = 'It runs two years, that is, until 2026. That is, the old rules apply. "That is, if we win."'
    assert findings(text, ("en-news/that-is-sentence-start",)) == [("en-news/that-is-sentence-start", "That is,")]
