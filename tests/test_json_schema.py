"""The JSON output's schema (tqlint/reporters/json-output.schema.json) is the contract other
integrations build on: real output validates against it, it describes every field we emit, and
it rejects documents that break the contract."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT

from tqlint.finding import Edit, FileResult, Finding, Fix, Severity
from tqlint.reporters.json import SCHEMA_PATH, json_schema, to_document


def _strict(schema):
    """The schema with additionalProperties: false on every object, so a field we emit but do
    not document fails (the shipped schema lets consumers meet fields added later)."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node and node.get("type") == "object":
                node.setdefault("additionalProperties", False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


@pytest.fixture(scope="module")
def validators():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return (jsonschema.Draft202012Validator(schema, format_checker=checker),
            jsonschema.Draft202012Validator(_strict(schema), format_checker=checker))


def _valid(validators, document):
    for validator in validators:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_ships_inside_the_package():
    assert SCHEMA_PATH.parent.name == "reporters" and SCHEMA_PATH.is_file()


def test_real_output_of_the_examples_validates(validators, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"Rates rose \xff then fell.\n")
    out = subprocess.run(
        [sys.executable, "-m", "tqlint", "check", "--no-cache", "--format", "json", "examples/", str(broken)],
        cwd=ROOT, capture_output=True, text=True, check=False)
    document = json.loads(out.stdout)
    assert document["summary"]["findings"] > 10 and document["summary"]["errors"] == 1
    findings = [f for file in document["files"] for f in file.get("findings", ())]
    assert any(f["fixes"] and not f["fixes"][0]["safe"] for f in findings)
    assert all(f["help_uri"].endswith("#" + f["rule"].replace("/", "").lower()) for f in findings)
    _valid(validators, document)


def test_every_field_the_reporter_can_emit_validates(validators, linter):
    text = "Rates rose , then fell.\nTalks with SUA.\n"
    result = linter.lint_text(text, "news/a.txt")
    result = FileResult(result.path, result.findings, text=text, failures=("testpack/x: over its time budget",))
    document = to_document([result, FileResult("gone.md", error="vanished"), FileResult("clean.md", text="Clean.")])
    found = document["files"][0]
    assert found["rule_errors"] and any("no_fix_reason" in f for f in found["findings"])
    assert not any("help_uri" in f for f in found["findings"])  # a user's own pack: no link
    _valid(validators, document)


def test_the_documented_example_validates(validators):
    page = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", page, re.DOTALL).group(1)
    _valid(validators, json.loads(example))


@pytest.mark.parametrize("breakage", [
    lambda d: d.update(version=2),
    lambda d: d["files"][0]["findings"][0].update(severity="fatal"),
    lambda d: d["files"][0]["findings"][0].pop("fixes"),
    lambda d: d["files"][0]["findings"][0]["start"].update(line=0),
    lambda d: d["files"][0]["findings"][0]["fixes"][0].update(edits=[]),
    lambda d: d["files"][0].update(error="and findings too"),
    lambda d: d["summary"].pop("errors"),
], ids=["version", "severity", "fixes", "line", "edits", "error-and-findings", "summary"])
def test_broken_documents_are_rejected(validators, breakage):
    text = "Rates rose , then fell.\n"
    finding = Finding("en-news/x", "Fluency/Punctuation", Severity.ERROR, "No space.", 10, 12, " ,",
                      (Fix("Delete ' '", (Edit(10, 11, ""),), True),))
    document = to_document([FileResult("a.txt", (finding,), text=text)])
    _valid(validators, document)
    breakage(document)
    assert not validators[0].is_valid(document)
