"""Stage 1's relaxed patterns (tqlint.engine.relax) match wherever the originals match: over
every pattern and phrase of the built-in packs and over generated patterns, on generated text
rich in the characters where regex engines part ways."""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqlint.engine import charsets
from tqlint.engine.charsets import COMMON, members, render
from tqlint.engine.relax import Unsupported, relax

re2 = pytest.importorskip("re2")

# Case twins, letters of other scripts, marks, digits, spaces and punctuation of other blocks,
# emoji, line separators: where `regex`, RE2 and Python disagree if anyone does.
TRICKY = "aAkKsSiI\u212a\u017f\u0130\u0131\u00b5\u03bc\u039c\u00e9\u00c9\u00df\u1e9e\u2019\u201c\u201d\u00a0\u2028\u3000" \
         "\u4e2d\u6587\u0928\u093f\u0301\u0663\uff10\U0001f600\U0001d400_-.,;'\"\n\t 09"


def _re2(pattern: str):
    options = re2.Options()
    options.max_mem = 64 << 20
    return re2.compile(pattern, options)


def _builtin_sources():
    from tqlint.api import Linter
    from tqlint.engine.stage1 import entries_of

    ruleset = Linter(no_config=True).setup_for(None)[0]
    sources = []
    for active in ruleset.rules:
        for _key, source, ignore_case in entries_of(active.rule) or ():
            examples = [e.text for e in active.rule.flag_examples + active.rule.pass_examples]
            sources.append((active.rule.id, source, ignore_case, examples))
    return sources


BUILTIN = _builtin_sources()


def test_every_builtin_pattern_and_phrase_relaxes():
    failed = []
    for rule_id, source, ignore_case, _ in BUILTIN:
        try:
            _re2(relax(source, ignore_case))
        except (Unsupported, re2.error) as exc:
            failed.append((rule_id, source[:60], str(exc)))
    assert not failed


def test_relaxed_builtin_patterns_match_every_example_the_original_matches():
    for rule_id, source, ignore_case, examples in BUILTIN:
        original = regex.compile(source, regex.V0 | (regex.I if ignore_case else 0))
        relaxed = _re2(relax(source, ignore_case))
        for text in examples:
            if original.search(text):
                assert relaxed.search(text), (rule_id, source, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(BUILTIN))), st.data())
def test_builtin_relaxations_are_supersets_on_mutated_examples(index, data):
    rule_id, source, ignore_case, examples = BUILTIN[index]
    base = data.draw(st.sampled_from(examples))
    cut = data.draw(st.integers(0, len(base)))
    insert = data.draw(st.text(alphabet=TRICKY, max_size=4))
    text = base[:cut] + insert + base[cut + data.draw(st.integers(0, 3)):]
    if data.draw(st.booleans()):
        text = text.upper() if data.draw(st.booleans()) else text.lower()
    original = regex.compile(source, regex.V0 | (regex.I if ignore_case else 0))
    if original.search(text):
        assert _re2(relax(source, ignore_case)).search(text), (rule_id, source, text)


# --- generated patterns -----------------------------------------------------------------------

_ATOMS = st.sampled_from([
    "a", "k", "s", "i", "K", "é", "µ", "’", "ß", ".", r"\.", r"\w", r"\W", r"\d", r"\D", r"\s", r"\S",
    r"\p{L}", r"\p{Lu}", r"\p{Ll}", r"\P{L}", r"[a-z]", r"[^a-z]", r"[\w'’-]", r"[^\W\d_]", r"[[:alpha:]]",
    r"[A-Z0-9]", r"[äöü]", r"[\s\xa0]", r"\u2019", r"\x41", "中", r"[.,;]", r"\-", " ",
])
_ZERO = st.sampled_from([r"\b", r"\B", "^", "$", r"\A", r"\Z", r"(?<=a)", r"(?<!\w)", r"(?=\s)", r"(?!k)", r"\m", r"\M",
                        r"(?<![\w'’-])", r"(?![\w'’-])", r"(?!\w)", r"(?<![\p{L}\d_])", r"(?w:\b)", r"(?a:\b)"])


def _patterns():
    leaf = st.one_of(_ATOMS, _ZERO)

    def extend(children):
        return st.one_of(
            st.tuples(children, children).map("".join),
            st.tuples(children, children).map(lambda p: f"{p[0]}|{p[1]}"),
            children.map(lambda p: f"({p})"),
            children.map(lambda p: f"(?:{p})"),
            children.map(lambda p: f"(?i:{p})"),
            children.map(lambda p: f"(?>{p})"),
            st.tuples(children, st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "{0,12}", "{2,}", "*?", "++"]))
            .map(lambda p: f"(?:{p[0]}){p[1]}"),
        )

    return st.recursive(leaf, extend, max_leaves=8)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_patterns(), st.booleans(), st.lists(st.text(alphabet=TRICKY, max_size=12), min_size=1, max_size=4))
def test_generated_relaxations_are_supersets(pattern, ignore_case, texts):
    for backref in ("", r"(\w)\1"):
        source = pattern + backref
        try:
            original = regex.compile(source, regex.V0 | (regex.I if ignore_case else 0))
        except regex.error:
            return
        relaxed = _re2(relax(source, ignore_case))
        for text in texts:
            if original.search(text):
                assert relaxed.search(text), (source, text)


# --- open runs of nearly any character ---------------------------------------------------------
# Runs such as [^)]*, .*? or [^"]{0,200} between literals, inside lookarounds, alternations and
# repeats, over texts built from the same literals: the part of the relaxation that most often
# meets real text half-way (see docs/performance.md, stage 1).

_PIECES = ["said", "that", "Kiss", "the ", "(", ")", '"', "“", "”", " ", ".", "\n", "x"]
_RUNS = [r"[^)]*", r".*?", r'[^"]{0,200}', r"[^.\n]+", r"(?s:.)*", r"\S+", r"[^“”]{3,}", r"\p{L}+", r"(\w)\1"]


def _run_patterns():
    word = st.sampled_from(["said", "that", "Kiss", "the", r"\(", r"\)", '"', "“", "”", r"\bsaid\b", r"[Tt]hat"])
    run = st.sampled_from(_RUNS)
    part = st.lists(st.one_of(word, run), min_size=2, max_size=5).map("".join)
    return st.one_of(
        part,
        st.tuples(part, part).map(lambda p: f"(?<={p[0]}){p[1]}"),
        st.tuples(part, part).map(lambda p: f"{p[0]}(?={p[1]})"),
        st.tuples(part, part).map(lambda p: f"(?:{p[0]}|{p[1]})"),
        st.tuples(part, part, part).map(lambda p: f"{p[0]}(?:{p[1]})+{p[2]}"),
    )


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_run_patterns(), st.booleans(), st.lists(st.lists(st.sampled_from(_PIECES + list(TRICKY)), max_size=14).map("".join),
                                                min_size=1, max_size=4))
def test_relaxations_of_patterns_with_open_runs_are_supersets(source, ignore_case, texts):
    try:
        original = regex.compile(source, regex.V0 | (regex.I if ignore_case else 0))
    except regex.error:
        return
    relaxed = _re2(relax(source, ignore_case))
    for text in texts + ["".join(texts)]:
        if original.search(text):
            assert relaxed.search(text), (source, text)


@pytest.mark.parametrize("source", [r"(?=b)(?<=a)", r"(?<=a)(?=b)", r"(?=b\w)(?<=\s[a-z]+a)", r"(?:(?=b)(?<=a)|z)"])
def test_lookarounds_with_nothing_between_keep_their_text_order(source):
    """A look-back's text comes before the position and a look-ahead's after it, in whichever
    order the pattern writes them (the first order once relaxed to "ba")."""
    assert regex.search(source, "xx aabc bb", regex.V0)
    assert _re2(relax(source, False)).search("xx aabc bb")


def test_verbose_patterns_and_global_flags():
    relaxed = _re2(relax("(?x) grew \\s+ with  # a comment\n [ ]x", False))
    assert relaxed.search("grew with x") and not relaxed.search("grewwithx")
    assert _re2(relax("abc(?i)", False)).search("ABC")  # version 0: a flag anywhere is global


@pytest.mark.parametrize("source", [r"(?V1)a", r"(?f)a", r"(?r)a", r"a{e<=1}", r"\L<words>", r"(?(1)a|b)"])
def test_what_it_cannot_relax_it_says(source):
    with pytest.raises(Unsupported):
        relax(source, False)


# --- character sets against every code point ----------------------------------------------------

def _every_code_point() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("atom,flags", [
    (r"\w", 0), (r"\s", 0), (r"\d", 0), (r"\p{Lu}", 0), (r"[^a-z]", 0), (".", 0), ("é", regex.I), ("µ", regex.I),
    ("[a-z]", regex.I), ("k", regex.I), ("s", regex.I), ("i", regex.I), ("’", regex.I), ("ǅ", regex.I), ("中", 0),
])
def test_a_relaxed_set_holds_every_code_point_regex_matches(atom, flags):
    everything = _every_code_point()
    matched = "".join(regex.compile(atom, flags | regex.V0).findall(everything))
    assert _re2(f"(?s:{render(members(atom, int(flags)))})*").fullmatch(matched)


def test_ascii_letters_have_their_case_twins_inside_common():
    """What charsets._may_reach_rest assumes: no ASCII letter has an IGNORECASE twin outside COMMON."""
    everything = _every_code_point()
    twins = regex.compile("[a-z]", regex.I | regex.V0).findall(everything)
    assert all(any(low <= ord(c) <= high for low, high in COMMON) for c in twins)
    assert charsets._may_reach_rest("k", int(regex.I)) is False


# --- word edges kept as RE2's \b --------------------------------------------------------------
# A negative lookaround over every ASCII word character (a phrase's edge) relaxes to RE2's
# (ASCII) `\b` beside a character the pattern says is an ASCII letter, digit or underscore;
# anywhere else (a case twin such as U+017F beside it) to nothing. `\b` itself to nothing.

_EDGES = [r"\b", r"(?<![\w'’-])", r"(?![\w'’-])", r"(?<!\w)", r"(?!\w)", r"(?w:\b)", r"(?<![\p{L}\d_])"]
_WORDS = ["mai", "has", "KISS", "s", "k", "_", "9", r"\w", "é", "-", "ſ", r"[a-z]", r"\p{L}", " "]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_EDGES + _WORDS), min_size=1, max_size=6).map("".join), st.booleans(),
       st.lists(st.lists(st.sampled_from(["mai", "has", "kiss", "KISS", " ", "-", "’", "é", "_", "9"] + list(TRICKY)),
                         max_size=8).map("".join), min_size=1, max_size=4))
def test_relaxed_word_edges_are_supersets(source, ignore_case, texts):
    try:
        original = regex.compile(source, regex.V0 | (regex.I if ignore_case else 0))
    except regex.error:
        return
    relaxed = _re2(relax(source, ignore_case))
    for text in texts:
        if original.search(text):
            assert relaxed.search(text), (source, text)


@pytest.mark.parametrize("source,ignore_case,kept", [
    (r"(?<![\w'’-])mai(?![\w'’-])", False, r"\bmai\b)"),
    (r"(?<!\w)had(?!\w)", True, r"\b[Hh][Aa][Dd]\b)"),
    (r"(?<!\w)has(?!\w)", True, r"\b[Hh][Aa][Ss\x{17f}])"),  # ſ may end it: no RE2 edge after (no ASCII word character)
    (r"(?<=\s)(?<![\w-])mai", False, r"]\bmai)"),  # the look-back's text, then the edge
    (r"\bmai\b", False, None),  # `\b` stays out of the sets (DFA states)
    (r"(?<!\d)mai", False, None),  # a class without the letters: the edge is not implied
    (r"\b(?:mai)", False, None),  # no single character beside it in its sequence
])
def test_word_edges_relax_to_re2_edges_only_beside_ascii_word_characters(source, ignore_case, kept):
    relaxed = relax(source, ignore_case)
    if kept is None:
        assert "\\b" not in relaxed
    else:
        assert relaxed.endswith(kept), relaxed
    for text in ("a mai b", "mai", "x-mai", "email", "HAD", "haſ", "(had)", "mai9", "\tmai"):
        if regex.search(source, text, regex.V0 | (regex.I if ignore_case else 0)):
            assert _re2(relaxed).search(text), (source, text)
    if kept is not None and "mai" in kept:
        assert not _re2(relaxed).search("email")  # what the edge buys: a word inside a word is no candidate


def test_requirements_read_the_tree_without_edges():
    """tqlint.engine.required reads `parse` without edges: its literals are as before."""
    from tqlint.engine.relax import parse

    source = r"(?<![\w-])grew\s+with\b"
    assert "'edge'" not in repr(parse(source, False))
    assert "'edge'" in repr(parse(source, False, edges=True))
