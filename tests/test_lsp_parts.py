"""The language server's parts that need no client: diagnostics, code actions, hover, the
document store and the lint process's jobs (tqlint/lsp/)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("lsprotocol", reason="the language server's tests need `pip install -e '.[test]'`")

from lsprotocol import types  # noqa: E402

from tqlint.finding import Edit, Finding, Fix, Severity  # noqa: E402
from tqlint.lsp import actions  # noqa: E402
from tqlint.lsp.diagnostics import finding_message, to_diagnostic  # noqa: E402
from tqlint.lsp.documents import OpenDocument, document_path, document_syntax, shift_findings  # noqa: E402
from tqlint.lsp.hover import hover_text  # noqa: E402
from tqlint.lsp.positions import UTF8, UTF16, LineMap  # noqa: E402
from tqlint.lsp.worker import Jobs, LintOutcome, RuleInfo  # noqa: E402

TEXT = "Fans 🎉 said , loudly.\r\nPrices grew with 10 percent.\n"
C, G = TEXT.index(" ,"), TEXT.index("grew with")
COMMA = Finding("p/spaced-comma", "Fluency/Punctuation", Severity.ERROR, "No space goes before '{fix}'.",
                C, C + 2, " ,", (Fix("Delete ' '", (Edit(C, C + 1, ""),), True),))
GREW = Finding("p/grew-with", "Style/Unidiomatic", Severity.WARNING, "'{match}' is a calque.", G, G + 9, "grew with",
               (Fix("Replace with 'grew by'", (Edit(G, G + 9, "grew by"),), False),
                Fix("Replace with 'rose by'", (Edit(G, G + 9, "rose by"),), False)))
SUA = Finding("p/sua", "Accuracy/Untranslated", Severity.INFO, "Untranslated.", 0, 4, "Fans", (), "needs a human")


def _apply(text: str, edit: types.WorkspaceEdit, uri: str, encoding: str = UTF16) -> str:
    edits = edit.changes[uri] if edit.changes else [e for c in edit.document_changes for e in c.edits]
    lines = LineMap(text)
    spans = sorted(((lines.offset(e.range.start.line, e.range.start.character, encoding),
                     lines.offset(e.range.end.line, e.range.end.character, encoding), e.new_text) for e in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


class TestDiagnostics:
    def test_fields_an_editor_reads(self):
        assert C == 11
        diagnostic = to_diagnostic(COMMA, LineMap(TEXT), UTF16, "https://docs/x#p")
        assert (diagnostic.source, diagnostic.code, diagnostic.severity) == ("tqlint", "p/spaced-comma", types.DiagnosticSeverity.Error)
        assert diagnostic.code_description.href == "https://docs/x#p"
        assert (diagnostic.range.start.character, diagnostic.range.end.character) == (12, 14)  # 🎉 is two units
        assert diagnostic.message == "No space goes before ''."  # the first fix deletes: '{fix}' is empty
        assert diagnostic.data["fixes"] == [{"title": "Delete ' '", "safe": True, "edits": [
            {"range": {"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 13}}, "newText": ""}]}]

    def test_severities_and_no_fix_reason(self):
        lines = LineMap(TEXT)
        assert to_diagnostic(GREW, lines, UTF16).severity == types.DiagnosticSeverity.Warning
        info = to_diagnostic(SUA, lines, UTF16)
        assert info.severity == types.DiagnosticSeverity.Information and info.code_description is None
        assert info.data == {"fixes": [], "noFixReason": "needs a human"}

    def test_placeholders_never_reach_the_user(self):
        assert finding_message(GREW) == "'grew with' is a calque."
        assert finding_message(SUA) == "Untranslated."


class TestActions:
    def test_quick_fixes_apply_and_unsafe_ones_say_so(self):
        target = actions.Target("file:///a.md", 3, TEXT, UTF16, versioned=True)
        fixes = actions.quick_fixes(target, GREW, to_diagnostic(GREW, target.lines, UTF16))
        assert [a.title for a in fixes] == ["Replace with 'grew by' (unsafe: review before applying)",
                                           "Replace with 'rose by' (unsafe: review before applying)"]
        assert not any(a.is_preferred for a in fixes)
        assert fixes[0].edit.document_changes[0].text_document.version == 3
        assert _apply(TEXT, fixes[1].edit, "file:///a.md") == TEXT.replace("grew with", "rose by")
        safe = actions.quick_fixes(target, COMMA, to_diagnostic(COMMA, target.lines, UTF16))
        assert safe[0].is_preferred and _apply(TEXT, safe[0].edit, "file:///a.md") == TEXT.replace(" ,", ",")

    @pytest.mark.parametrize("syntax, text, expected", [
        ("markdown", "Fans said , loudly.  \nNext.", "Fans said , loudly. <!-- tqlint-disable-line p/x -->  \nNext."),
        ("html", "<p>Fans said , loudly.</p>\r\n", "<p>Fans said , loudly.</p> <!-- tqlint-disable-line p/x -->\r\n"),
        ("text", "Fans said , loudly.", "Fans said , loudly. tqlint-disable-line p/x"),
    ])
    def test_disable_on_line_writes_the_directive_the_file_type_uses(self, syntax, text, expected):
        finding = Finding("p/x", "c", Severity.ERROR, "m", text.index(" ,"), text.index(" ,") + 2, " ,")
        target = actions.Target("file:///a", 1, text, UTF16, versioned=False)
        action = actions.disable_on_line(target, finding, syntax, to_diagnostic(finding, target.lines, UTF16))
        assert _apply(text, action.edit, "file:///a") == expected

    def test_kinds_are_hierarchical(self):
        assert actions.wanted("source.fixAll.tqlint", None)
        assert actions.wanted("source.fixAll.tqlint", ["source"]) and actions.wanted("source.fixAll.tqlint", ["source.fixAll"])
        assert not actions.wanted("source.fixAll.tqlint", ["quickfix"])
        assert not actions.wanted("quickfix", ["source.fixAll"])

    def test_fix_all_edits_only_what_changed(self):
        old = "Line one , a.\nSame line.\nPrices grew with 5.\n"
        new = "Line one, a.\nSame line.\nPrices grew by 5.\n"
        assert [(old[s:e], r) for s, e, r in actions.diff_edits(old, new)] == [(" ", ""), ("with", "by")]
        target = actions.Target("file:///a", 1, old, UTF16, versioned=False)
        assert _apply(old, actions.fix_all(target, new).edit, "file:///a") == new
        assert actions.fix_all(target, old) is None

    @given(st.text(alphabet="ab \r\n😀é", max_size=30), st.text(alphabet="ab \r\n😀é", max_size=30))
    def test_diff_edits_turn_old_into_new(self, old, new):
        edits = actions.diff_edits(old, new)
        lines = LineMap(old)
        result = old
        for start, end, replacement in reversed(edits):
            for offset in (start, end):  # every edit is an LSP position: never between '\r' and '\n'
                assert lines.offset(*lines.position(offset, UTF8), UTF8) == offset
            result = result[:start] + replacement + result[end:]
        assert result == new
        assert all(a[1] <= b[0] for a, b in zip(edits, edits[1:]))


class TestHover:
    def test_markdown_has_the_message_fixes_link_and_explanation(self):
        rules = {"p/grew-with": RuleInfo("p/grew-with  (Style/Unidiomatic, warning)\n\nFlags:\n  ✗ grew with\n", "https://d#p")}
        text = hover_text([GREW], rules)
        assert text.startswith("**p/grew-with** (warning): 'grew with' is a calque.\n")
        assert "- → Replace with 'grew by' (unsafe: review before applying)" in text
        assert "[Documentation](https://d#p)" in text and "```text\np/grew-with  (Style" in text

    def test_plain_text_and_a_rule_without_an_explanation(self):
        text = hover_text([SUA, COMMA], {}, markdown=False)
        assert "p/sua (info): Untranslated.\n→ no automatic fix: needs a human" in text
        assert "p/spaced-comma (error): No space goes before ''." in text and "```" not in text


class TestDocuments:
    def test_syntax_from_name_then_language(self):
        assert document_syntax("/a/b.md", "plaintext") == "markdown"
        assert document_syntax("/a/b.HTM", None) == "html"
        assert document_syntax(None, "markdown") == "markdown" and document_syntax("/a/notes", "plaintext") == "text"
        assert document_syntax("/a/b.py", "python") is None and document_syntax("/a/.tqlint.yaml", "yaml") is None

    def test_paths_from_uris(self):
        assert document_path("file:///tmp/a%20b/c.md") == "/tmp/a b/c.md"
        assert document_path("untitled:Untitled-1") is None

    def test_findings_move_with_edits_and_go_when_touched(self):
        spans = [(2, 4, SUA), (10, 12, COMMA), (20, 20, GREW)]
        assert shift_findings(spans, 5, 7, 0) == [(2, 4, SUA), (8, 10, COMMA), (18, 18, GREW)]
        assert shift_findings(spans, 11, 11, 3) == [(2, 4, SUA), (23, 23, GREW)]  # typed inside ' ,'
        assert shift_findings(spans, 0, 0, 1)[0] == (3, 5, SUA)

    def test_incremental_changes_in_utf16(self):
        doc = OpenDocument("file:///a.md", "/a.md", "markdown", TEXT, 1)
        doc.set_outcome(TEXT, LintOutcome())
        doc.spans = [(C, C + 2, COMMA)]
        start = types.Position(line=0, character=7)  # after 'Fans 🎉'
        change = types.TextDocumentContentChangePartial(range=types.Range(start=start, end=start), text=" fans")
        doc.apply_changes([change], 2, UTF16)
        assert doc.text == TEXT.replace("🎉", "🎉 fans") and doc.version == 2 and not doc.fresh
        assert doc.findings_at(doc.text.index(" ,")) == [(C + 5, C + 7, COMMA)]


class TestJobs:
    def test_lint_ignored_error_and_rule_infos(self, tmp_path, test_pack):
        (tmp_path / ".tqlint.yaml").write_text(f'packs: ["{test_pack}"]\nignore-paths: ["drafts/**"]\n', encoding="utf-8")
        jobs = Jobs()
        outcome = jobs.lint("Rates rose , then fell.\n", str(tmp_path / "a.md"), None)
        (finding,) = outcome.result.findings
        info = outcome.rules["testpack/spaced-comma"]
        assert info.explanation.startswith("testpack/spaced-comma  (Fluency/Punctuation, error)")
        assert info.href.startswith("file://") and info.href.endswith("rules.yaml")  # a user's pack: its definition
        assert jobs.lint("Rates rose , then.\n", str(tmp_path / "drafts" / "a.md"), None) == LintOutcome(ignored=True)
        assert jobs.fix_all("Rates rose , then fell.\n", str(tmp_path / "a.md"), None) == "Rates rose, then fell.\n"

    def test_config_changes_reload_only_when_they_matter(self, tmp_path, test_pack):
        config = tmp_path / ".tqlint.yaml"
        config.write_text(f'packs: ["{test_pack}"]\n', encoding="utf-8")
        jobs = Jobs()
        article = str(tmp_path / "a.md")
        assert jobs.lint("Rates rose , then fell.\n", article, None).result.findings
        assert not jobs.config_changed([str(tmp_path / "notes.yaml")])
        assert jobs.config_changed([os.path.join(test_pack, "rules.yaml")])  # a rule of a pack in use
        config.write_text(f'packs: ["{test_pack}"]\nrules:\n  testpack/spaced-comma: off\n', encoding="utf-8")
        assert jobs.config_changed([str(config)])
        assert not jobs.lint("Rates rose , then fell.\n", article, None).result.findings
        config.write_text("packz: []\n", encoding="utf-8")
        assert jobs.config_changed([str(config)])
        outcome = jobs.lint("Rates rose , then fell.\n", article, None)
        assert outcome.result is None and "packz" in outcome.error


def test_hover_fence_outlasts_backticks_in_the_explanation():
    rules = {"p/sua": RuleInfo("Flags:\n  ✗ Run ```make``` now\n", None)}
    text = hover_text([SUA], rules)
    assert "\n````text\nFlags:" in text and text.endswith("\n````")


class TestLintProcess:
    def test_jobs_errors_restart_and_stop(self, tmp_path):
        from tqlint.lsp.process import LintJobError, LintProcess

        lint = LintProcess()
        try:
            path = str(tmp_path / "a.md")
            outcome = lint.call_now("lint", "Rates rose , then fell.\n", path, None)
            assert "en-news/space-before-punctuation" in {f.rule for f in outcome.result.findings}
            with pytest.raises(LintJobError, match="AttributeError"):
                lint.call_now("no_such_job")
            lint._process.kill()  # the process dies: the next job starts a new one and runs there
            lint._process.join(10)
            assert lint.call_now("fix_all", "Rates rose , then fell.\n", path, None) == "Rates rose, then fell.\n"
        finally:
            lint.stop()
        assert lint.stopped and not lint._process.is_alive()
        with pytest.raises(LintJobError, match="shutting down"):
            lint.call_now("lint", "x", None, "text")


def test_languagetool_runs_only_where_the_config_enables_it(tmp_path, test_pack):
    from lt_standin import StandIn

    with StandIn() as server:
        on, off = tmp_path / "on", tmp_path / "off"
        for folder, enabled in ((on, "true"), (off, "false")):
            folder.mkdir()
            (folder / ".tqlint.yaml").write_text(
                f'packs: ["{test_pack}"]\nlanguagetool:\n  enabled: {enabled}\n  server: {server.url}\n', encoding="utf-8")
        jobs = Jobs()
        quiet = jobs.lint("They recieve it.\n", str(off / "a.md"), None)
        assert not server.checks and not quiet.result.findings
        outcome = jobs.lint("They recieve it.\n", str(on / "a.md"), None)
        (finding,) = [f for f in outcome.result.findings if f.rule.startswith("languagetool/")]
        assert server.checks and finding.text == "recieve"
        info = outcome.rules[finding.rule]
        assert info.explanation is None and info.href.startswith("https://community.languagetool.org/rule/show/")


def test_without_the_extra_the_command_says_what_to_install(monkeypatch):
    from click.testing import CliRunner

    from tqlint.cli import cli
    from tqlint.cli import lsp as command

    real = command.importlib.util.find_spec
    monkeypatch.setattr(command.importlib.util, "find_spec", lambda name: None if name == "pygls" else real(name))
    result = CliRunner().invoke(cli, ["lsp"])
    assert result.exit_code == 2
    assert "`tqlint lsp` needs pygls: pip install 'tqlint[lsp]'" in result.output
