"""The parts of the bilingual checks, each on its own: numbers read per locale, dates and times,
the aligner, transliteration, glossaries (CSV and TBX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqlint.bilingual.dates import SourceMonths, english_dates, missing_fields, source_dates
from tqlint.bilingual.glossary import Glossary, load_glossary
from tqlint.bilingual.names import Transliterator, source_names
from tqlint.bilingual.numbers import NumberTables, english_quantities, readings, source_quantities
from tqlint.packs.loader import resolve_pack
from tqlint.text.align import align, length_score
from tqlint.text.bitext import align_documents, joined_document, source_sentences
from tqlint.text.document import plain_document
from tqlint.yamlio import YamlError

DATA = Path(__file__).parent / "data" / "bilingual"
RULES = {rule.id: rule for rule in resolve_pack("bilingual").rules}
NUMBERS = RULES["bilingual/number-missing"].options
TABLES = NumberTables.from_options(NUMBERS["locales"], NUMBERS["scales"], NUMBERS["units"])
MONTHS = SourceMonths(RULES["bilingual/date-mismatch"].options["months"])


def values(text: str, language: str) -> list[set[float]]:
    return [set(q.values) for q in source_quantities(text, language, TABLES)]


# --- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, expected", [
    ("2,5", "de", {2.5}),
    ("1.000", "de", {1000.0}),
    ("1.000", "ro", {1000.0}),
    ("12 000", "ru", {12000.0}),
    ("12\u00a0000", "cs", {12000.0}),
    ("3,000", "zh", {3000.0}),
    ("1.5", "zh", {1.5}),
    ("2.5", "de", {2.5}),          # a point in a comma locale is still a decimal
    ("1,000", "de", {1.0, 1000.0}),  # unsure: either reading counts
    ("1.234,5", "de", {1234.5}),
])
def test_digits_are_read_in_the_source_locale(text, language, expected):
    found, _ = readings(text, TABLES.locale(language))
    assert found == expected


@pytest.mark.parametrize("text, language, expected", [
    ("4 mld. euro", "ro", 4e9),
    ("2,3 miliarde de lei", "ro", 2.3e9),
    ("1,5 Mio. Euro", "de", 1.5e6),
    ("3,2 Mrd.", "de", 3.2e9),
    ("5 млн рублей", "ru", 5e6),
    ("1.5亿元", "zh", 1.5e8),
    ("3万人", "zh", 3e4),
    ("三万人", "zh", 3e4),
    ("两千五百", "zh", 2500.0),
    ("１２万円", "ja", 1.2e5),
])
def test_scale_words_multiply(text, language, expected):
    assert any(expected in v for v in values(text, language))


def test_units_and_currencies_are_read_in_any_language():
    found = source_quantities("Preţul a crescut cu 2,5% la 20 de euro, adică 20 €.", "ro", TABLES)
    assert [(sorted(q.values), q.unit) for q in found] == [([2.5], "%"), ([20.0], None), ([20.0], "EUR")]
    english = english_quantities("It rose 2.5 percent to $20 and 3.5 million euros.", TABLES)
    assert [(q.unit, q.multiplier) for q in english] == [("%", 1.0), ("USD", 1.0), ("EUR", 1e6)]


def test_chinese_digit_runs_are_not_numbers():
    assert values("“六一”儿童节，大家一一入场。", "zh") == []


@pytest.mark.parametrize("text, expected", [
    ("150 million", 1.5e8), ("1,500", 1500.0), ("twenty-five", 25.0), ("the 44th", 44.0),
    ("a dozen", 12.0), ("thirty thousand", 3e4), ("3,5", 3.5), ("twice", 2.0),
])
def test_english_numbers(text, expected):
    assert any(expected in q.values for q in english_quantities(text, TABLES))


# --- dates and times ------------------------------------------------------------------------

def test_source_dates_per_language():
    (date,) = source_dates("Переговори почалися 3 квітня 2022 року.", "uk", MONTHS)
    assert (date.year, date.month, date.day) == (2022, 4, 3)
    (date,) = source_dates("Die Sitzung ist am 3. Mai.", "de", MONTHS)
    assert (date.month, date.day) == (5, 3)
    (date,) = source_dates("2022年4月3日に発表", "ja", MONTHS)
    assert (date.year, date.month, date.day) == (2022, 4, 3)
    (day,) = source_dates("店は16日に開店する。", "ja", MONTHS)
    assert (day.month, day.day) == (None, 16)
    assert source_dates("21日間のセット", "ja", MONTHS) == []  # twenty-one days, not the 21st
    assert source_dates("Ea mai are o șansă.", "ro", MONTHS) == []  # "mai" alone is "more"


def test_a_japanese_day_alone_is_the_nth():
    (day,) = source_dates("16日", "ja", MONTHS)
    assert missing_fields(day, english_dates("It opens on the 16th.")) == []
    assert missing_fields(day, english_dates("It opens on March 16.")) == []
    assert missing_fields(day, english_dates("It opens on the 15th.")) == ["day"]


def test_clock_times_match_across_the_day():
    (time,) = source_dates("um 15:30 Uhr", "de", MONTHS)
    assert missing_fields(time, english_dates("at 3:30 p.m.")) == []
    assert missing_fields(time, english_dates("at 15:30")) == []
    assert missing_fields(time, english_dates("at 5:30 p.m.")) == ["hour"]
    (afternoon,) = source_dates("下午3点", "zh", MONTHS)
    assert missing_fields(afternoon, english_dates("at 3 pm")) == []


def test_english_dates_take_day_month_and_year():
    found = english_dates("On April 3, 2022 they may go; on the 3rd of May; in 2021.")
    assert [(d.year, d.month, d.day) for d in found] == [(2022, 4, 3), (None, 5, 3), (2021, None, None)]


# --- alignment ------------------------------------------------------------------------------

def test_gale_church_pairs_equal_lengths_one_to_one():
    beads = align([40, 80, 30], [42, 78, 33])
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_gale_church_finds_a_merge():
    beads = align([40, 45, 100, 30], [88, 98, 31])
    assert [(b.source, b.target) for b in beads] == [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]


def test_a_long_source_sentence_left_out_leaves_a_short_link():
    """Length alone cannot tell a dropped sentence from a merged one; either way the link that
    holds it is far shorter than its source, which the omission rule reports."""
    beads = align([60, 300, 60], [62, 58])
    merged = next(b for b in beads if 1 in b.source)
    assert length_score(sum([60, 300, 60][i] for i in merged.source), sum([62, 58][j] for j in merged.target), 1.0, 6.8) < -4


def test_length_score_grows_with_the_gap():
    assert abs(length_score(100, 100, 1.0, 6.8)) < 0.01
    assert length_score(100, 30, 1.0, 6.8) < -2 < length_score(100, 90, 1.0, 6.8)


def test_articles_align_by_paragraph_then_sentence():
    source = plain_document("Primul paragraf are o propoziție. Și încă una aici.\n\nAl doilea paragraf.")
    target = plain_document("The first paragraph has a sentence. And another one here.\n\nThe second paragraph.")
    bitext = align_documents(target, source, "ro")
    pairs = [(target.view[link.target_start:link.target_end], bitext.source_of(link)) for link in bitext.links]
    assert pairs == [("The first paragraph has a sentence.", "Primul paragraf are o propoziție."),
                     ("And another one here.", "Și încă una aici."),
                     ("The second paragraph.", "Al doilea paragraf.")]
    assert len(bitext.paragraphs) == 2


def test_cjk_sentences_end_without_a_space():
    view = "第一句话。第二句话！第三句"
    assert [view[a:b] for a, b in source_sentences(view, 0, len(view), "zh")] == ["第一句话。", "第二句话！", "第三句"]


def test_joined_segments_keep_each_part_span():
    doc, spans = joined_document(["One.", "See https://example.com now.", "Three."])
    assert [doc.view[a:b] for a, b in spans][0] == "One."
    assert doc.view[spans[2][0]:spans[2][1]] == "Three."


# --- names and transliteration --------------------------------------------------------------

TRANSLITERATOR = Transliterator(RULES["bilingual/name-transliterated"].options["transliteration"],
                                RULES["bilingual/name-transliterated"].options["exonyms"])


@pytest.mark.parametrize("name, english", [
    ("Зеленський", "Zelenskyy"), ("Зеленский", "Zelensky"), ("Зеленського", "Zelenskiy"), ("Раевского", "Raevsky"),
    ("Джаред", "Jared"), ("Харкова", "Kharkiv"), ("Москвы", "Moscow"), ("Київ", "Kyiv"),
])
def test_cyrillic_names_are_found_spelled_out(name, english):
    assert TRANSLITERATOR.found_in(name, f"They met {english} yesterday.")


def test_a_different_name_is_not_a_spelling():
    assert not TRANSLITERATOR.found_in("Алексей", "They met Boris.")
    assert TRANSLITERATOR.spelling_in("Зеленський", "Then Zelenskyy's aide spoke.") == (5, 16)  # with the possessive: the consistency rule strips it


def test_source_names_of_each_kind():
    found = {(n.text, n.kind) for n in source_names("Матрас Promtex, пишите на info@promtex.example или @promtex, NATO.", "ru")}
    assert {("Promtex", "latin"), ("info@promtex.example", "email"), ("@promtex", "handle"), ("NATO", "acronym")} <= found
    latin = {n.text for n in source_names("Firma ČEZ a NATO: ZASE SPOLU!", "cs")}
    assert latin == {"NATO"}  # ČEZ is national, ZASE SPOLU a headline in capitals


# --- glossaries -----------------------------------------------------------------------------

def test_csv_glossary():
    terms = load_glossary(str(DATA / "glossary.csv"))
    assert [(t.source, t.target, t.forbidden, t.language, t.line) for t in terms] == [
        ("Consiliul Județean", "county council", ("County Council of", "departmental council"), "ro", 2),
        ("primar", "mayor", ("burgomaster",), "ro", 3)]


def test_tbx_glossary_marks_forbidden_variants():
    terms = load_glossary(str(DATA / "glossary.tbx"))
    assert [(t.source, t.target, t.forbidden, t.language) for t in terms] == [
        ("primar", "mayor", ("burgomaster",), "ro"), ("Landrat", "district administrator", (), "de")]
    assert [t.source for t in Glossary(terms).for_language("de")] == ["Landrat"]


def test_glossary_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "terms.csv"
    bad.write_text("source,target\nprimar,\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"terms.csv:2: a term needs both"):
        load_glossary(str(bad))
    header = tmp_path / "header.csv"
    header.write_text("term,english\nprimar,mayor\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"header.csv:1: the header row must name"):
        load_glossary(str(header))
    broken = tmp_path / "broken.tbx"
    broken.write_text("<martif><text><body><termEntry>", encoding="utf-8")
    with pytest.raises(YamlError, match="broken.tbx: not a readable TBX file"):
        load_glossary(str(broken))
