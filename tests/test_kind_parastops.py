"""The `paragraph-stop-consistency` kind: the one body paragraph of a text left without a stop."""

from __future__ import annotations

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, parastops
from tqlint.text.document import plain_document

BODY = [
    "Harbour Reopens",
    "The port authority said the harbour would take ships again from Monday.",
    "On Friday, divers cleared the last wreck from the channel near the old pier.",
    "On Saturday, a tug towed the crane barge back to the yard in the south",
    "On Sunday, the pilots checked the depth of the channel along its whole length.",
    "Fishing boats will be first to use it, followed by the ferry to the islands.",
    "Shipping firms welcomed the news and said prices might now fall.",
]


def fixes(text, **options):
    find = parastops.compile(options, {})
    return [(text[h.start:h.end], h.fixes[0][0].replacement) for h in find(plain_document(text), LintContext())]


@pytest.mark.parametrize("joiner", ["\n", "\n\n", "\r\n"])
def test_the_lone_open_body_paragraph_takes_a_stop(joiner):
    assert fixes(joiner.join(BODY)) == [("south", "south.")]


def test_a_text_that_leaves_two_paragraphs_open_keeps_its_habit():
    lines = BODY[:]
    lines[4] = lines[4].rstrip(".")
    assert fixes("\n".join(lines)) == []


def test_too_few_stopped_paragraphs_proves_nothing():
    assert fixes("\n".join(BODY[:5])) == []
    assert len(fixes("\n".join(BODY[:5]), **{"min-stopped": 2})) == 1


def test_the_open_paragraph_must_read_as_a_sentence():
    for line in ("Port: On Saturday, a tug towed the crane barge back to the yard in the south",
                 "Saturday Tug Towed The Crane Barge Back, To A Yard In The South",
                 "On Saturday a tug towed the crane barge back to the yard in the south"):
        lines = BODY[:]
        lines[3] = line
        assert fixes("\n".join(lines)) == [], line


def test_a_short_neighbour_may_be_a_heading():
    lines = BODY[:]
    lines[4] = "Pilots at work."
    assert fixes("\n".join(lines)) == []


def test_options_are_whole_numbers():
    for key in ("min-words", "min-stopped", "neighbour-min-words"):
        with pytest.raises(RuleError):
            parastops.compile({key: 0}, {})
        with pytest.raises(RuleError):
            parastops.compile({key: True}, {})


def test_hard_wrapped_lines_are_many_open_lines_and_stay_quiet():
    wrapped = "\n".join([
        "Harbour Reopens",
        "The port authority said the harbour would take ships again from Monday, after",
        "divers cleared the last wreck from the channel near the old pier and a tug",
        "towed the crane barge back to the yard in the south of the bay on Saturday.",
        "On Sunday, the pilots checked the depth of the channel along its whole length.",
        "Fishing boats will be first to use it, followed by the ferry to the islands.",
        "Shipping firms welcomed the news and said prices might now fall again soon.",
        "The authority thanked the divers and said the pier itself would reopen in May.",
    ])
    assert fixes(wrapped) == []
