"""Reporters: text for people, the JSON contract, SARIF 2.1.0 (schema-validated), GitHub annotations."""

from __future__ import annotations

import json

import pytest
from conftest import SCHEMAS
from hypothesis import given
from hypothesis import strategies as st

from tqlint.cli.core import _chunks
from tqlint.finding import Edit, FileResult, Finding, Fix, Severity
from tqlint.reporters import FORMATS, render, render_pieces
from tqlint.reporters.github import render_github
from tqlint.reporters.json import _ONE_LINE, JSON_VERSION, dumps_layout, finding_to_dict, finding_to_json, to_document
from tqlint.reporters.sarif import render_sarif
from tqlint.reporters.text import render_text
from tqlint.text.document import LineIndex

TEXT = "First line.\nRates rose , then fell.\nTalks with SUA.\n"


def _finding(rule, start, end, severity=Severity.ERROR, fixes=(), no_fix_reason=None, message="msg"):
    return Finding(rule, "Fluency/Punctuation", severity, message, start, end, TEXT[start:end], tuple(fixes), no_fix_reason)


COMMA = _finding("p/spaced-comma", 22, 24, fixes=[Fix("Delete ' '", (Edit(22, 23, ""),), True)],
                 message="No space goes before ','.")
SUA = _finding("p/sua", 47, 50, Severity.INFO, no_fix_reason="needs a human", message="Untranslated.")
CALQUE = _finding("p/calque", 12, 17, Severity.WARNING, message="Calque.", fixes=[
    Fix("Replace 'Rates' with 'Fees'", (Edit(12, 17, "Fees"),), False),
    Fix("Replace 'Rates' with 'Costs'", (Edit(12, 17, "Costs"),), False),
])
FILES = [
    FileResult("news/a.txt", (CALQUE, COMMA, SUA), text=TEXT),
    FileResult("news/clean.md", (), text="Clean.\n"),
    FileResult("news/broken.txt", error="not valid UTF-8: byte 0xff at offset 3 (line 1)"),
]


class TestText:
    def test_finding_line_excerpt_underline_and_fix(self):
        out = render_text([FileResult("news/a.txt", (COMMA,), text=TEXT)])
        assert out.splitlines()[:4] == [
            "news/a.txt:2:11: error [p/spaced-comma] No space goes before ','.",
            "    Rates rose , then fell.",
            "              ^^",
            "    → Delete ' '",
        ]

    def test_unsafe_alternatives_and_no_fix_reason(self):
        out = render_text([FileResult("news/a.txt", (CALQUE, SUA), text=TEXT)])
        assert "    → Replace 'Rates' with 'Fees' (unsafe: review before applying) (+1 more)" in out
        assert "    → no automatic fix: needs a human" in out
        assert "news/a.txt:3:12: info [p/sua] Untranslated." in out

    def test_summary(self):
        out = render_text(FILES)
        assert out.rstrip().splitlines()[-1] == (
            "3 findings in 3 files (1 error, 1 warning, 1 info); 1 fixable with `tqlint fix`; "
            "1 more with `tqlint fix --unsafe-fixes` (review those); 1 file could not be read"
        )
        assert "news/broken.txt: error: not valid UTF-8" in out

    def test_clean_summary_and_quiet(self):
        clean = [FileResult("a.md", (), text="x")]
        assert render_text(clean) == "0 findings in 1 file\n"
        assert render_text(clean, quiet=True) == "\n"
        quiet = render_text([FileResult("news/a.txt", (COMMA,), text=TEXT)], quiet=True)
        assert quiet.splitlines()[0] == "news/a.txt:2:11: error [p/spaced-comma] No space goes before ','."
        assert "^^" not in quiet and "→" not in quiet

    def test_rule_failures_are_shown(self):
        out = render_text([FileResult("a.md", (), failures=("p/slow: stopped after its time budget",), text="x")])
        assert "a.md: rule error: p/slow: stopped after its time budget" in out

    def test_no_color_by_default_and_color_on_request(self):
        assert "\x1b[" not in render_text(FILES)
        assert "\x1b[" in render_text(FILES, color=True)

    def test_wide_characters_are_underlined_by_terminal_width(self):
        text = "中文 , x\n"
        finding = Finding("p/r", "Fluency/Punctuation", Severity.ERROR, "m", 2, 4, " ,")
        lines = render_text([FileResult("a.txt", (finding,), text=text)]).splitlines()
        assert lines[1] == "    中文 , x"
        assert lines[2] == "        ^^"  # two wide characters take four columns

    def test_long_lines_are_cut_around_the_span(self):
        text = "word " * 60 + "end , here " + "word " * 60
        start = text.index(" ,")
        finding = Finding("p/r", "Fluency/Punctuation", Severity.ERROR, "m", start, start + 2, " ,")
        excerpt, marks = render_text([FileResult("a.txt", (finding,), text=text)]).splitlines()[1:3]
        assert excerpt.startswith("    …") and excerpt.endswith("…") and len(excerpt) < 130
        assert excerpt[marks.index("^"):marks.index("^") + 2] == " ,"

    def test_crlf_line_shown_without_carriage_return(self):
        text = "A , b\r\nc\r\n"
        finding = Finding("p/r", "Fluency/Punctuation", Severity.ERROR, "m", 1, 3, " ,")
        assert render_text([FileResult("a.txt", (finding,), text=text)]).splitlines()[1] == "    A , b"


class TestJson:
    def test_contract(self):
        doc = json.loads(render("json", FILES))
        assert doc["version"] == JSON_VERSION == 1
        assert doc["tool"]["name"] == "tqlint" and doc["tool"]["version"]
        assert [f["path"] for f in doc["files"]] == ["news/a.txt", "news/clean.md", "news/broken.txt"]
        assert doc["files"][1] == {"path": "news/clean.md", "findings": []}
        assert doc["files"][2] == {"path": "news/broken.txt", "error": "not valid UTF-8: byte 0xff at offset 3 (line 1)"}
        summary = {key: doc["summary"][key] for key in ("files", "findings", "errors")}
        assert summary == {"files": 3, "findings": 3, "errors": 1}
        assert sum(doc["summary"]["by_rule"].values()) == sum(doc["summary"]["by_category"].values()) == 3

    def test_finding_fields(self):
        doc = to_document(FILES)
        calque, comma, sua = doc["files"][0]["findings"]
        assert comma == {
            "rule": "p/spaced-comma", "category": "Fluency/Punctuation", "severity": "error",
            "message": "No space goes before ','.",
            "start": {"offset": 22, "line": 2, "column": 11}, "end": {"offset": 24, "line": 2, "column": 13},
            "text": " ,",
            "fixes": [{"title": "Delete ' '", "safe": True, "edits": [{"start": 22, "end": 23, "replacement": ""}]}],
        }
        assert [f["edits"][0]["replacement"] for f in calque["fixes"]] == ["Fees", "Costs"]
        assert calque["fixes"][0]["safe"] is False
        assert sua["fixes"] == [] and sua["no_fix_reason"] == "needs a human"
        assert "no_fix_reason" not in comma

    def test_text_equals_the_file_slice(self):
        doc = to_document(FILES)
        for finding in doc["files"][0]["findings"]:
            assert TEXT[finding["start"]["offset"]:finding["end"]["offset"]] == finding["text"]

    def test_rule_errors(self):
        doc = to_document([FileResult("a.md", (), failures=("p/slow: too slow",), text="x")])
        assert doc["files"][0] == {"path": "a.md", "findings": [], "rule_errors": ["p/slow: too slow"]}

    def test_non_ascii_is_kept_readable(self):
        out = render("json", [FileResult("ş.md", (), text="")])
        assert '"ş.md"' in out

    @pytest.mark.parametrize("format_name", FORMATS)
    def test_pieces_make_the_rendered_text(self, format_name):
        assert "".join(render_pieces(format_name, FILES)) == render(format_name, FILES)
        pieces = list(render_pieces(format_name, FILES))
        gathered = list(_chunks(pieces, size=40))
        assert "".join(gathered) == "".join(pieces) and len(gathered) <= len(pieces)
        assert all(len(chunk) >= 40 for chunk in gathered[:-1])

    def test_rendered_text_is_the_document_one_finding_per_line(self):
        out = render("json", FILES)
        assert json.loads(out) == to_document(FILES)
        finding_lines = [line for line in out.splitlines() if line.lstrip().startswith('{"rule": ')]
        assert len(finding_lines) == 3 and all(line.startswith("        {") for line in finding_lines)
        assert out.startswith('{\n  "version": 1,\n') and out.endswith("}\n")

    @given(st.text(), st.text(), st.text(), st.text(), st.integers(0, 60), st.integers(0, 60), st.booleans(),
           st.lists(st.tuples(st.text(), st.booleans(), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.text()),
                                                                   max_size=3)), max_size=3),
           st.none() | st.text(), st.none() | st.tuples(st.integers(0, 999), st.integers(0, 999)),
           st.sampled_from(["en-news/x", "mine/y", "languagetool/COMMA_PARENTHESIS", "noslash", ""]), st.sampled_from(list(Severity)))
    def test_finding_written_directly_is_the_encoders_text(self, message, category, text, title, start, end, big,
                                                            fixes, reason, source, rule, severity):
        """finding_to_json, which the JSON report writes, is the one-line encoder's text of finding_to_dict."""
        lines = LineIndex("a\nb\r\nc\rd\n" * 8)
        shift = 10**20 if big else 0  # (offsets past a line index's end and very large ones too)
        finding = Finding(rule, category, severity, message, start, end + shift, text,
                          tuple(Fix(t, tuple(Edit(a, b, r) for a, b, r in edits), safe) for t, safe, edits in fixes),
                          reason, source)
        assert finding_to_json(finding, lines) == _ONE_LINE.encode(finding_to_dict(finding, lines))

    @given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                        max_leaves=12))
    def test_layout_is_json_of_the_same_value(self, value):
        assert json.loads(dumps_layout(value)) == value
        assert json.loads(dumps_layout(iter([value, value]))) == [value, value]


def _sarif_schema():
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"the official SARIF schema is not at {path} (it ships in the shared/ folder beside the project)")
    return json.loads(path.read_text(encoding="utf-8"))


class TestSarif:
    def test_validates_against_the_official_schema(self, test_ruleset):
        import jsonschema

        schema = _sarif_schema()
        rules = [a.rule for a in test_ruleset.rules]
        log = json.loads(render_sarif(FILES, rules))
        jsonschema.validate(log, schema)
        # and a run with nothing at all
        jsonschema.validate(json.loads(render_sarif([], [])), schema)

    def test_content(self, test_ruleset):
        log = json.loads(render_sarif(FILES, [a.rule for a in test_ruleset.rules]))
        assert log["version"] == "2.1.0"
        (run,) = log["runs"]
        assert run["tool"]["driver"]["name"] == "tqlint"
        rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        assert rule_ids == sorted(rule_ids)
        results = run["results"]
        assert [r["ruleId"] for r in results] == ["p/calque", "p/spaced-comma", "p/sua"]
        for result in results:
            assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert [r["level"] for r in results] == ["warning", "error", "note"]
        region = results[1]["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 11, 13)
        assert region["charOffset"] == 22 and region["charLength"] == 2
        replacement = results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]
        assert replacement["deletedRegion"]["charOffset"] == 22 and replacement["insertedContent"]["text"] == ""
        assert "fixes" not in results[2]
        notification = run["invocations"][0]["toolExecutionNotifications"][0]
        assert notification["level"] == "error" and "UTF-8" in notification["message"]["text"]
        assert run["invocations"][0]["executionSuccessful"] is False

    def test_rule_metadata(self, test_ruleset):
        log = json.loads(render_sarif([], [a.rule for a in test_ruleset.rules]))
        by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
        comma = by_id["testpack/spaced-comma"]
        assert comma["defaultConfiguration"]["level"] == "error"
        assert comma["properties"] == {"category": "Fluency/Punctuation", "fixable": True}
        assert by_id["testpack/sua"]["properties"]["fixable"] is False

    def test_paths_become_uris(self):
        log = json.loads(render_sarif([FileResult("news/my file.md", (COMMA,), text=TEXT)]))
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "news/my%20file.md"


class TestGithub:
    def test_annotations(self):
        lines = render_github(FILES).splitlines()
        assert lines == [
            "::warning file=news/a.txt,line=2,col=1,endLine=2,endColumn=6,title=tqlint p/calque::Calque. → Replace 'Rates' with 'Fees'",
            "::error file=news/a.txt,line=2,col=11,endLine=2,endColumn=13,title=tqlint p/spaced-comma::No space goes before ','. → Delete ' '",
            "::notice file=news/a.txt,line=3,col=12,endLine=3,endColumn=15,title=tqlint p/sua::Untranslated.",
            "::error file=news/broken.txt::not valid UTF-8: byte 0xff at offset 3 (line 1)",
        ]

    def test_escaping(self):
        finding = Finding("p/r", "Fluency/Punctuation", Severity.ERROR, "50% done\nnext", 0, 1, "a")
        out = render_github([FileResult("a,b:c.md", (finding,), text="abc")])
        assert "file=a%2Cb%3Ac.md" in out and "::50%25 done%0Anext" in out

    def test_nothing_to_say(self):
        assert render_github([FileResult("a.md", (), text="x")]) == ""
