"""The `language` kind: untranslated sentences and clauses are flagged with the language named;
English never reaches langdetect, which loads lazily, once, and answers the same every run.
Also the source-acronym rules of rules/en-news/untranslated.yaml."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import types

import pytest

from tqlint.engine.context import LintContext
from tqlint.engine.run import lint_document
from tqlint.fixer import apply_edits
from tqlint.kinds import RuleError, language
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_packs_dir
from tqlint.packs.ruleset import ActiveRule, RuleSet
from tqlint.text.document import plain_document
from tqlint.text.readers import read_document

PACK_FILE = builtin_packs_dir() / "en-news" / "untranslated.yaml"

ENGLISH = [
    "The government said on Tuesday that it would raise taxes next year.",
    "Shares of the carmaker rose 3 percent in early trading in Frankfurt.",
    "The festival in São Paulo opened with a film by Pedro Almodóvar.",
    "The coup d'état was condemned by the Académie française and the Bundestag.",
    "Income per capita rose, and the de facto leader flew to the Élysée Palace.",
    "The series “La casa de papel” was watched in 190 countries.",
    "Visitors to the Musée d'Orsay and the Château de Versailles rose by a third.",
    "Mayor Nicușor Dan said the protest in Piața Victoriei was peaceful.",
    "The Frankfurter Allgemeine Zeitung and Süddeutsche Zeitung both reported it.",
    "Rewarded 50000 yuan, Hubei praises landslide rescuers",
    "Prices rose. Wages did not.",
    "Merci beaucoup, she said.",
    "People die every year on these roads, the report said.",
    "He ate a crème brûlée à la carte at the café.",
    "The title of the novel, Cel mai iubit dintre pământeni, is hard to translate.",
    "The chef served crème brûlée and café au lait at the brasserie.",
]


@pytest.fixture(scope="module")
def pack():
    return load_pack(PACK_FILE)


@functools.cache
def _shipped_rule():
    [found] = [r for r in load_pack(PACK_FILE).rules if r.kind == "language"]
    return found


@pytest.fixture(scope="module")
def rule():
    return _shipped_rule()


def hits(rule, text):
    return list(rule.matcher(plain_document(text), LintContext()))


@pytest.fixture
def detect_calls(monkeypatch):
    calls = []
    real = language.detect

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language, "detect", counting)
    return calls


@pytest.mark.parametrize("text, flagged, name", [
    ("The minister resigned. Primăria nu a răspuns încă la întrebările noastre.",
     "Primăria nu a răspuns încă la întrebările noastre.", "Romanian"),
    ("La alcaldesa presentó ayer un plan para los barrios del sur. Unions welcomed it.",
     "La alcaldesa presentó ayer un plan para los barrios del sur.", "Spanish"),
    ("Le président a annoncé de nouvelles mesures pour les familles.",
     "Le président a annoncé de nouvelles mesures pour les familles.", "French"),
    ("Il governo ha approvato la legge di bilancio.", "Il governo ha approvato la legge di bilancio.", "Italian"),
    ("Er sagte, dass die Gespräche gescheitert seien.", "Er sagte, dass die Gespräche gescheitert seien.", "German"),
    ("Klaus Iohannis a semnat decretul de promulgare a legii.",
     "Klaus Iohannis a semnat decretul de promulgare a legii.", "Romanian"),
])
def test_untranslated_sentences_are_flagged_with_their_language(rule, text, flagged, name):
    [hit] = hits(rule, text)
    assert text[hit.start:hit.end] == flagged
    assert name in hit.message and "not English" in hit.message
    assert hit.fixes == ()


def test_an_untranslated_clause_is_flagged_alone(rule):
    text = "Officials said the talks would resume, dar nu au precizat când."
    [hit] = hits(rule, text)
    assert text[hit.start:hit.end] == "dar nu au precizat când."


@pytest.mark.parametrize("text, flagged", [
    # a short clause that ends the sentence, all lowercase
    ("Flooding closed two roads near Genoa, secondo la protezione civile.", "secondo la protezione civile."),
    # German capitalises its nouns: two capitals in five words is still a clause, not a name
    ("The plant will close next spring, sagte ein Sprecher des Konzerns.", "sagte ein Sprecher des Konzerns."),
    # a clause that opens the sentence, before an English attribution
    ("Il governo ha approvato il decreto ieri sera, the minister told reporters.",
     "Il governo ha approvato il decreto ieri sera"),
    # a switch of language with no punctuation at all
    ("The coach denied the reports y dijo que no piensa dimitir.", "y dijo que no piensa dimitir."),
])
def test_a_clause_or_a_switch_mid_sentence_is_flagged(rule, text, flagged):
    [hit] = hits(rule, text)
    assert text[hit.start:hit.end] == flagged


@pytest.mark.parametrize("text", [
    "The museum on the Via della Conciliazione reopened.",              # a name
    "The slogan 'ni una menos' was painted on the walls of the ministry.",  # quoted
    "Fans sang a chorus of que sera sera as the final whistle blew.",  # two foreign words only
    "The Basilica of San Paolo fuori le Mura was restored.",
    "The minister spoke at the Palazzo della Consulta in Rome.",
])
def test_names_quotes_and_borrowed_phrases_do_not_start_a_switch(rule, text):
    assert hits(rule, text) == []


def test_a_long_foreign_quote_is_flagged_but_a_quoted_title_is_not(rule):
    text = "The minister said: “Nu vom accepta aceste condiții niciodată.”"
    [hit] = hits(rule, text)
    assert text[hit.start:hit.end] == "Nu vom accepta aceste condiții niciodată."
    assert hits(rule, "She sang “Non, je ne regrette rien” at the gala.") == []


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_names_and_loanwords_stays_quiet(rule, text):
    assert hits(rule, text) == []


def test_english_never_reaches_langdetect(rule, detect_calls):
    for text in ENGLISH:
        hits(rule, text)
    assert detect_calls == []
    hits(rule, "Primăria nu a răspuns încă la întrebările noastre. Markets rose.")
    assert detect_calls == ["Primăria nu a răspuns încă la întrebările noastre."]


def test_remembered_words_give_the_same_answers(rule, monkeypatch):
    texts = ["The minister resigned. Primăria nu a răspuns încă la întrebările noastre.", *ENGLISH,
             "Officials said the talks would resume, dar nu au precizat când."]

    def found():
        return [[(h.start, h.end, h.message) for h in hits(rule, text)] for text in texts]

    first = found()
    assert found() == first  # every word now judged before
    monkeypatch.setattr(language, "_MAX_KNOWN_WORDS", 0)  # forgotten after each document
    assert found() == first


def test_foreign_scripts_are_recognised_by_their_letters(rule, detect_calls):
    [hit] = hits(rule, "Президент подписал указ о помиловании.")
    assert "Russian" in hit.message  # langdetect only names the language
    [hit] = hits(rule, "Η κυβέρνηση ανακοίνωσε νέα μέτρα.")
    assert "Greek" in hit.message
    assert len(detect_calls) == 2
    assert hits(rule, "Officials in Kyiv (Київ) said the talks would resume.") == []
    assert hits(rule, "国务院总理主持召开国务院常务会议。") == []  # the untranslated-cjk rule's
    assert len(detect_calls) == 2


def test_short_sentences_are_skipped(rule, detect_calls):
    assert hits(rule, "Nu știm. Vom vedea.") == []
    assert detect_calls == []


def test_detection_is_seeded_and_the_factory_built_once():
    language._factory.cache_clear()
    text = "Primăria nu a răspuns"  # short: langdetect samples n-grams at random
    first = language.detect(text)
    assert all(language.detect(text) == first for _ in range(5))
    assert language._factory.cache_info().misses == 1
    language._factory.cache_clear()
    assert language.detect(text) == first  # a fresh factory, same seed, same answer


def test_langdetect_is_imported_only_when_a_sentence_may_be_foreign():
    script = (
        "import sys\n"
        "from tqlint.packs.loader import load_pack\n"
        "from tqlint.text.document import plain_document\n"
        "from tqlint.engine.context import LintContext\n"
        f"pack = load_pack({str(PACK_FILE)!r})\n"
        "rule = [r for r in pack.rules if r.kind == 'language'][0]\n"
        "list(rule.matcher(plain_document('The bank said profits rose in May.'), LintContext()))\n"
        "assert 'langdetect' not in sys.modules, 'loaded for English'\n"
        "list(rule.matcher(plain_document('Primăria nu a răspuns încă la întrebări.'), LintContext()))\n"
        "assert 'langdetect' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_offsets_point_into_the_file_through_markup(rule):
    text = "# News\n\nThe minister resigned. **Primăria** nu a răspuns încă la întrebările noastre.\n"
    doc = read_document(text, "markdown")
    ruleset = RuleSet((ActiveRule(rule, rule.severity),), ())
    [finding] = lint_document(doc, ruleset, LintContext())[0]
    assert text[finding.start:finding.end] == "Primăria** nu a răspuns încă la întrebările noastre."
    assert finding.fixes == () and "human" in finding.no_fix_reason


def test_bad_options_are_rule_errors():
    base = {"english-words": ["the"], "stopwords": {"ro": ["și"]}}
    with pytest.raises(RuleError) as error:
        language.compile({**base, "stopwords": ["și"]}, {})
    assert error.value.key == "stopwords"
    with pytest.raises(RuleError) as error:
        language.compile({**base, "min-probability": 2}, {})
    assert error.value.key == "min-probability"
    with pytest.raises(RuleError) as error:
        language.compile({**base, "foreign-endings": "(ului"}, {})
    assert error.value.key == "foreign-endings"


# --- source-language acronyms ---------------------------------------------------------------

@pytest.fixture(scope="module")
def acronyms():
    """The acronym rules: Romance ones in from-romance, the Spanish EE. UU. in from-es."""
    files = [builtin_packs_dir() / pack / "untranslated.yaml" for pack in ("from-romance", "from-es")]
    return types.SimpleNamespace(rules=[rule for file in files for rule in load_pack(file).rules])


def fixed(pack, text):
    ruleset = RuleSet(tuple(ActiveRule(r, r.severity) for r in pack.rules if r.kind != "language"), ())
    findings = lint_document(plain_document(text), ruleset, LintContext())[0]
    result, rejected = apply_edits(text, [f.fixes[0].edits[0] for f in findings])
    assert not rejected
    return result


@pytest.mark.parametrize("text, expected", [
    ("SUA officials met UE envoys.", "US officials met EU envoys."),
    ("The ONU and OTAN sent observers.", "The UN and NATO sent observers."),
    ("The president flew to EE.UU. Talks began.", "The president flew to the US. Talks began."),
    ("EE. UU. officials denied it.", "US officials denied it."),
    ("Debt reached 60% of PIB.", "Debt reached 60% of GDP."),
    ("The BCE decided to raise rates.", "The ECB decided to raise rates."),
    ("The temple dates from 500 BCE and was restored.", "The temple dates from 500 BCE and was restored."),
    ("The PIB said the minister would visit.", "The PIB said the minister would visit."),
    ("The TVA board met in Knoxville.", "The TVA board met in Knoxville."),
    ("Sua casa was sold.", "Sua casa was sold."),
])
def test_source_acronyms(acronyms, text, expected):
    assert fixed(acronyms, text) == expected


def test_only_unambiguous_acronyms_have_safe_fixes(acronyms):
    safety = {r.id.split("/")[-1]: r.safe for r in acronyms.rules}
    assert safety["source-acronym"] and safety["source-acronym-spanish-us"]
    assert not safety["source-acronym-gdp"] and not safety["source-acronym-institution"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st

_PIECES = st.sampled_from([
    "Primăria", "nu", "a", "răspuns", "încă", "der", "die", "und", "el", "la", "les", "“", "”", ",", ".",
    "\n\n", "Президент", "国务院", "İ", "ß", "’", "(", ")", "—", "the", "and", "said",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40))
def test_any_text_gives_hits_inside_the_text(pieces):
    rule = _shipped_rule()
    text = " ".join(pieces)
    for hit in hits(rule, text):
        assert 0 <= hit.start < hit.end <= len(text)


_WORDS = st.sampled_from(["nu", "der", "la", "x", "ului", "Guvernul", "ungen", "Ș", "ß", "İ", "încă", "the", "Президент"])
_BETWEEN = st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85",
                            "-", "'", "’", "\u0301", "5", "(", ".", "“"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, _BETWEEN, st.text(max_size=2)), max_size=30))
def test_marked_words_found_through_pieces_are_the_words_of_the_whole_view(pieces):
    """`document_marked` (whitespace pieces, each tokenised once) finds what `_WORD` over the
    whole view finds, whatever the characters between and inside the words."""
    settings_ = language._Settings(dict(_shipped_rule().options))
    view = "".join(pieces)
    expected = language._Settings(dict(_shipped_rule().options)).marked_words(set(language._WORD.findall(view)))
    assert settings_.document_marked(view) == expected
    assert settings_.document_marked(view) == expected  # and again, from the remembered pieces
    for word in language._WORD.findall(view):
        assert language._foreign_marked(word.lower(), settings_) == settings_.is_marked(word.lower())


# langdetect read lazily (tqlint.kinds.langdetector): every answer is langdetect's own.
_SAMPLES = [
    "Primăria nu a răspuns încă la întrebările noastre, au spus consilierii.",
    "Die Regierung hat die Entscheidung noch nicht kommentiert, sagte ein Sprecher.",
    "El presidente dijo que no va a dimitir por las acusaciones de la oposición.",
    "Le ministre a déclaré que la réforme serait présentée au printemps prochain.",
    "Il sindaco ha detto che la città non ha ancora ricevuto i fondi promessi.",
    "O governo disse que as medidas entram em vigor na próxima semana.",
    "Президент заявил, что переговоры продолжатся на следующей неделе.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.",
    "Rząd nie skomentował jeszcze tej decyzji, powiedział rzecznik.",
    "Vláda zatím rozhodnutí nekomentovala, uvedl mluvčí ministerstva.",
    "The company said it would appeal against the ruling next week.",
    "y dijo que no va a dimitir",
    "sagte ein Sprecher des Unternehmens",
    "ok",
    "12 345 — 678",
]


@pytest.fixture(scope="module")
def factories():
    """langdetect's own factory and the lazy one, each loaded and seeded as the kind does."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from tqlint.kinds.langdetector import Factory

    made = []
    for factory in (DetectorFactory(), Factory()):
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(0)
        made.append(factory)
    return made


def _answers(factory, text: str):
    """The languages and probabilities `factory`'s detector gives `text`, or its error."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


@pytest.mark.parametrize("text", _SAMPLES)
def test_lazy_langdetect_answers_as_langdetect_does(text, factories):
    stock, lazy = factories
    assert lazy.get_lang_list() == stock.get_lang_list()
    assert _answers(lazy, text) == _answers(stock, text)


@pytest.fixture(scope="module")
def stored_factories(tmp_path_factory):
    """Factories reading the profiles' stored table from a cache folder: one searching it for
    every n-gram, one that reads the profiles after a few searches."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from tqlint.kinds import langdetector

    saved = os.environ.get("TQLINT_CACHE_DIR")
    os.environ["TQLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    try:
        made = []
        for searches in (None, 10**9, 20):  # the first builds and stores the table
            factory = langdetector.Factory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(0)
            table = factory.word_lang_prob_map
            assert (table._stored is None) == (searches is None)
            if searches is not None:
                table.SEARCHES = searches
            made.append(factory)
    finally:
        if saved is None:
            del os.environ["TQLINT_CACHE_DIR"]
        else:
            os.environ["TQLINT_CACHE_DIR"] = saved
    return made[1:]


@pytest.mark.parametrize("text", _SAMPLES)
def test_stored_profile_table_answers_as_langdetect_does(text, factories, stored_factories):
    stock = factories[0]
    for stored in stored_factories:
        assert stored.get_lang_list() == stock.get_lang_list()
        assert _answers(stored, text) == _answers(stock, text)


@pytest.mark.parametrize("damage", ["cut", "byte"])
def test_a_damaged_stored_profile_table_is_not_trusted(tmp_path, monkeypatch, factories, damage):
    """A stored table cut short or with a byte changed is read from the profiles again (and
    rewritten): before, its settings line still matched, so a cut table silently changed the
    answers and a broken line raised in the middle of a check (ValueError from its counts)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from tqlint.kinds import langdetector

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path))
    langdetector.Factory().load_profile(PROFILES_DIRECTORY)  # builds and stores the table
    [stored] = list(tmp_path.rglob("*.tsv"))
    data = stored.read_bytes()
    stored.write_bytes(data[:len(data) // 2] if damage == "cut" else data[:-30] + b"x:y" + data[-27:])
    factory = langdetector.Factory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    assert factory.word_lang_prob_map._stored is None  # the profiles themselves
    assert _answers(factory, _SAMPLES[0]) == _answers(factories[0], _SAMPLES[0])
    again = langdetector.Factory()
    again.load_profile(PROFILES_DIRECTORY)
    assert again.word_lang_prob_map._stored is not None  # rewritten whole
