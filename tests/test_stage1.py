"""The two paths find the same things: with stage 1 (tqlint.engine.stage1) forced on, and with it
off (as where google-re2 is missing), over the examples, tests/data, every rule example and, when
they are beside the project, a slice of the shared corpora (bench/compare_findings.py runs all
of them: 19,880 texts)."""

from __future__ import annotations

import os
import sys

import pytest

from tqlint.api import Linter
from tqlint.engine import stage1
from tqlint.kinds.phrase import _alternative
from tqlint.kinds.phrase import stage1 as entries

pytest.importorskip("re2")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from compare_findings import texts  # noqa: E402

WMT_SEGMENTS = 80  # of wmt22-toen, each with every system's output and every reference


def _findings(linter, text, syntax):
    result = linter.lint_text(text, None, syntax=syntax)
    return [(f.start, f.end, f.rule, f.message, [(x.title, x.edits, x.safe) for x in f.fixes]) for f in result.findings]


@pytest.fixture(scope="module")
def corpus():
    return list(texts(WMT_SEGMENTS))


def test_both_paths_find_the_same(corpus, monkeypatch):
    linter = Linter(no_config=True)
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    on = [_findings(linter, text, syntax) for _, text, syntax in corpus]
    monkeypatch.setenv("TQLINT_STAGE1", "off")
    off = [_findings(linter, text, syntax) for _, text, syntax in corpus]
    differing = [name for (name, _, _), a, b in zip(corpus, on, off) if a != b]
    assert not differing
    assert sum(map(len, on)) > 100  # the corpus does hold findings to compare


def test_stage1_runs_only_the_rules_that_can_match(monkeypatch):
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    ruleset = Linter(no_config=True).setup_for(None)[0]
    built = stage1.stage1_for(ruleset, [])
    found = built.scan("The figures grew with 5 percent last year, he said.")
    assert "en-news/change-with-amount" in found.rules
    assert len(found.rules) < len(built.covered) // 4
    assert built.scan("Nothing to see here.").rules.isdisjoint({"en-news/change-with-amount"})


def test_a_rule_without_stage1_runs_on_every_document(monkeypatch):
    # `stage1: false`: no entry in the set (its relaxed form would match nearly every article),
    # so the rule is not covered and runs on each document, finding what it finds on the exact path.
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    linter = Linter(no_config=True, select=("en-news/doubled-word",))
    built = stage1.stage1_for(linter.setup_for(None)[0], [])
    assert "en-news/doubled-word" not in built.covered
    found = _findings(linter, "They met the the mayor on Friday.", "text")
    assert [f[2] for f in found] == ["en-news/doubled-word"]


def test_text_re2_cannot_read_takes_the_exact_path(monkeypatch):
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    ruleset = Linter(no_config=True).setup_for(None)[0]
    built = stage1.stage1_for(ruleset, [])
    assert built.scan("a lone surrogate \udc80 here") is None
    linter = Linter(no_config=True)
    text = "It grew with 5 percent \udc80 in 2023."
    on = _findings(linter, text, "text")
    monkeypatch.setenv("TQLINT_STAGE1", "off")
    assert on == _findings(linter, text, "text")


def test_a_scan_re2_gives_up_on_takes_the_exact_path(monkeypatch):
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    ruleset = Linter(no_config=True).setup_for(None)[0]
    built = stage1.stage1_for(ruleset, [])

    class GaveUp:  # what RE2's set answers when its DFA runs out of memory: nothing at all
        def Match(self, text):
            return None

    monkeypatch.setattr(built, "_sets", [GaveUp()] + built._sets[1:])
    assert built.scan("It grew with 5 percent.") is None


def test_a_batch_scan_answers_as_each_document_alone(monkeypatch):
    # scan_all goes set by set across the documents; each answer is still the one scan gives,
    # including a document RE2 cannot read and one a set gives up on amid ordinary ones.
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    ruleset = Linter(no_config=True).setup_for(None)[0]
    built = stage1.stage1_for(ruleset, [])
    views = ["The figures grew with 5 percent last year, he said.", "a lone surrogate \udc80 here",
             "Nothing to see here.", "They met the the mayor on Friday .", "GIVE UP", ""]
    alone = [built.scan(view) for view in views]
    together = built.scan_all(views)
    assert [(c.rules, c.phrases) if c else None for c in together] == \
        [(c.rules, c.phrases) if c else None for c in alone]
    assert together[1] is None and together[0] is not None

    class GivesUpOnOne:  # a set whose DFA runs out of memory on one text only
        def __init__(self, compiled):
            self.compiled = compiled

        def Match(self, text):
            return None if text == b"GIVE UP" else self.compiled.Match(text)

    monkeypatch.setattr(built, "_sets", [built._sets[0]] + [GivesUpOnOne(s) for s in built._sets[1:]])
    together = built.scan_all(views)
    assert together[4] is None
    assert [c is None for c in together] == [c is None for c in map(built.scan, views)]
    assert together[0].rules == alone[0].rules


def test_without_google_re2_every_rule_runs(monkeypatch):
    monkeypatch.setattr(stage1, "_re2", lambda: None)
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    assert not stage1.enabled()
    result = Linter(no_config=True).lint_text("The economy grew with 5 percent.", None, syntax="text")
    assert any(f.rule == "en-news/change-with-amount" for f in result.findings)


def test_a_small_run_skips_stage1_unless_asked(monkeypatch):
    monkeypatch.delenv("TQLINT_STAGE1", raising=False)
    ruleset = Linter(no_config=True).setup_for(None)[0]

    class Doc:
        view = "short"

    assert stage1.stage1_for(ruleset, [Doc()]) is None
    Doc.view = "x" * stage1.MIN_BYTES
    assert stage1.stage1_for(ruleset, [Doc()]) is not None


def test_bilingual_kinds_have_no_stage1_entries():
    """entries_of answers None for a bilingual rule without importing its kind: that holds only
    while no NEEDS_SOURCE kind gives stage-1 entries."""
    import importlib  # here: the kind modules are the subject of this test alone

    from tqlint.kinds import KIND_MODULES

    for module in KIND_MODULES.values():
        kind = importlib.import_module(module)
        if getattr(kind, "NEEDS_SOURCE", False):
            assert not hasattr(kind, "stage1"), module


def test_a_rule_requires_holds_on_both_paths(tmp_path, monkeypatch):
    """`requires:` (one literal must occur for the rule to run) narrower than the pattern: the
    exact path honoured it, stage 1 replaced it by its own scan of the pattern, so a folder
    (stage 1) and one article (exact path) gave different findings."""
    from conftest import write_pack

    from tqlint.config import Config

    pack = write_pack(tmp_path / "p", """
        rules:
          - id: gap
            kind: pattern
            category: Fluency/Punctuation
            severity: warning
            message: "m"
            pattern: 'x\\s*y'
            requires: ['x y']
            no-fix: "test"
            safe: false
            examples:
              flag: ["a x y b"]
              pass: ["a b"]
        """)
    linter = Linter(config=Config(packs=(str(pack),)))
    texts = ["one x y and x\n\ny.", "two x\n\ny only."]
    results = {}
    for switch in ("on", "off"):
        monkeypatch.setenv("TQLINT_STAGE1", switch)
        results[switch] = [[(f.rule, f.start) for f in r.findings] for r in linter.lint_texts(texts)]
    assert results["on"] == results["off"]
    assert results["off"][1] == []  # (the literal is not in the second text)


_CONTEXT_PACK = """
    rules:
      - id: ctx
        kind: phrase
        stage1-context: true
        category: Fluency/Grammar
        severity: warning
        message: "m"
        phrases: {PHRASES}
        before: '(?:^|\\s)'
        after: '\\s+(?:\\d+|several)\\s+years?\\s+old\\b'
        safe: false
        examples:
          flag: ["He has 9 years old."]
          pass: ["He has 9 years."]
    """


def _context_run(tmp_path, monkeypatch, phrases, texts):
    from conftest import write_pack

    from tqlint.config import Config

    pack = write_pack(tmp_path / "p", _CONTEXT_PACK.replace("{PHRASES}", phrases))
    linter = Linter(config=Config(packs=(str(pack),)))
    results = {}
    for switch in ("on", "off"):
        monkeypatch.setenv("TQLINT_STAGE1", switch)
        results[switch] = [[(f.rule, f.start, f.end) for f in r.findings] for r in linter.lint_texts(texts)]
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    built = stage1.stage1_for(linter.setup_for(None)[0], [])
    return results, built


def test_a_phrase_is_a_candidate_only_with_its_context(tmp_path, monkeypatch):
    """A phrase rule's `before`/`after` are written around each phrase of its stage-1 entry: a
    document holding the phrase without its context does not admit the rule."""
    texts = ["She has 40 years old.", "She has a dog. It is 3 years old.", "had 7 year old wine",
             "He had several\nyears old, and has 2 years old."]
    results, built = _context_run(tmp_path, monkeypatch, "{has: is, had: was}", texts)
    assert results["on"] == results["off"]
    assert [len(r) for r in results["off"]] == [1, 0, 1, 2]
    assert built.scan(texts[1]).phrases == frozenset()
    assert built.scan(texts[0]).phrases == {("has", True)}


def test_phrases_that_can_overlap_keep_their_bare_entries(tmp_path, monkeypatch):
    """With phrases sharing a word, dropping one whose context is missing could let another match
    inside the span the full table's longer match hides: there the context is left out."""
    texts = ["a big deal 5 years old", "the deal 5 years old", "big deal"]
    results, _ = _context_run(tmp_path, monkeypatch, "{big deal: x, deal: y}", texts)
    assert results["on"] == results["off"]
    options = {"phrases": {"big deal": "x", "deal": "y"}, "after": "z", "stage1-context": True}
    assert [source for _, source, _ in entries(options)] == [_alternative("big deal"), _alternative("deal")]
    options = {"phrases": {"has": "is", "had": "was"}, "after": "(?x) z", "before": "y", "stage1-context": True}
    assert [source for _, source, _ in entries(options)] == ["(?:y)" + _alternative(p) for p in ("had", "has")]
    del options["stage1-context"]  # off unless asked: each context adds DFA states to the scan
    assert [source for _, source, _ in entries(options)] == [_alternative(p) for p in ("had", "has")]


def test_passive_agent_to_is_a_candidate_only_after_its_verbs(monkeypatch):
    """Its verb lists sat in look-behinds inside a look-ahead, which relax leaves out: stage 1
    admitted every "to" before a capital. An opening look-behind with every branch's verbs
    (a condition each branch already holds) lets stage 1 look for "verb to"."""
    monkeypatch.setenv("TQLINT_STAGE1", "on")
    built = stage1.stage1_for(Linter(no_config=True).setup_for(None)[0], [])
    rule = "from-romance/passive-agent-to"
    assert rule in built.covered
    assert rule in built.scan("The bakery was fined to the food agency in March.").rules
    assert rule in built.scan("The club, officially removed to the league from the list").rules
    assert rule not in built.scan("The minister flew to Paris and spoke to Reuters on Monday.").rules
