"""closing-quote-as-opening: a ” glued to a word after a space opens a quotation unless a “ is
already open in the line (then it is a detached closing mark, closing-quote-detached's)."""

from tqlint.api import Linter

RULES = ("en-news/closing-quote-as-opening", "en-news/closing-quote-detached")


def _rules(text: str) -> list[str]:
    return [f.rule for f in Linter(no_config=True, select=RULES).lint_text(text, None, "text").findings]


def test_reversed_pair_opens():
    assert _rules("Crowds came to the ”Lantern Walk“ in the old town.") == ["en-news/closing-quote-as-opening"]


def test_detached_closing_mark_inside_an_open_quotation_is_not_an_opening():
    assert _rules("“We will decide, ”the mayor said, “by Friday.”") == ["en-news/closing-quote-detached"]
