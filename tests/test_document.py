"""Document: the prose view, the map from view offsets back to the file, lines and sentences."""

from __future__ import annotations

import random

import pytest

from tqlint.finding import Edit
from tqlint.text import sentences
from tqlint.text.document import (
    BLOCK_BREAK,
    BREAK,
    DECODED,
    PLACEHOLDER,
    PLACEHOLDER_CHAR,
    DocumentBuilder,
    LineIndex,
    plain_document,
)
from tqlint.text.sentences import split_sentences


class TestLineIndex:
    def test_positions_are_one_based_and_count_code_points(self):
        lines = LineIndex("ab\ncé\r\n\nx")
        assert lines.position(0) == (1, 1)
        assert lines.position(2) == (1, 3)  # the newline itself ends line 1
        assert lines.position(3) == (2, 1)
        assert lines.position(4) == (2, 2)  # "é" is one code point
        assert lines.position(7) == (3, 1)  # "\r\n": the "\r" belongs to line 2
        assert lines.position(8) == (4, 1)
        assert lines.line_count() == 4

    def test_line_bounds_exclude_the_newline(self):
        text = "one\ntwo\nthree"
        lines = LineIndex(text)
        assert lines.line_bounds(1) == (0, 3)
        assert lines.line_bounds(2) == (4, 7)
        assert lines.line_bounds(3) == (8, -1)  # the last line runs to the end
        assert text[slice(*lines.line_bounds(2))] == "two"

    def test_empty_text_has_one_line(self):
        lines = LineIndex("")
        assert lines.line_count() == 1
        assert lines.position(0) == (1, 1)

    def test_offset_at_end_of_text(self):
        lines = LineIndex("ab\n")
        assert lines.position(3) == (2, 1)

    def test_a_lone_carriage_return_ends_a_line(self):
        """Old Mac files end lines with CR alone; editors and markdown-it count those lines."""
        lines = LineIndex("ab\rcd\r\nef\n\rg")
        assert [lines.position(i) for i in (0, 3, 7, 10, 11)] == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]
        assert lines.line_count() == 5
        assert lines.line_bounds(1) == (0, 2)


def test_markdown_with_lone_carriage_returns_is_linted_where_it_stands():
    """markdown-it counts a lone CR as a line break: the line index must too, or every block
    after the first maps past the end of the text and the article goes unchecked."""
    from tqlint.api import Linter

    article = "# Trade\n\nExports fell.\n\nPrices grew with 4 percent , the bureau said.\n"
    linter = Linter(no_config=True)
    unix, mac = article, article.replace("\n", "\r")
    where = {text: [(f.rule, LineIndex(text).position(f.start)) for f in linter.lint_text(text, syntax="markdown").findings]
             for text in (unix, mac)}
    assert len(where[unix]) == 2 and where[mac] == where[unix]


class TestPlainDocument:
    def test_whole_text_is_prose(self):
        doc = plain_document("Prices rose , then fell.\n\nNew paragraph.")
        assert doc.view == doc.text
        assert doc.to_source_span(12, 13) == (12, 13)

    def test_urls_become_placeholders_mapped_to_the_whole_url(self):
        text = "See www.example.org, or mail desk@news.example.com now, or https://x.ro/a?b=1."
        doc = plain_document(text)
        assert "example" not in doc.view
        assert doc.view.count(PLACEHOLDER_CHAR) == 3
        first = doc.view.index(PLACEHOLDER_CHAR)
        start, end = doc.to_source_span(first, first + 1)
        assert text[start:end] == "www.example.org"
        last = doc.view.rindex(PLACEHOLDER_CHAR)
        start, end = doc.to_source_span(last, last + 1)
        assert text[start:end] == "https://x.ro/a?b=1"  # the full stop after it is prose
        assert doc.view.endswith(PLACEHOLDER_CHAR + ".")

    def test_decimal_numbers_and_abbreviations_are_not_urls(self):
        doc = plain_document("The index rose to 4,102.55 in the U.S. at 9 a.m. today.")
        assert doc.view == doc.text

    def test_view_offsets_after_a_placeholder_map_past_the_url(self):
        text = "Go to www.example.org , then."
        doc = plain_document(text)
        comma = doc.view.index(",")
        start, end = doc.to_source_span(comma - 1, comma + 1)
        assert text[start:end] == " ,"

    def test_edit_over_a_placeholder_is_refused(self):
        doc = plain_document("Go to www.example.org now.")
        ph = doc.view.index(PLACEHOLDER_CHAR)
        assert doc.to_source_edit(Edit(ph, ph + 1, "x")) is None
        assert doc.to_source_edit(Edit(ph - 1, ph + 1, "")) is None

    def test_edit_next_to_a_placeholder_is_allowed(self):
        text = "Go to www.example.org , now."
        doc = plain_document(text)
        ph = doc.view.index(PLACEHOLDER_CHAR)
        edit = doc.to_source_edit(Edit(ph + 1, ph + 2, ""))
        assert edit is not None and text[edit.start:edit.end] == " "

    def test_insertion_after_a_placeholder_goes_after_the_url(self):
        text = "Go to www.example.org"
        doc = plain_document(text + " now")
        ph = doc.view.index(PLACEHOLDER_CHAR)
        edit = doc.to_source_edit(Edit(ph + 1, ph + 1, "!"))
        assert edit == Edit(len(text), len(text), "!")

    def test_empty_document(self):
        doc = plain_document("")
        assert doc.view == ""
        assert doc.to_source_span(0, 0) == (0, 0)
        assert doc.sentences == ()


def _build(text, pieces):
    """Build a document by hand: pieces are ("copy"|"decoded"|"placeholder"|"break", start, end[, value])."""
    builder = DocumentBuilder(text, "test")
    for piece in pieces:
        kind, start, end = piece[:3]
        if kind == "copy":
            builder.copy(start, end)
        elif kind == "decoded":
            builder.decoded(start, end, piece[3])
        elif kind == "placeholder":
            builder.placeholder(start, end)
        else:
            builder.block_break(start)
    return builder.build()


def _general_source_edit(doc, edit):
    """Document.to_source_edit for a non-empty edit as written before its one-piece short cut."""
    start, end = edit.start, edit.end
    first, last = doc._piece_at(start), doc._piece_at(end - 1)
    for i in range(first, last + 1):
        kind = doc._kinds[i]
        if kind in (PLACEHOLDER, BREAK):
            return None
        if kind == DECODED and (start > doc._view_starts[i] or end < doc._piece_end(i)):
            return None
        if i < last and doc._orig_ends[i] != doc._orig_starts[i + 1]:
            return None
    return Edit(doc.to_source_start(start), doc.to_source_end(end), edit.replacement)


class TestMapping:
    # "<p>A &amp; B ,</p><p>C</p>": the view is "A & B ,\n\nC"
    TEXT = "<p>A &amp; B ,</p><p>C</p>"

    @pytest.fixture
    def doc(self):
        t = self.TEXT
        amp = t.index("&amp;")
        return _build(t, [
            ("copy", 3, amp), ("decoded", amp, amp + 5, "&"), ("copy", amp + 5, t.index("</p>")),
            ("break", t.index("</p>"), 0), ("copy", t.index("C"), t.index("C") + 1),
        ])

    def test_view(self, doc):
        assert doc.view == "A & B ," + BLOCK_BREAK + "C"

    def test_copied_span_maps_exactly(self, doc):
        start, end = doc.to_source_span(doc.view.index("B"), doc.view.index(",") + 1)
        assert self.TEXT[start:end] == "B ,"

    def test_decoded_span_maps_to_the_whole_entity(self, doc):
        amp = doc.view.index("&")
        start, end = doc.to_source_span(amp, amp + 1)
        assert self.TEXT[start:end] == "&amp;"

    def test_edit_replacing_a_whole_entity_is_mapped(self, doc):
        amp = doc.view.index("&")
        edit = doc.to_source_edit(Edit(amp - 1, amp + 2, " and "))
        assert self.TEXT[edit.start:edit.end] == " &amp; "

    def test_edit_inside_copied_text_is_mapped(self, doc):
        comma = doc.view.index(",")
        edit = doc.to_source_edit(Edit(comma - 1, comma, ""))
        assert edit == Edit(self.TEXT.index(" ,"), self.TEXT.index(" ,") + 1, "")

    def test_edit_over_a_block_break_is_refused(self, doc):
        comma = doc.view.index(",")
        assert doc.to_source_edit(Edit(comma, comma + 3, "")) is None

    def test_edit_across_hidden_markup_is_refused(self):
        # Two copied pieces that are not adjacent in the file: "<b>" lies between them.
        text = "A<b>B</b>"
        doc = _build(text, [("copy", 0, 1), ("copy", 4, 5)])
        assert doc.view == "AB"
        assert doc.to_source_edit(Edit(0, 2, "XY")) is None
        assert doc.to_source_edit(Edit(1, 2, "Y")) == Edit(4, 5, "Y")

    def test_fast_path_maps_every_edit_as_the_general_path_does(self):
        # A copied piece short-cuts to its offset shift: on every span of a document with hidden
        # markup, entities, placeholders and breaks it must give what the piece-by-piece walk gives.
        text = "<p>A &amp; B, <b>bold</b> `code` x</p><p>Next &lt; one</p><p>C</p>"
        doc = _build(text, [("copy", 3, 5), ("decoded", 5, 10, "&"), ("copy", 10, 14), ("copy", 17, 21),
                            ("placeholder", 26, 32), ("copy", 32, 34), ("break", 38, 38), ("copy", 41, 46),
                            ("decoded", 46, 50, "<"), ("copy", 50, 54), ("break", 58, 58), ("copy", 61, 62)])
        for start in range(-1, len(doc.view) + 2):
            for end in range(start + 1, len(doc.view) + 2):
                edit = Edit(start, end, "z")
                assert doc.to_source_edit(edit) == _general_source_edit(doc, edit), (start, end)

    def test_block_break_is_not_doubled_or_leading(self):
        text = "a b"
        builder = DocumentBuilder(text, "test")
        builder.block_break(0)  # nothing before it: no break
        builder.copy(0, 1)
        builder.block_break(1)
        builder.block_break(1)
        builder.copy(2, 3)
        assert builder.build().view == "a" + BLOCK_BREAK + "b"


class TestSentences:
    def test_split_on_sentence_ends(self):
        text = "Prices rose. Wages fell! Why? Nobody knows."
        assert [text[s:e] for s, e in split_sentences(text)] == [
            "Prices rose.", "Wages fell!", "Why?", "Nobody knows.",
        ]

    @pytest.mark.parametrize("text", [
        "Mr. Popescu spoke.",
        "The U.S. economy grew.",
        "It opened at 9 a.m. and closed late.",
        "J. K. Rowling wrote it.",
        "The index rose 2.5 percent.",
    ])
    def test_no_split_after_abbreviations_initials_and_decimals(self, text):
        assert list(split_sentences(text)) == [(0, len(text))]

    def test_paragraph_break_ends_a_sentence(self):
        text = "A headline without a stop\n\nThe body starts here."
        assert [text[s:e] for s, e in split_sentences(text)] == [
            "A headline without a stop", "The body starts here.",
        ]

    def test_closing_quotes_stay_with_their_sentence(self):
        text = "“It is over.” Then he left."
        assert [text[s:e] for s, e in split_sentences(text)] == ["“It is over.”", "Then he left."]

    def test_document_sentences_are_computed_once(self):
        doc = plain_document("One. Two.")
        assert doc.sentences is doc.sentences
        assert doc.sentences == ((0, 4), (5, 9))

    def test_sentence_at(self):
        doc = plain_document("One here. Two there.")
        assert doc.sentence_at(0) == (0, 9)
        assert doc.sentence_at(12) == (10, 20)
        assert doc.sentence_at(9) == (0, 9)  # the space between belongs to the one before

    def test_whitespace_only_text_has_no_sentences(self):
        assert list(split_sentences("  \n\n \t")) == []


def test_abbreviation_shortcuts_agree_with_the_search():
    """`_is_abbreviation` answers some dots without its regex (seven letters before the dot, or
    no letter, dot or line break before it, or a plain ASCII word after whitespace): the same
    answer as the search, on every dot of random texts made of abbreviations, initials, long
    words, digits, odd characters and odd whitespace."""
    def searched(text: str, dot: int) -> bool:
        if text[dot] != ".":
            return False
        word = sentences._WORD_BEFORE.search(text, max(0, dot - 12), dot)
        if not word:
            return False
        token = word.group(1).lower().strip(".")
        return token in sentences._ABBREVIATIONS or (len(token) == 1 and word.group(1)[-1].isupper())

    assert max(map(len, sentences._ABBREVIATIONS)) < 7  # what the seven-letter shortcut relies on
    pieces = ["Mr", "approx", "U.S", "e.g", "J", "a", "Sept", "Ltd", "Apr", "reform", "governments",
              "Zürich", "naïve", "ſt", "2024", "x", "Ǆ", "ǅ", "ʰ", "ab\u0301", "..", ".", "DR", "etc",
              "No", "Inc", "K", "abcdefghijklm"]
    gaps = [" ", ". ", "\n", ".\n", "(", ")", "’", "-", "", "\u00a0", ".", "\t", "\u2003", "\x1f", " ."]
    # A dot after nothing but whitespace and a line break: the window before it has no word.
    for text in ("\n.", "\n\n.", " \n.", "\t\n.", "\n" * 15 + ".", "Mr\n" + " " * 12 + "\n."):
        assert sentences._is_abbreviation(text, len(text) - 1) == searched(text, len(text) - 1), text
        assert list(split_sentences(text))  # and the split does not fail on it
    chooser = random.Random(15)
    for _ in range(3000):
        lead = chooser.choice(["", "", "\n", " \n"])  # sometimes whitespace before the first piece
        text = lead + "".join(chooser.choice(pieces) + chooser.choice(gaps) for _ in range(chooser.randint(1, 8)))
        for dot, char in enumerate(text):
            if char == ".":
                assert sentences._is_abbreviation(text, dot) == searched(text, dot), (text, dot)


def test_sentence_ends_are_stripped_as_character_by_character():
    """split_sentences trims each sentence with str.strip: the same offsets as moving inward one
    str.isspace character at a time, on random texts with Unicode spaces and blank lines."""
    def stepped(text, start, stop):
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        return start, stop

    def reference(text):
        start, found = 0, []
        for match in sentences._BOUNDARY.finditer(text):
            if match.group().startswith((".", "!", "?", "…")) and sentences._is_abbreviation(text, match.start()):
                continue
            found.append(stepped(text, start, match.end()))
            start = match.end()
        found.append(stepped(text, start, len(text)))
        return [span for span in found if span[1] > span[0]]

    pieces = ["The vote", "Mr. Smith", "it rose.", "“Why?”", "Wait…", "(yes.)", "2024", "é", "U.S."]
    gaps = [" ", "\n\n", " \n \n ", "\u00a0", "\u2003", "\x1c", "\t", "", ". ", "! "]
    chooser = random.Random(8)
    for _ in range(2000):
        text = "".join(chooser.choice(gaps) + chooser.choice(pieces) for _ in range(chooser.randint(0, 7)))
        text += chooser.choice(gaps)
        assert list(split_sentences(text)) == reference(text), text
