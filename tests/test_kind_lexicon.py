"""The `lexicon` and `inflected-name` kinds: words and names left in the source language."""

from __future__ import annotations

import functools

import pytest

from tqlint.engine.context import LintContext
from tqlint.kinds import RuleError, frequencies, inflection, lexicon
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_packs_dir
from tqlint.text.document import plain_document


@functools.cache
def _rules():
    pack = load_pack(builtin_packs_dir() / "en-news" / "untranslated-words.yaml")
    return {r.id.split("/")[-1]: r for r in pack.rules}


def flagged(rule_id, text, languages=()):
    doc = plain_document(text)
    return [text[h.start:h.end] for h in _rules()[rule_id].matcher(doc, LintContext(source_languages=languages))]


@pytest.mark.parametrize("text, expected", [
    ("The church stands on the main náměstí of the town.", ["náměstí"]),
    ("The police said unsere officers came at once.", ["unsere"]),
    ("We are a skoro-startup in borrowed offices.", ["skoro"]),
    ("Officials said they werden unsere answer soon.", ["werden unsere"]),  # neighbours make one finding
])
def test_words_far_more_frequent_in_another_language_are_flagged(text, expected):
    assert flagged("untranslated-word", text) == expected


@pytest.mark.parametrize("text", [
    "Protesters ran amok in the capital; the cables will be lain next year.",  # English, however rare
    "The bridge links the old town with Malá Strana.",  # names
    "The ruling party Řád a pokrok lost its majority.",  # lowercase words inside a name
    "Ärzte ohne Grenzen sent a team, and the Académie française protested.",
    "The museum's motto, “Kunst für alle”, hangs over the door.",  # a short quotation: a title or term
    "The town square (náměstí) was full of stalls.",  # a gloss in brackets
    "Buses stop in Jihlava. From jihlava they go north.",  # written capitalised elsewhere: a name
    "He was charged a milliard times.",  # english-words
])
def test_names_titles_glosses_and_english_words_are_left_alone(text):
    assert flagged("untranslated-word", text) == []


def test_source_languages_narrow_the_languages_that_count():
    text = "The church stands on the main náměstí; unsere officers came."
    assert flagged("untranslated-word", text, ("de",)) == ["unsere"]
    assert flagged("untranslated-word", text, ("cs",)) == ["náměstí"]
    assert flagged("untranslated-word", text, ("zh",)) == []  # no Latin-script list for it


def test_the_message_names_the_language():
    [hit] = _rules()["untranslated-word"].matcher(plain_document("It was on the náměstí."), LintContext())
    assert "Czech" in hit.message


def test_the_table_is_built_once_and_read_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path))
    frequencies.foreign_words.cache_clear()
    built = frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
    assert built.get("náměstí") == "cs" and "the" not in built
    [stored] = list(tmp_path.rglob("*.tsv"))
    frequencies.foreign_words.cache_clear()
    monkeypatch.setattr(frequencies, "build_table", lambda *args: pytest.fail("rebuilt despite the cache"))
    read = frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
    assert isinstance(read, frequencies.StoredTable) and read.as_dict() == built
    stored.write_text("{not the settings\nx\tcs", encoding="utf-8")  # a damaged file is rebuilt, not trusted
    frequencies.foreign_words.cache_clear()
    monkeypatch.setattr(frequencies, "build_table", lambda *args: {"x": "cs"})
    assert frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5) == {"x": "cs"}
    frequencies.foreign_words.cache_clear()


@pytest.mark.parametrize("damage", ["cut", "byte"])
def test_a_damaged_stored_file_is_built_again_not_trusted(tmp_path, monkeypatch, damage):
    """A stored word list or table cut short (a disk filling up, a half-copied cache) or with a
    byte changed: before, the one gave wrong answers silently and the other (a byte that is not
    UTF-8) crashed every later run that read it, until the cache was deleted by hand."""
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path))

    def hurt(path):
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2] if damage == "cut" else data[:-40] + b"\xff" + data[-39:])

    frequencies.english_words.cache_clear()
    built = frequencies.english_words(300)
    [words] = list(tmp_path.rglob("*.txt"))
    hurt(words)
    frequencies.english_words.cache_clear()
    read = frequencies.english_words(300)
    assert frozenset(read.as_set() if isinstance(read, frequencies.StoredWords) else read) == built
    frequencies.english_words.cache_clear()
    frequencies.foreign_words.cache_clear()
    table = dict(frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5))
    [stored] = list(tmp_path.rglob("*.tsv"))
    hurt(stored)
    frequencies.foreign_words.cache_clear()
    again = frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
    assert (again.as_dict() if isinstance(again, frequencies.StoredTable) else again) == table
    frequencies.foreign_words.cache_clear()


def test_the_stored_table_answers_as_the_dict_it_was_made_from(monkeypatch):
    """Binary search of the stored lines, then (after SEARCHES distinct words) the whole dict:
    the same answers for every word, its neighbours in the order, and words outside it."""
    table = {"a": "cs", "ab": "pl", "abc": "de", "ač": "cs", "b": "hu", "zz": "tr", "ž": "cs", "žába": "cs", "a\u0301": "pt"}
    asked = sorted({w[:i] + x for w in table for i in range(len(w) + 1) for x in ("", "a", "\t", "ž", "\uffff")})
    for size in (0, 1, 2, len(table)):
        part = dict(list(table.items())[:size])
        data = frequencies._table_bytes("settings", part)
        stored = frequencies.StoredTable(data, data.index(b"\n") + 1)
        assert stored.as_dict() == part
        assert [stored.get(w, "-") for w in asked] == [part.get(w, "-") for w in asked]
        assert [w in stored for w in asked] == [w in part for w in asked]
    monkeypatch.setattr(frequencies.StoredTable, "SEARCHES", 3)
    stored = frequencies.StoredTable(data, data.index(b"\n") + 1)
    assert [stored.get(w) for w in asked] == [table.get(w) for w in asked] and stored._table == table
    assert frequencies._table_bytes("settings", {"a\nb": "cs"}) is None  # a word that would break the lines


def test_a_stored_word_list_answers_as_its_set(monkeypatch):
    """The English list read back is binary-searched, then (after ASKS questions) a set."""
    words = ["a", "ab", "abc", "ač", "b", "naïve", "zz", "ž", "žába"]
    asked = sorted({w[:i] + x for w in words for i in range(len(w) + 1) for x in ("", "a", "\t", "ž", "\ud800")})
    for size in (1, 2, len(words)):
        stored = frequencies.StoredWords("\n".join(sorted(words[:size])).encode())
        assert [w in stored for w in asked] == [w in set(words[:size]) for w in asked]
    monkeypatch.setattr(frequencies.StoredWords, "ASKS", 3)
    stored = frequencies.StoredWords("\n".join(words).encode())
    assert [w in stored for w in asked] == [w in set(words) for w in asked] and stored.whole == set(words)


@pytest.mark.parametrize("text, expected", [
    ("Novák leads. Only Horák and Nováka have 20 percent.", ["Nováka"]),
    ("The weekly Respekt said so; its editor told Respektu more.", ["Respektu"]),
    ("Novák spoke first, and then Novákovi was given the floor.", ["Novákovi"]),
])
def test_a_name_in_a_case_form_of_a_name_the_article_uses_is_flagged(text, expected):
    assert flagged("inflected-name", text) == expected


@pytest.mark.parametrize("text", [
    "Israel said an Israeli citizen was freed.",
    "Paul and Paula Novak met Jan and Jana Dvorak.",
    "Trains from Česká Lípa will replace České dráhy services.",
    "Nováka spoke.",  # no base form in the article
    "In Bucha the mayor spoke; Bucha was shelled; the Buch family fled.",
    "Zelensky spoke; later Zelenskyy said more.",  # a doubled letter is a spelling, not a case ending  # -a is nominative too: the commoner form wins
    "Troops left Lutka in March. What happened in Lutk shocked the world.",  # as common, and written first: the base
])
def test_english_forms_and_longer_names_are_left_alone(text):
    assert flagged("inflected-name", text) == []


def test_the_most_frequent_base_form_is_the_fix():
    text = "Bucha was shelled. In Bucha the mayor spoke; in Buch nothing; the streets of Buchi were empty."
    [hit] = _rules()["inflected-name"].matcher(plain_document(text), LintContext())
    assert text[hit.start:hit.end] == "Buchi" and hit.fixes[0][0].replacement == "Bucha"


def test_inflection_endings_follow_source_languages():
    text = "Novák leads. Only Horák and Nováka have 20 percent."
    assert flagged("inflected-name", text, ("is",)) == []  # Icelandic has no -a case ending in the table
    assert flagged("inflected-name", text, ("cs",)) == ["Nováka"]


@pytest.mark.parametrize("module, options, key", [
    (lexicon, {}, "languages"),
    (lexicon, {"languages": ["cs"], "margin": "big"}, "margin"),
    (lexicon, {"languages": ["cs"], "english-words": "amok"}, "english-words"),
    (inflection, {"endings": {"cs": {"base": [""]}}}, "endings"),
    (inflection, {"endings": {"cs": {"base": [""], "oblique": [""]}}}, "endings"),
    (inflection, {"endings": {"cs": {"base": [""], "oblique": ["u"]}}, "min-stem": 0}, "min-stem"),
])
def test_bad_options_are_rule_errors(module, options, key):
    with pytest.raises(RuleError) as error:
        module.compile(options, {})
    assert error.value.key == key


def test_the_stored_table_follows_the_word_lists_it_was_built_from(tmp_path, monkeypatch):
    """The table is keyed by its word lists' files (not wordfreq's release, which costs a cold
    process importlib.metadata): a list that changes makes the table be built again."""
    lists = tmp_path / "lists"
    lists.mkdir()
    for name in ("small_cs", "large_en"):
        (lists / f"{name}.msgpack.gz").write_bytes(b"one")
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(frequencies, "_data_folder", lambda: str(lists))
    builds = []
    monkeypatch.setattr(frequencies, "build_table", lambda *args: builds.append(args) or {"slovo": "cs"})
    for _ in range(2):
        frequencies.foreign_words.cache_clear()
        table = frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
        assert table.get("slovo") == "cs" and "slov" not in table and "slovoo" not in table
    assert len(builds) == 1  # the second process-like call read it back
    (lists / "large_en.msgpack.gz").write_bytes(b"a new release")
    frequencies.foreign_words.cache_clear()
    frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
    assert len(builds) == 2
    (lists / "small_cs.msgpack.gz").unlink()  # a missing list: build_table says which (FrequencyError)
    frequencies.foreign_words.cache_clear()
    frequencies.foreign_words(("cs",), 4.5, 3.0, 2.5)
    assert len(builds) == 3
    frequencies.foreign_words.cache_clear()


@pytest.mark.parametrize("text", [
    "Die strasse und die strasse, #strasse @strasse a/strasse l'strasse strasse's strasse·x.",
    "náměstí, náměstím náměstí-náměstí, Náměstí náměstíx xnáměstí náměstíвода náměstí\u0301 _náměstí",
    "ulica ulica ulica. Ulica ULICA ulica2 2ulica ulica_ ulica’s o’ulica ulica.com",
    "",
])
def test_the_candidates_are_the_words_the_word_by_word_test_picks(text):
    """`_candidates` finds the distinct texts first and looks only for those: the same matches,
    in the same order, as testing every word."""
    import regex

    english = lexicon._EnglishSet(["strasse"])
    for marked in (None, regex.compile("[ěí]")):
        expected = [m.span() for m in lexicon._WORD.finditer(text) if len(m.group()) >= 3 and m.group().islower()
                    and (marked is None or marked.search(m.group())) and not english.has(m.group())]
        assert [m.span() for m in lexicon._candidates(plain_document(text), english, 3, marked)] == expected


def test_ascii_letters_are_the_latin_run_characters():
    """`_latin_runs` takes the shared letter runs for an ASCII view: there _LATIN_RUN's class and
    `\\p{L}` hold the same characters, so both cut it into the same runs."""
    from tqlint.engine.prefilter import LETTER_RUN

    for code in range(128):
        char = chr(code)
        assert bool(lexicon._LATIN_RUN.fullmatch(char)) == bool(LETTER_RUN.fullmatch(char)), repr(char)
        assert lexicon._same_class(char) is True


@pytest.mark.parametrize("text", [
    "Die Strasse und die strasse; ein Café, Ærø and ﬁne ſtrasse.",  # Latin letters only: the shared runs
    "náměstí\u0301 and n\u0301a, a Ⅻ th, l’école",  # a mark, a Latin number: the class's own scan
    "вода and voda, ὕδωρ, 水 and mizu; x2y z_z",  # letters of other scripts, digits, "_"
    "", "...", "plain ASCII words, 123 and a_b.",
])
def test_the_latin_runs_are_those_the_scan_finds(text):
    """`_latin_runs` (the shared letter runs where the two classes agree on every character, else
    _LATIN_RUN's own scan) gives the runs `_LATIN_RUN.findall` gives, with or without the
    doubled-word test having made the shared runs first."""
    from tqlint.engine.prefilter import neighbour_runs_alike

    expected = frozenset(lexicon._LATIN_RUN.findall(text))
    assert lexicon._latin_runs(plain_document(text)) == expected
    doc = plain_document(text)
    neighbour_runs_alike(doc)
    assert lexicon._latin_runs(doc) == expected
