"""The MT-calque rules chosen from the WMT22 engine-vs-reference contrast, beyond their own
examples: which source languages select their packs, document-level context, sentence starts
after paragraph breaks, and the fixes a whole article gets."""

from __future__ import annotations

import pytest

from tqlint.api import Linter
from tqlint.config import Config


def rules_for(languages: tuple[str, ...]) -> set[str]:
    linter = Linter(config=Config(source_languages=languages))
    ruleset, _ = linter.setup_for(None)
    return {active.rule.pack for active in ruleset.rules}


@pytest.mark.parametrize("language", ["ru", "uk", "be"])
def test_east_slavic_sources_select_the_from_ru_pack(language):
    packs = rules_for((language,))
    assert "from-ru" in packs and "from-ja" not in packs


def test_other_sources_leave_the_from_ru_and_from_ja_packs_out():
    packs = rules_for(("de", "cs"))
    assert "from-ru" not in packs and "from-ja" not in packs
    assert "en-news" in packs  # the cross-language calques still run


def found(text: str, rule: str) -> list[str]:
    result = Linter(no_config=True, select=(rule,)).lint_text(text, None, syntax="text")
    return [f.text for f in result.findings]


def test_sentence_openers_are_found_after_a_paragraph_break():
    text = "Talks ended on Friday.\n\nRecall that the ceasefire expired in May.\n\nRead also: what the deal means"
    assert found(text, "from-ru/recall-that") == ["Recall that"]
    assert found(text, "from-ru/read-also") == ["Read also"]


def test_a_quoted_speaker_keeps_we_are_talking_about():
    text = "“We are talking about new tanks,” he said. In particular, we are talking about old ones."
    assert found(text, "from-ru/we-are-talking-about") == ["we are talking about"]


def test_the_country_side_is_left_alone_in_sport():
    text = "The German side beat Lyon 2-0. Later the Chinese side said the talks had failed."
    assert found(text, "en-news/country-side") == ["the Chinese side"]


def test_an_article_gets_english_datelines_and_terms():
    article = (
        "Xinhua News Agency, Harbin, January 7 (Reporter Sun Li) The reporter learned from the "
        "provincial health commission that 12 new crown patients were discharged.\n\n"
        "Earlier it was reported that the ward had closed."
    )
    fixed, applied, _ = Linter(no_config=True).fix_text(article, unsafe=True)
    assert fixed == (
        "HARBIN, Jan. 7 (Xinhua) -- The provincial health commission said that 12 COVID-19 "
        "patients were discharged.\n\n"
        "It was reported earlier that the ward had closed."
    )
    assert applied == 4
