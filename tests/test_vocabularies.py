r"""Named vocabularies (\L<name>): how they expand, the errors they give, a format lint of the
built-in ones (as codespell lints its dictionaries), and the former ids of moved rules."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import regex
from conftest import lint, write_pack

from tqlint.config import Config
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_pack_names, builtin_packs_dir
from tqlint.packs.ruleset import build_ruleset
from tqlint.packs.vocabularies import PACK_FILE, load_file, shared_files
from tqlint.yamlio import YamlError

RULE = """\
rules:
  - id: r1
    kind: {kind}
    category: Fluency/Grammar
    severity: error
    message: "m"
{body}
    safe: true
    examples:
      flag: [{{text: "{flag}", fixed: "{fixed}"}}]
      pass: ["{passing}"]
"""


def pack_with(tmp_path, body, kind="pattern", vocabularies=None, flag="x", fixed="x", passing="y"):
    folder = write_pack(tmp_path / "p", RULE.format(kind=kind, body=body, flag=flag, fixed=fixed, passing=passing))
    if vocabularies is not None:
        (folder / PACK_FILE).write_text(vocabularies, encoding="utf-8")
    return folder


def error_of(folder) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_pack(folder)
    return info.value


# --- expansion -------------------------------------------------------------------------------

def test_a_pattern_gets_an_escaped_alternation_longest_first(tmp_path):
    folder = pack_with(tmp_path, "    pattern: '\\b\\L<bodies>\\b'\n    fix: 'X'",
                       vocabularies="bodies: [court, Supreme Court, c.o.]\n")
    (rule,) = load_pack(folder).rules
    assert rule.options["pattern"] == r"\b(?:Supreme\s+Court|court|c\.o\.)\b"
    assert [m.group() for m in regex.finditer(rule.options["pattern"], "the Supreme  Court, a court, c.o.x")] == \
        ["Supreme  Court", "court", "c.o."]


def test_an_escaped_backslash_before_L_is_left_alone(tmp_path):
    folder = pack_with(tmp_path, "    pattern: 'a\\\\L<b>'\n    fix: 'X'", vocabularies="b: [x]\n")
    assert load_pack(folder).rules[0].options["pattern"] == "a\\\\L<b>"


def test_a_phrase_table_gets_one_phrase_per_entry_with_its_english(tmp_path):
    body = ("    phrases:\n      \\L<months-xx>: \\L<months-xx>\n      de \\L<months-xx>: '\\L<months-xx>'\n"
            "      written: out\n    before: '\\d '")
    folder = pack_with(tmp_path, body, kind="phrase", vocabularies="months-xx: {enero: January, junio: June}\n",
                       flag="on 5 enero", fixed="on 5 January", passing="enero")
    (rule,) = load_pack(folder).rules
    assert dict(rule.options["phrases"]) == {"enero": "January", "junio": "June", "de enero": "January",
                                             "de junio": "June", "written": "out"}


def test_a_list_option_item_that_names_a_vocabulary_is_replaced_by_its_entries(tmp_path):
    from tqlint.packs.vocabularies import Scope, expand_rule
    from tqlint.yamlio import load_yaml

    raw = load_yaml("id: r1\nnot-names: [Police, \\L<w>, Spring]\nrequires: ['\\L<w>']\n", "f.yaml")
    (tmp_path / PACK_FILE).write_text("w: [April, May]\n", encoding="utf-8")
    expand_rule(raw, Scope([], tmp_path / PACK_FILE), "f.yaml")
    assert raw["not-names"] == ["Police", "April", "May", "Spring"] and raw["not-names"].item_lines == (2, 2, 2, 2)
    assert raw["requires"] == ["\\L<w>"]  # literals, never expanded


def test_the_built_in_pronoun_rule_reads_months_and_weekdays_from_the_calendar():
    (rule,) = [r for r in load_pack(builtin_packs_dir() / "en-news").rules if r.id == "en-news/organisation-pronoun"]
    names = rule.options["not-names"]
    assert {"January", "Sept", "Sunday"} <= set(names) and not any("\\L<" in n for n in names)


def test_a_pack_vocabulary_wins_over_a_shared_one_of_the_same_name(tmp_path):
    folder = pack_with(tmp_path, "    pattern: '\\L<months>'\n    fix: 'X'", vocabularies="months: [Brumaire]\n",
                       flag="Brumaire", fixed="X", passing="May")
    assert load_pack(folder).rules[0].options["pattern"] == "(?:Brumaire)"


def test_the_vocabulary_file_is_not_read_as_a_rule_file(tmp_path):
    folder = pack_with(tmp_path, "    pattern: 'x'\n    fix: 'X'", vocabularies="unused: [a]\n", flag="x", fixed="X")
    assert [r.id for r in load_pack(folder).rules] == ["p/r1"]


def test_expanded_rules_behave(tmp_path):
    folder = pack_with(tmp_path, "    pattern: '\\b(\\L<w>)\\s+\\1\\b'\n    fix: '\\1'", vocabularies="w: [the, a]\n",
                       flag="the the end", fixed="the end", passing="the end")
    ruleset = build_ruleset(Config(packs=(str(folder),)))
    assert [f.text for f in lint("a a cat and the the dog, then then", ruleset)] == ["a a", "the the"]


def test_a_changed_vocabulary_is_not_served_from_the_pack_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = pack_with(tmp_path, "    pattern: '\\L<w>'\n    fix: 'X'", vocabularies="w: [one]\n", flag="one", fixed="X")
    assert load_pack(folder).rules[0].options["pattern"] == "(?:one)"
    assert load_pack(folder).rules[0].options["pattern"] == "(?:one)"  # from the cache
    (folder / PACK_FILE).write_text("w: [two]\n", encoding="utf-8")
    assert load_pack(folder).rules[0].options["pattern"] == "(?:two)"


# --- errors: file, line, rule, what ----------------------------------------------------------

def test_an_unknown_vocabulary_names_file_line_rule_and_a_close_name(tmp_path):
    error = error_of(pack_with(tmp_path, "    pattern: '\\L<monts>'\n    fix: 'X'"))
    assert error.path.endswith("rules.yaml") and error.line == 7
    assert "rule 'r1'" in error.message and "unknown vocabulary 'monts'" in error.message
    assert "did you mean 'months'?" in error.message


def test_double_quotes_around_L_are_explained(tmp_path):
    error = error_of(pack_with(tmp_path, '    pattern: "\\L<months>"\n    fix: \'X\''))
    assert "single quotes" in error.message and error.line == 7


@pytest.mark.parametrize("phrases,expected", [
    ("      \\L<a> \\L<b>: x", "may use one vocabulary"),
    ("      word: \\L<a>", "which the phrase does not"),
    ("      \\L<a>: \\L<a>\n      one: two", "gets two replacements"),
])
def test_phrase_table_mistakes(tmp_path, phrases, expected):
    vocabularies = "a: {one: One}\nb: [z]\n"
    error = error_of(pack_with(tmp_path, "    phrases:\n" + phrases, kind="phrase", vocabularies=vocabularies))
    assert expected in error.message and "rule 'r1'" in error.message


@pytest.mark.parametrize("text,expected,line", [
    ("w: []\n", "is empty", 1),
    ("w: [a, '']\n", "non-empty text", 1),
    ("Bad_Name: [a]\n", "lowercase letters", 1),
    ("w: {a: 1}\n", "needs its English as text", 1),
    ("w: word\n", "must be a list", 1),
])
def test_a_malformed_vocabulary_file(tmp_path, text, expected, line):
    path = tmp_path / PACK_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load_file(path)
    assert expected in info.value.message and info.value.line == line and info.value.path == str(path)


# --- the built-in vocabularies, linted -------------------------------------------------------

RULES = builtin_packs_dir()
PACK_VOCABULARIES = sorted(p for p in RULES.glob(f"*/{PACK_FILE}") if (p.parent / "pack.yaml").is_file())
ALL_FILES = shared_files(RULES) + PACK_VOCABULARIES
# Entries that differ only in case on purpose: (vocabulary, entry, entry).
CASE_PAIRS_INTENDED: set[tuple[str, str, str]] = set()
METACHARACTERS = set("\\[](){}|*+?^$")


def sort_key(entry: str):
    """Sorted as a reader looks words up: case and accents aside (décembre beside decembre)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", entry.casefold()) if not unicodedata.combining(c))
    return plain, entry


def vocabularies():
    return [(path, v) for path in ALL_FILES for v in load_file(path)]


def ids(item):
    path, vocabulary = item
    return f"{path.parent.name}/{vocabulary.name}"


@pytest.mark.parametrize("item", vocabularies(), ids=ids)
def test_entries_are_sorted_unique_and_tidy(item):
    _, vocabulary = item
    entries = list(vocabulary.entries)
    assert entries == sorted(entries, key=sort_key), "sort the entries (case and accents aside)"
    assert len(set(entries)) == len(entries), "duplicate entries"
    folded: dict[str, str] = {}
    for entry in entries:
        other = folded.setdefault(entry.casefold(), entry)
        assert other == entry or (vocabulary.name, other, entry) in CASE_PAIRS_INTENDED, \
            f"{other!r} and {entry!r} differ only in case"
        assert entry == entry.strip() and "  " not in entry, f"stray space in {entry!r}"
        assert not METACHARACTERS & set(entry), f"{entry!r} looks like a regex; entries are literal words"
    for english in (vocabulary.english or {}).values():
        assert english == english.strip() and not METACHARACTERS & set(english), english


def test_every_vocabulary_is_used_by_a_rule():
    text_of = {pack: "".join(p.read_text(encoding="utf-8") for p in (RULES / pack).glob("*.y*ml"))
               for pack in builtin_pack_names()}
    used = {(pack, name) for pack, text in text_of.items() for name in re.findall(r"\\L<([a-z0-9-]+)>", text)}
    for path, vocabulary in vocabularies():
        pack = path.parent.name
        users = [p for p, n in used if n == vocabulary.name and (pack == "vocabularies" or p == pack)]
        assert users, f"{pack}/{vocabulary.name} is used by no rule"


def test_pack_vocabularies_do_not_shadow_shared_ones():
    shared = {v.name for path in shared_files(RULES) for v in load_file(path)}
    for path in PACK_VOCABULARIES:
        assert not shared & {v.name for v in load_file(path)}, path


def test_source_calendar_tables_translate_into_the_english_lists():
    by_name = {v.name: v for _, v in vocabularies()}
    for name, vocabulary in by_name.items():
        base = name.split("-")[0]
        if name.startswith(("months-", "weekdays-")) and vocabulary.english:
            english = set(by_name[base].entries)
            assert set(vocabulary.english.values()) <= english, name
            # a table lists only the names that differ from English
            assert not {e.casefold() for e in vocabulary.entries} & {e.casefold() for e in english}, name


# --- former ids of moved rules ---------------------------------------------------------------

MOVED = """\
rules:
  - id: spaced-comma
    replaces: [old-pack/space-before-comma]
    kind: pattern
    category: Fluency/Punctuation
    severity: error
    message: "No space before a comma."
    pattern: ' ,'
    fix: ','
    safe: true
    examples:
      flag: [{text: "a , b", fixed: "a, b"}]
      pass: ["a, b"]
"""


@pytest.fixture
def moved_pack(tmp_path) -> Path:
    return write_pack(tmp_path / "new-pack", MOVED)


def test_a_former_id_still_selects_ignores_and_levels(moved_pack):
    base = Config(packs=(str(moved_pack),))
    assert [a.rule.id for a in build_ruleset(base, select=("old-pack/space-before-comma",)).rules] == ["new-pack/spaced-comma"]
    assert build_ruleset(base, ignore=("old-pack/space-before-comma",)).rules == ()
    levelled = Config(packs=(str(moved_pack),), rule_levels=(("old-pack/space-before-comma", "info"),))
    assert str(build_ruleset(levelled).rules[0].severity) == "info"
    off = Config(packs=(str(moved_pack),), rule_levels=(("old-pack/space-before-comma", "off"),))
    assert build_ruleset(off).rules == ()


def test_a_former_id_is_exact_not_a_prefix(moved_pack):
    with pytest.raises(YamlError, match="no rule matches 'old-pack/space-before'"):
        build_ruleset(Config(packs=(str(moved_pack),)), select=("old-pack/space-before",))


def test_a_suppression_comment_may_name_the_former_id(moved_pack):
    ruleset = build_ruleset(Config(packs=(str(moved_pack),)))
    text = "<!-- tqlint-disable-next-line old-pack/space-before-comma -->\na , b\n\nc , d\n"
    assert [f.text for f in lint(text, ruleset, "markdown")] == [" ,"]


def test_a_malformed_replaces_is_an_error(tmp_path):
    error = error_of(write_pack(tmp_path / "p", MOVED.replace("[old-pack/space-before-comma]", "[space-before-comma]")))
    assert "`replaces` lists the rule's former ids" in error.message and error.line == 3


def test_moved_built_in_rules_keep_their_former_ids_unique():
    former = [old for name in builtin_pack_names() for rule in load_pack(RULES / name).rules for old in rule.replaces]
    current = {rule.id for name in builtin_pack_names() for rule in load_pack(RULES / name).rules}
    assert len(former) == len(set(former)) and not set(former) & current


def test_explain_finds_a_moved_rule_by_its_former_id():
    from click.testing import CliRunner

    from tqlint.cli import cli

    result = CliRunner().invoke(cli, ["explain", "--no-config", "en-news/time-uhr"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("from-de/time-uhr") and "Formerly: en-news/time-uhr" in result.output
