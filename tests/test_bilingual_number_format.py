"""bilingual/dotted-thousands-in-source: a count the source groups in thousands, left with the
source's dot in the English; where `en-news/dotted-thousands` flags the same number with the same
edit, the reader sees one finding, not two."""

from __future__ import annotations

from tqlint.api import Linter

RULE = "bilingual/dotted-thousands-in-source"


def _findings(target: str, source: str, language: str, *select: str):
    linter = Linter(no_config=True, select=select) if select else Linter(no_config=True)
    return linter.lint_pair(target, source, language, syntax="text").findings


def test_space_grouped_source_proves_the_dot_a_thousands_mark():
    found = _findings("Turnout: 41.207 in the north, 9.880 in the south.",
                      "Účast: 41 207 na severu, 9 880 na jihu.", "cs", RULE)
    assert [(f.text, f.fixes[0].edits[0].replacement, f.fixes[0].safe) for f in found] == [("41.207", ",", True),
                                                                                       ("9.880", ",", True)]


def test_a_decimal_in_the_source_is_left_alone():
    # Russian writes the decimal with a comma, Chinese with a point: both say 2.375, not 2,375.
    assert not _findings("The ratio reached 2.375 last year.", "Коэффициент достиг 2,375 в прошлом году.", "ru", RULE)
    assert not _findings("The ratio reached 2.375 last year.", "该比率去年达到2.375。", "zh", RULE)


def test_no_source_number_with_that_value_no_finding():
    assert not _findings("Shares closed at 1.250 dollars.", "Die Aktie schloss bei 1,25 Dollar.", "de", RULE)


def test_labels_and_dotted_runs_keep_their_dots():
    assert not _findings("Firmware version 3.200 fixes it.", "Firmware verze 3.200 to opravuje.", "cs", RULE)
    assert not _findings("The count was 1.250.000 people.", "Počet byl 1 250 000 lidí.", "cs", RULE)


def test_one_finding_where_the_monolingual_rule_flags_the_same_number():
    found = _findings("About 4.000 euros were left in the fund.", "Etwa 4.000 Euro blieben im Fonds.", "de")
    same_span = [f for f in found if f.text == "4.000"]
    assert [f.rule for f in same_span] == [RULE]


def test_without_a_source_the_monolingual_rule_still_reports():
    found = Linter(no_config=True).lint_text("About 4.000 euros were left in the fund.", None, syntax="text").findings
    assert "en-news/dotted-thousands" in [f.rule for f in found]
