"""One documentation URL per rule (helpUri), the same in SARIF, JSON and the editor."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from tqlint import RULES_DOC_URL
from tqlint.finding import FileResult, Finding, Severity
from tqlint.reporters.links import help_uri, rule_anchor
from tqlint.reporters.sarif import render_sarif


def test_builtin_rules_link_to_their_heading_in_the_rules_reference():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### (\S+/\S+)$", page, re.MULTILINE)
    assert len(headings) > 100
    for rule_id in headings:
        assert help_uri(rule_id) == f"{RULES_DOC_URL}#{rule_anchor(rule_id)}"
        assert f"](#{rule_anchor(rule_id)})" in page  # the page's own table links the same anchor


def test_languagetool_and_user_rules():
    assert help_uri("languagetool/EN_A_VS_AN") == "https://community.languagetool.org/rule/show/EN_A_VS_AN?lang=en"
    assert help_uri("languagetool/A B") .endswith("/A%20B?lang=en")
    assert help_uri("house/too-long") is None


def test_sarif_rules_carry_help_uri():
    finding = Finding("en-news/space-before-punctuation", "Fluency/Punctuation", Severity.ERROR, "No space.", 4, 6, " ,")
    log = json.loads(render_sarif([FileResult("a.txt", (finding,), text="Rose , then.")]))
    (descriptor,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["helpUri"] == help_uri("en-news/space-before-punctuation")

