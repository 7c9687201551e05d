"""The `mojibake` kind: ftfy repairs only the damaged words, never correct accented text, and
HTML entities are judged on the prose view so Markdown and HTML markup stays legitimate."""

from __future__ import annotations

import subprocess
import sys
import time  # CPU time (process_time), never wall-clock: a busy machine must not fail a test

import pytest

from tqlint.engine.context import LintContext
from tqlint.engine.run import lint_document
from tqlint.finding import Severity
from tqlint.fixer import apply_fixes
from tqlint.kinds import RuleError, mojibake
from tqlint.packs.model import Rule
from tqlint.packs.ruleset import ActiveRule, RuleSet
from tqlint.text.document import plain_document
from tqlint.text.readers import read_document


def hits(text, repair="encoding", kind="text"):
    find = mojibake.compile({"repair": repair}, {})
    doc = plain_document(text, kind) if kind == "text" else read_document(text, kind)
    return list(find(doc, LintContext()))


def spans(text, repair="encoding"):
    return [(text[h.start:h.end], h.fixes[0][0].replacement) for h in hits(text, repair)]


def lint_and_fix(text, repair, kind):
    find = mojibake.compile({"repair": repair}, {})
    rule = Rule(
        id="t/r", pack="t", kind="mojibake", category="Fluency/Character encoding",
        severity=Severity.ERROR, message="{match}", description="", safe=True, no_fix_reason=None,
        flag_examples=(), pass_examples=(), options={}, matcher=find,
    )
    findings, _ = lint_document(read_document(text, kind), RuleSet((ActiveRule(rule, rule.severity),), ()))
    fixed, _, _ = apply_fixes(text, [f.fixes[0] for f in findings])
    return findings, fixed


# ------------------------------------------------------------------------------------ encoding


@pytest.mark.parametrize("text, damaged, repaired", [
    ("The museumâ€™s roof leaked.", "â€™", "’"),
    ("The CafÃ© opened.", "Ã©", "é"),
    ("Tickets cost Â£20.", "Â£", "£"),
    ("He said â€œyesâ€.", "â€œ", "“"),
    ("Talks in ZÃ¼rich.", "Ã¼", "ü"),
    ("It was Ã¢â‚¬â„¢s fault.", "Ã¢â‚¬â„¢", "’"),
])
def test_damaged_stretch_is_flagged_exactly(text, damaged, repaired):
    hit = hits(text)[0]
    assert text[hit.start:hit.end] == damaged
    assert hit.start == text.index(damaged)
    assert hit.fixes[0][0].replacement == repaired


def test_quotes_with_lost_closing_byte_are_repaired():
    text = "He said â€œnoâ€ to the offer."
    found = hits(text)
    assert [text[h.start:h.end] for h in found] == ["â€œ", "â€"]  # two stretches in one word
    fixed, _, _ = apply_fixes(text, [_fix(h) for h in found])
    assert fixed == "He said “no” to the offer."


def test_changed_stretches():
    assert mojibake.changed_stretches("Â£5", "£5") == [(0, 2, "£")]
    assert mojibake.changed_stretches("xâ€œyâ€z", "x“y”z") == [(1, 4, "“"), (5, 7, "”")]
    assert mojibake.changed_stretches("ab", "ab") == []


def _fix(hit):
    from tqlint.finding import Fix

    return Fix("", hit.fixes[0], True)


@pytest.mark.parametrize("text", [
    "Officials in São Paulo, Zürich and Łódź met Pedro Almodóvar at the Élysée.",
    "Salvador Dalí’s and José’s paintings; André’s café.",
    "SÃO PAULO NÃO", "crème brûlée à la carte", "naïve façade", "", "Ã", "â",
    "Ægir and Øresund", "Ñandú",
])
def test_correct_text_is_never_flagged(text):
    assert hits(text) == []


def test_ftfy_is_not_imported_for_clean_text():
    code = (
        "import sys\n"
        "from tqlint.engine.context import LintContext\n"
        "from tqlint.text.document import plain_document\n"
        "from tqlint.kinds import mojibake\n"
        "find = mojibake.compile({}, {})\n"
        "assert not list(find(plain_document('Clean text on Zürich, São Paulo and Dalí’s art.'), LintContext()))\n"
        "assert 'ftfy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_placeholder_is_never_flagged_nor_crossed():
    text = "See \ufffc for details: the companyâ€™s\ufffcsite."
    [(damaged, repaired)] = spans(text)
    assert damaged == "â€™" and repaired == "’"


def test_huge_text_with_many_markers_is_fast():
    text = "The museumâ€™s roof leaked. " * 20000
    start = time.process_time()
    assert len(hits(text)) == 20000
    assert time.process_time() - start < 10.0


def test_huge_clean_text_is_fast():
    text = "Officials in São Paulo met Dalí’s heirs. " * 50000
    start = time.process_time()
    assert hits(text) == []
    assert time.process_time() - start < 1.0


# ------------------------------------------------------------------------------------ entities


def test_entities_in_plain_text_are_decoded():
    assert spans("He said &quot;no&quot; &amp; left&#8217;s &#x2019; &nbsp;x", "html-entities") == [
        ("&quot;", '"'), ("&quot;", '"'), ("&amp;", "&"), ("&#8217;", "’"), ("&#x2019;", "’"),
        ("&nbsp;", "\u00a0"),
    ]


@pytest.mark.parametrize("text", [
    "AT&T and Procter & Gamble", "R&D; M&A", "&euro 5", "&notanentity;", "&#0;", "&#10;", "",
])
def test_non_entities_and_unwanted_characters_are_left_alone(text):
    assert hits(text, "html-entities") == []


def test_markdown_entities_are_markup_but_double_escapes_are_flagged():
    findings, fixed = lint_and_fix("He said &quot;no&quot; to AT&amp;T.\n", "html-entities", "markdown")
    assert findings == []
    findings, fixed = lint_and_fix("He said &amp;quot;no&amp;quot;.\n", "html-entities", "markdown")
    assert [f.text for f in findings] == ["&amp;quot;", "&amp;quot;"]
    assert fixed == 'He said "no".\n'


def test_html_double_escapes_are_fixed_with_escaping_kept():
    text = "<p>Use &amp;lt;b&amp;gt; and &amp;amp; here, &amp;quot;ok&amp;quot;.</p>"
    findings, fixed = lint_and_fix(text, "html-entities", "html")
    assert fixed == '<p>Use &lt;b&gt; and &amp; here, "ok".</p>'


def test_bad_repair_option_names_the_key():
    with pytest.raises(RuleError) as info:
        mojibake.compile({"repair": "everything"}, {})
    assert info.value.key == "repair"


# ------------------------------------------------------------------------------------ property

from hypothesis import given, settings
from hypothesis import strategies as st

_MIXED = st.text(alphabet=st.sampled_from(list("âÃÂ€™œ©¼£\x9d\xa0 éaz’.&#;quot3")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_any_text_gives_hits_inside_the_text_that_apply(text):
    from tqlint.fixer import apply_edits

    for repair in ("encoding", "html-entities"):
        found = hits(text, repair)
        for hit in found:
            assert 0 <= hit.start < hit.end <= len(text)
            assert hit.fixes and hit.fixes[0][0].replacement != text[hit.start:hit.end]
        result, rejected = apply_edits(text, [h.fixes[0][0] for h in found])
        assert not rejected
