"""`tqlint eval --references`: the proven-error extractors, the fix judge, and the whole report on
a small file written for these tests (tests/data/eval/references-small.jsonl) under a four-rule
pack of its own (tests/data/eval/pack), so the counts do not move when the built-in packs grow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqlint.eval import proven
from tqlint.eval.judge import BAD, GOOD, NOT_JUDGED, fix_window, judge_fix, stands_in
from tqlint.eval.measure import EvalInputError
from tqlint.eval.references import build_units, read_segments, references_report, split_findings
from tqlint.eval.tally import MT, REF
from tqlint.finding import Edit, Finding, Fix, Severity

DATA = Path(__file__).parent / "data" / "eval"
SMALL = str(DATA / "references-small.jsonl")
PACK = str(DATA / "pack")


def never_english(word: str) -> bool:
    return False


# --- the extractors -------------------------------------------------------------------------


def spans(errors):
    return [(e.cls, e.text) for e in errors]


def test_decimal_comma_needs_the_point_in_a_reference():
    mt = "Inflation was 4,2 percent, up from 3,75; 1,500 lost jobs."
    assert spans(proven.decimal_commas(mt, ("Inflation was 4.2 percent, up from 3.75; 1,500 lost jobs.",))) == [
        ("decimal-comma", "4,2"), ("decimal-comma", "3,75")]
    assert proven.decimal_commas(mt, ("Inflation reached four percent.",)) == []
    # a reference that keeps the comma itself proves nothing
    assert proven.decimal_commas("It cost 2,5 euros.", ("It cost 2.5 euros.", "It cost 2,5 euros.")) == []


def test_decimal_comma_is_one_number_not_part_of_a_longer_one():
    assert proven.decimal_commas("Sales: 12,345,678 units.", ("Sales: 12.345 units.",)) == []
    assert spans(proven.decimal_commas("It grew 0,8.", ("It grew 0.8.",))) == [("decimal-comma", "0,8")]


def test_dotted_thousands():
    mt = "Some 12.500 fans and 2.000.000 viewers; version 1.000.2."
    refs = ("Some 12,500 fans and 2000000 viewers; version 1.000.2.",)
    errors = proven.dotted_thousands(mt, refs)
    assert spans(errors) == [("dotted-thousands", "12.500"), ("dotted-thousands", "2.000.000")]
    assert (errors[0].start, errors[0].end) == (5, 11)
    assert proven.dotted_thousands("It weighs 1.250 kilos.", ("It weighs 1.25 kilos.",)) == []


def test_source_quotes_the_references_lack():
    mt = "He called it „a scandal“ and «a farce», then 「enough」."
    errors = proven.source_quotes(mt, ("He called it “a scandal” and “a farce”, then «enough».",))
    assert [e.text for e in errors] == ["„", "「", "」"]


def test_source_script_runs():
    mt = "Visitors to 渋谷区・原宿 met Иван Петров in ＴＯＫＹＯ, 5 µm apart, and asked “why？”"
    errors = proven.source_script(mt, ("Visitors to Harajuku met Ivan Petrov in Tokyo, 5 µm apart, and asked why.",))
    assert [e.text for e in errors] == ["渋谷区・原宿", "Иван Петров", "ＴＯＫＹＯ", "？"]
    # a name the reference also gives in its own script is not an error
    assert proven.source_script("The paper Правда wrote.", ("The paper Pravda (Правда) wrote.",)) == []


def test_untranslated_words():
    source = "Die Kripo ermittelt in Wolfsburg wegen der NATO-Übung."
    mt = "The Kripo is investigating in Wolfsburg because of the NATO exercise der."
    ref = ("Criminal police are investigating in Wolfsburg over the NATO exercise.",)
    assert spans(proven.untranslated_words(source, mt, ref, never_english)) == [
        ("untranslated", "Kripo"), ("untranslated", "der")]
    english = {"the", "is", "in", "because", "of", "exercise"}.__contains__
    assert spans(proven.untranslated_words(source, mt, ref, lambda w: english(w.casefold()))) == [
        ("untranslated", "Kripo"), ("untranslated", "der")]


def test_untranslated_words_with_wordfreq():
    lexicon = proven.EnglishLexicon("de")
    assert not lexicon("Prozent") and not lexicon("und") and not lexicon("Sonntag")
    assert lexicon("die") and lexicon("grandiose") and lexicon("team")
    errors = proven.untranslated_words("Das Team spielte und gewann am Sonntag.",
                                       "The Team played und won am Sonntag.",
                                       ("The team played and won on Sunday.",), lexicon)
    assert spans(errors) == [("untranslated", "und"), ("untranslated", "Sonntag")]


def test_doubled_words():
    mt = "We saw the the match. What he had had was gone. Bora Bora is far. It it rained."
    errors = proven.doubled_words(mt, ("We saw the match. What he had had was gone. Bora Bora is far. It rained.",))
    assert spans(errors) == [("doubled-word", "the the"), ("doubled-word", "It it")]


def test_proven_errors_all_classes_in_order():
    source = "Preis: 3,5 Prozent für „Kunden“ 東京"
    mt = "Price: 3,5 Prozent for for „customers“ 東京"
    refs = ("Price: 3.5 percent for “customers” Tokyo",)
    assert [e.cls for e in proven.proven_errors(source, mt, refs, never_english)] == [
        "decimal-comma", "source-quotes", "source-script", "untranslated", "doubled-word"]


# --- judging a fix against the references ---------------------------------------------------


def test_punctuation_alone_does_not_stand_inside_a_word():
    assert not stands_in("-", "A well-known writer spoke.")
    assert stands_in("-", "Others - writers - were shocked.") and stands_in("—", "Others — writers")
    assert stands_in("%.", "Prices rose 5%.") and stands_in("/", "CZK 99/kg") is False
    refs = ("Second doses went to well-known groups: teenagers, 10,690.",)
    assert judge_fix("teenagers - 10,690", (Edit(10, 11, "—"),), refs).verdict == NOT_JUDGED


def test_fix_window_widens_words_and_tokens():
    text = "Read Bild am Sonntag, 3,5."
    assert fix_window(text, (Edit(10, 20, "on Sunday"),)) == ("am Sonntag", "on Sunday")
    assert fix_window(text, (Edit(23, 24, "."),)) == ("3,5", "3.5")  # the closing point stays out
    assert fix_window("It rose 5 % .", (Edit(11, 12, ""),)) == ("% .", "%.")
    assert fix_window("Yahoo!News said", (Edit(6, 6, " "),)) == ("Yahoo!News", "Yahoo! News")


def test_a_fix_of_case_is_judged_with_the_token_before_it():
    # A common word stands lower-case somewhere in almost any reference: alone it says nothing
    # about the case it needs here, after a credit line's closing bracket.
    text = "Tribune, May 2 (staff writer Ana Kovac) officials said the road reopens"
    at = text.index("officials")
    edits = (Edit(at, at + 1, "O"),)
    assert fix_window(text, edits) == ("Kovac) officials", "Kovac) Officials")
    refs = ("Tribune report (writer: Ana Kovac), officials said the road would reopen",)
    assert judge_fix(text, edits, refs).verdict == NOT_JUDGED
    assert judge_fix(text, edits, ("Ana Kovac) Officials said so",)).verdict == GOOD
    # At the text's start there is no token before: the word alone is compared.
    assert fix_window("officials said", (Edit(0, 1, "O"),)) == ("officials", "Officials")


def test_judge_fix_verdicts():
    refs = ("It rose 3.5 percent, said Bild am Sonntag.",)
    assert judge_fix("It rose 3,5 percent", (Edit(9, 10, "."),), refs).verdict == GOOD
    assert judge_fix("said Bild am Sonntag", (Edit(10, 20, "on Sunday"),), refs).verdict == BAD
    assert judge_fix("said it on Monday", (Edit(8, 10, "at"),), refs).verdict == NOT_JUDGED
    assert stands_in("am", refs[0]) and not stands_in("Sonn", refs[0])


# --- the report --------------------------------------------------------------------------------


@pytest.fixture
def pack_linter():
    from tqlint.api import Linter
    from tqlint.config import Config

    return Linter(config=Config(packs=(PACK,)))


def test_split_findings_gives_each_segment_its_own():
    def finding(start, end, edit=None):
        fixes = (Fix("t", (edit,), True),) if edit else ()
        return Finding("r", "c", Severity.ERROR, "m", start, end, "", fixes)

    parts = ["ab ,", "cd", "e ."]  # joined: "ab ,\n\ncd\n\ne ."
    across = finding(3, 8, Edit(3, 8, ""))  # from the first part into the second
    shares = split_findings(parts, [finding(2, 4, Edit(2, 3, "")), across, finding(11, 13, Edit(11, 12, ""))])
    assert [[(f.start, f.end) for f in share] for share in shares] == [[(2, 4), (3, 4)], [], [(1, 3)]]
    assert shares[0][0].fixes[0].edits == (Edit(2, 3, ""),)
    assert shares[0][1].fixes == ()  # its fix would reach into the next segment
    assert shares[2][0].fixes[0].edits == (Edit(1, 2, ""),)


def test_read_segments_filters():
    assert [s.pair for s in read_segments(SMALL)] == ["de-en", "de-en", "ja-en", "ru-en"]
    chosen = read_segments(SMALL, systems=("Sys-*",), pairs=("de-en", "ru-*"), limit=2)
    assert [(s.pair, s.seg, [n for n, _ in s.mt]) for s in chosen] == [
        ("de-en", 1, ["Sys-A", "Sys-B"]), ("de-en", 2, ["Sys-A", "Sys-B"])]


def test_units_follow_documents():
    segments = read_segments(SMALL)
    units = build_units(segments)
    assert [(u.side, u.name, u.segments) for u in units[:4]] == [
        (MT, "Other", (0, 1)), (MT, "Sys-A", (0, 1)), (MT, "Sys-B", (0, 1)), (REF, "A", (0, 1))]
    assert len(units) == 11
    assert len(build_units(segments, by_document=False)) == 15


@pytest.mark.parametrize("jobs", [1, 2])
def test_report_counts(pack_linter, jobs):
    report = references_report(SMALL, pack_linter, jobs=jobs)
    assert (report.segments, report.texts, report.words) == (4, (10, 5), (62, 30))
    assert report.rules_total == 4
    assert [(r.rule, r.mt, r.refs, r.good, r.bad, r.not_judged) for r in report.rules] == [
        ("evalpack/am-weekday", 3, 0, 0, 3, 0), ("evalpack/decimal-comma", 2, 0, 2, 0, 0),
        ("evalpack/space-before-punct", 1, 1, 0, 0, 1), ("evalpack/cjk-full-stop", 1, 0, 0, 0, 1)]
    assert [(c.cls, c.errors, c.caught) for c in report.classes] == [
        ("decimal-comma", 2, 2), ("dotted-thousands", 1, 0), ("source-quotes", 3, 0),
        ("source-script", 1, 1), ("untranslated", 1, 0), ("doubled-word", 1, 0),
        ("number", 0, 0), ("date", 0, 0), ("name", 0, 0)]  # (tests/test_bilingual.py proves those)
    assert report.classes[0].by_rule == (("evalpack/decimal-comma", 2),)
    assert report.verdicts == (("all", 2, 3, 2), ("safe", 2, 3, 2), ("unsafe", 0, 0, 0))
    assert [(b.rule, b.original, b.fixed, b.count, b.where) for b in report.bad_fixes] == [
        ("evalpack/am-weekday", "am Sonntag", "on Sunday", 3, "de-en:2 Other")]
    assert [(m.cls, m.where, m.text) for m in report.misses] == [
        ("dotted-thousands", "ru-en:1 Sys-A", "1.000"), ("source-quotes", "de-en:2 Sys-A", "„"),
        ("source-quotes", "ru-en:1 Sys-B", "«"), ("source-quotes", "ru-en:1 Sys-B", "»"),
        ("untranslated", "de-en:1 Other", "Prozent"), ("doubled-word", "de-en:2 Other", "the the")]
    assert [(s.side, s.name, s.words, s.findings) for s in report.by_system] == [
        (MT, "Other", 15, 3), (MT, "Sys-A", 23, 3), (MT, "Sys-B", 24, 1), (REF, "A", 23, 0), (REF, "B", 7, 1)]


def test_report_for_some_systems_by_segment(pack_linter):
    report = references_report(SMALL, pack_linter, systems=("Sys-*",), by_document=False, jobs=1)
    assert report.systems == ("Sys-A", "Sys-B") and report.texts == (8, 5)
    assert [(c.cls, c.errors, c.caught) for c in report.classes if c.errors] == [
        ("decimal-comma", 1, 1), ("dotted-thousands", 1, 0), ("source-quotes", 3, 0), ("source-script", 1, 1)]
    assert report.findings(MT) == 4 and report.findings(REF) == 1


@pytest.mark.parametrize("line, message", [
    ("{not json", "line.jsonl:2: not valid JSON"),
    ('{"pair": "de-en", "seg": 1, "source": "x", "refs": {}}', "line.jsonl:2: missing field 'mt'"),
    ('{"pair": "de-en", "seg": 1, "source": "x", "refs": {"A": 1}, "mt": {}}', "line.jsonl:2: `refs` must map names to texts"),
])
def test_bad_input_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "line.jsonl"
    path.write_text(Path(SMALL).read_text(encoding="utf-8").splitlines()[0] + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match=message.replace("`", ".")):
        read_segments(str(path))


def test_unknown_system_is_an_error():
    with pytest.raises(EvalInputError, match=r"no system matches 'Online-\*' \(there are: Other, Sys-A, Sys-B\)"):
        read_segments(SMALL, systems=("Online-*",))


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """`tqlint eval …` under a config that runs the test pack only."""
    from tqlint.cli import cli as main

    config = tmp_path_factory.mktemp("config") / ".tqlint.yaml"
    config.write_text(f"packs: [{PACK}]\n", encoding="utf-8")
    return lambda *args: CliRunner().invoke(main, ["eval", "--config", str(config), *args])


def test_cli_text_and_json(cli):
    text = cli("--references", SMALL, "--jobs", "1")
    assert text.exit_code == 0, text.output
    assert "Findings per 1,000 words: MT 112.90 (7), references 33.33 (1)" in text.output
    assert "  untranslated             1       0    0.0%" in text.output
    assert "      3  evalpack/am-weekday  'am Sonntag' → 'on Sunday'  (de-en:2 Other)" in text.output
    assert "6 proven errors missed (-v lists them)" in text.output
    data = json.loads(cli("--references", SMALL, "--systems", "Sys-A,Sys-B", "--format", "json").output)
    assert data["mt"]["texts"] == 8 and data["mt"]["findings"] == 4 and data["refs"]["findings"] == 1
    assert data["proven_total"] == {"errors": 6, "caught": 2, "recall": 2 / 6}
    assert data["fixes"]["all"] == {"good": 1, "bad": 2, "not_judged": 1, "bad_rate": 2 / 3}
    assert data["by_rule"]["evalpack/am-weekday"]["refs"] == 0  # the reference writes the name Bild am Sonntag: not flagged
    verbose = cli("--references", SMALL, "--limit", "1", "-v").output
    assert "untranslated     de-en:1 Other: 'Prozent'  Prices rose by 3,5 ⟦Prozent⟧." in verbose


def test_cli_usage_errors(cli):
    result = cli("--references", SMALL, "--pairs", "fr-en")
    assert result.exit_code == 2 and "no pair matches 'fr-en'" in result.output


def test_without_wordfreq_the_run_says_what_to_install(pack_linter, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "wordfreq" else real(name, *a))
    with pytest.raises(EvalInputError, match=r"needs the wordfreq package: pip install 'tqlint\[eval\]'"):
        references_report(SMALL, pack_linter)
