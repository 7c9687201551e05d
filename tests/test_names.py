"""Proper names, brands and emoticons are not prose to rewrite: one mechanism for every rule."""

from tqlint.api import Linter
from tqlint.text.names import ProtectedSpans, find_protected_spans


def spans(text):
    return [text[s:e] for s, e in find_protected_spans(text)]


def test_names_joined_by_foreign_particles():
    assert spans("Der Spiegel and Bild am Sonntag both ran it.") == ["Bild am Sonntag"]
    assert spans("A report in Gazzetta dello Sport said so.") == ["Gazzetta dello Sport"]
    assert spans("Why do Americans tip?") == []  # an English word between capitals is no particle


def test_brands_written_as_one_token():
    assert spans("Figures from Sport.Ru and AT&T differ.") == ["Sport.Ru", "AT&T"]
    assert spans("Read it on Yahoo!Finance first.") == ["Yahoo!Finance"]
    assert spans("The vote ended.The count began.") == []  # a sentence run into the next
    assert spans("She bought an iPhone on eBay.") == ["iPhone", "eBay"]


def test_emoticons_take_their_space_with_them():
    assert spans("Thanks a lot :) see you") == [" :)"]
    assert spans("it broke again(( and again") == ["(( "]
    assert spans("Note : the list (1) follows") == []


def test_edit_inside_versus_at_the_edge():
    text = "Readers of Bild am Sonntag agreed."
    protected = ProtectedSpans(text)
    start = text.index("am")
    assert protected.edit_inside(start, start + 2)
    assert protected.holds(start, start + len("am Sonntag"))
    end = text.index(" agreed")
    assert not protected.edit_inside(end, end)  # inserting a comma after the name is fine
    assert not protected.holds(0, end)


def test_engine_drops_findings_about_a_names_spelling():
    linter = Linter(no_config=True)
    weekday = "The newspaper Welt am Sonntag reported the deal."
    assert not [f for f in linter.lint_text(weekday, syntax="text").findings if f.rule.endswith("am-weekday")]
    prose = "The strike began am Mittwoch and ended on Friday."
    assert [f for f in linter.lint_text(prose, syntax="text").findings if f.rule.endswith("am-weekday")]


def test_engine_keeps_spaces_next_to_emoticons():
    linter = Linter(no_config=True)
    assert not linter.lint_text("Thanks for the tip :)\n", syntax="text").findings
    assert linter.lint_text("Thanks for the tip !\n", syntax="text").findings


def test_edits_round_a_name_are_allowed():
    linter = Linter(no_config=True)
    text = "He worked for the company \"Bild am Sonntag\" for years.\n"
    [finding] = [f for f in linter.lint_text(text, syntax="text").findings if f.rule.endswith("quoted-organisation-name")]
    assert finding.fixes  # only the quotation marks change, not the name


def test_a_name_across_a_chunk_boundary_is_found_whole():
    filler = "word " * 818  # 4,090 characters: the name below straddles offset 4,096
    text = filler + "Readers of Bild am Sonntag agreed."
    protected = ProtectedSpans(text)
    start = text.index("am Sonntag")
    assert protected.holds(start, start + len("am Sonntag"))
    assert protected.holds(text.index("Bild"), text.index(" agreed"))
