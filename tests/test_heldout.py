"""The project's own measurement sets, run as tests: passages written for tqlint (not corpus
text) that guard precision on native English and recall on each class of artifact."""

from pathlib import Path

import pytest

from tqlint.api import Linter
from tqlint.eval.cases import load_cases, score_cases

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def lint():
    linter = Linter(no_config=True)
    return lambda text: linter.lint_text(text, None, syntax="text").findings


def test_native_news_raises_no_finding(lint):
    report = score_cases(load_cases(str(DATA / "clean-news.yaml")), lint)
    alarms = [(o.case.id, f.rule, f.text) for o in report.outcomes for f in o.findings]
    assert report.totals()["clean"] >= 100
    assert alarms == []


def test_every_class_of_artifact_is_caught_and_fixed(lint):
    report = score_cases(load_cases(str(DATA / "mt-artifacts.yaml")), lint)
    totals = report.totals()
    missed = [(o.case.id, e.span) for o in report.outcomes for e, found in zip(o.case.errors, o.found) if not found]
    bad_fixes = [(o.case.id, e.after) for o in report.outcomes for e, ok in zip(o.case.errors, o.fixed_ok) if ok is False]
    assert totals["recall"] >= 0.95, missed
    assert totals["fix_accuracy"] >= 0.95, bad_fixes
    for category, figures in report.by_category().items():
        assert figures["found"] > 0, f"nothing caught in {category}"


def test_fixing_an_artifact_introduces_no_new_problem():
    """Every fix, safe and unsafe, applied to every artifact passage: the fixed text may still
    hold what no rule fixes, but no rule that was quiet before may fire on it (a fix that writes
    '20:,' or unbalances a quotation would)."""
    linter = Linter(no_config=True)
    introduced = []
    for case in load_cases(str(DATA / "mt-artifacts.yaml")):
        before = {f.rule for f in linter.lint_text(case.text, None, syntax="text").findings}
        fixed = linter.fix_text(case.text, None, True)[0]
        introduced += [(case.id, f.rule, f.text) for f in linter.lint_text(fixed, None, syntax="text").findings
                       if f.rule not in before]
    assert introduced == []


BLIND = DATA / "blind"
# Recall each blind set reached once its misses had been studied (tests/data/blind/README.md),
# less a margin: a floor against regressions, not a target.
BLIND_FLOORS = {
    "set1-artifacts.yaml": 0.93, "set2-artifacts.yaml": 0.85, "set3-articles.yaml": 0.74,
    "set4-artifacts.yaml": 0.80, "set5-artifacts.yaml": 0.75, "set5-articles.yaml": 0.80,
    "set6-artifacts.yaml": 0.82,
}


@pytest.mark.parametrize("name", sorted(p.name for p in BLIND.glob("*clean*.yaml")))
def test_blind_native_sets_raise_no_finding(lint, name):
    report = score_cases(load_cases(str(BLIND / name)), lint)
    assert [(o.case.id, f.rule, f.text) for o in report.outcomes for f in o.findings] == []


@pytest.mark.parametrize("name, floor", sorted(BLIND_FLOORS.items()))
def test_blind_artifact_sets_stay_above_their_floor(lint, name, floor):
    report = score_cases(load_cases(str(BLIND / name)), lint)
    assert report.totals()["recall"] >= floor
