"""Properties over arbitrary Unicode and generated Markdown, with every built-in rule: linting
never raises, spans lie inside the text, fixing is idempotent and touches nothing outside its
edits (least of all code, URLs and markup), and an untouched file is written back byte for byte."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqlint.api import Linter
from tqlint.fixer import apply_fixes
from tqlint.text.files import decode, encode, read_file, write_atomically

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])
KINDS = {"markdown": "a.md", "html": "a.html", "text": "a.txt"}


@pytest.fixture(scope="module")
def linter():
    """All built-in packs, whatever .tqlint.yaml is around; no cache."""
    return Linter(no_config=True)


# --- text to lint ------------------------------------------------------------------------------

# Fragments that make rules fire (and near misses), mixed into generated prose.
TRIGGERS = [
    "grew with 10 percent", " , ", " ,", ",,", " .", ". .", "SUA", "UE", "„quoted”", "«cité»", "2,5 percent",
    "The company said she", "the the", "actual president", "1.000.000", "\u00a0", "\u200b", "Ã©", "\u3000",
    "，", "。", "“", "”", "'", "’", "(", " )", "[ ", "…", "—", "-", "%", "\t", "\r\n", "\n", "\n\n", "10:30",
    "eventually", "in the frame of", "Mr.", "U.S.", "e.g.", "www.example.com", "a@b.eu", "&amp;", "&#x27;",
]
WORDS = ["Prices", "rose", "the", "minister", "said", "on", "Tuesday", "Renault", "it", "her", "markets",
         "bank", "percent", "in", "Bucharest", "a", "talks", "ended", "was", "and", "of"]

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(TRIGGERS), st.text(max_size=3)),
                 max_size=40).map(lambda parts: " ".join(parts))

inline = st.one_of(
    prose,
    prose.map(lambda t: f"*{t}*"),
    prose.map(lambda t: f"**{t}**"),
    st.sampled_from(["`grew with , x`", "``a ` b``", "`SUA`"]),
    prose.map(lambda t: f"[{t}](https://example.org/a,b?x=1 , y)"),
    st.sampled_from(["![img , alt](pic.png)", "<https://x.eu/a , b>", "<span class='a , b'>", "\\*", "&nbsp;"]),
)
paragraph = st.lists(inline, min_size=1, max_size=6).map(" ".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "# " + p.replace("\n", " ")),
    paragraph.map(lambda p: "> " + p),
    st.lists(paragraph, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i.replace("\n", " ") for i in items)),
    paragraph.map(lambda p: "```\n" + p + "\n```"),
    paragraph.map(lambda p: "    " + p.replace("\n", " ")),
    st.just("| a , b | c |\n|---|---|\n| grew with 5 | SUA |"),
    st.just("<div>\nSUA , inside html\n</div>"),
)
markdown = st.tuples(st.booleans(), st.lists(block, max_size=6)).map(
    lambda t: ("---\ntitle: a , b\n---\n" if t[0] else "") + "\n\n".join(t[1]))
anything = st.one_of(st.text(max_size=300), prose, markdown)


def check_findings(result, text):
    assert not result.error and not result.internal_error, result
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start:finding.end]
        for fix in finding.fixes:
            for edit in fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)


@SETTINGS
@given(text=anything, kind=st.sampled_from(sorted(KINDS)))
def test_linting_never_raises_and_spans_are_inside(linter, text, kind):
    result = linter.lint_text(text, KINDS[kind])
    check_findings(result, text)


@SETTINGS
@given(text=st.one_of(markdown, prose), kind=st.sampled_from(["markdown", "text"]))
def test_each_fix_changes_only_its_edits(linter, text, kind):
    result = linter.lint_text(text, KINDS[kind])
    for finding in result.findings:
        for fix in finding.fixes:
            fixed, applied, _ = apply_fixes(text, [fix])
            if not applied:
                continue
            # Everything outside the edits is as it was, in order.
            cursor, rebuilt = 0, []
            for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
                rebuilt += [text[cursor:edit.start], edit.replacement]
                cursor = edit.end
            assert fixed == "".join(rebuilt) + text[cursor:]


def hidden_spans(text: str) -> list[tuple[int, int]]:
    """What a fix may never touch: every stretch of the file outside the prose view (markup,
    fenced and indented code, HTML, front matter) and every hidden span inside it (inline code,
    URLs, images)."""
    from tqlint.text.document import PLACEHOLDER
    from tqlint.text.readers import read_document

    doc = read_document(text, "markdown")
    spans, cursor = [], 0
    for start, end, kind in sorted(zip(doc._orig_starts, doc._orig_ends, doc._kinds)):
        if start > cursor:
            spans.append((cursor, start))
        if kind == PLACEHOLDER:
            spans.append((start, end))
        cursor = max(cursor, end)
    spans.append((cursor, len(text)))
    return [(a, b) for a, b in spans if a < b]


@SETTINGS
@given(text=markdown)
def test_fixes_never_touch_code_urls_or_markup(linter, text):
    hidden = hidden_spans(text)
    for finding in linter.lint_text(text, "a.md").findings:
        for fix in finding.fixes:
            for edit in fix.edits:
                for start, end in hidden:
                    if edit.start == edit.end:
                        assert not start < edit.start < end, (finding.rule, edit, text[start:end])
                    else:
                        assert not (edit.start < end and start < edit.end), (finding.rule, edit, text[start:end])


@SETTINGS
@given(text=markdown, unsafe=st.booleans())
def test_fixing_markdown_is_idempotent(linter, text, unsafe):
    once, _, _ = linter.fix_text(text, "a.md", unsafe)
    twice, applied, _ = linter.fix_text(once, "a.md", unsafe)
    assert twice == once and applied == 0


@SETTINGS
@given(text=st.text(max_size=200), unsafe=st.booleans())
def test_fixing_arbitrary_text_is_idempotent(linter, text, unsafe):
    once, _, result = linter.fix_text(text, "a.txt", unsafe)
    check_findings(result, once)
    twice, applied, _ = linter.fix_text(once, "a.txt", unsafe)
    assert twice == once and applied == 0


# --- bytes in, bytes out ---------------------------------------------------------------------------

BOMS = {"": "utf-8", "utf-8-sig": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",
        "utf-32-le": "utf-32-le", "utf-32-be": "utf-32-be"}
BOM_BYTES = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
             "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE, "": b""}


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
       style=st.sampled_from(sorted(BOMS)), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_decoding_then_encoding_gives_the_same_bytes(text, style, newline):
    text = text.replace("\n", newline)
    data = BOM_BYTES[style] + text.encode(BOMS[style])
    if style == "" and "\x00" in text[:8192]:
        return  # read as binary, never written
    source = decode(data)
    if not (style == "utf-16-le" and text.startswith("\x00")):  # FF FE 00 00 is the UTF-32 LE BOM too
        assert source.text == text
    assert encode(source, source.text) == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_either_round_trip_or_are_refused_in_one_line(tmp_path, data):
    from tqlint.text.files import FileError

    path = tmp_path / "a.md"
    path.write_bytes(data)
    try:
        source = read_file(str(path))
    except FileError as exc:
        assert "\n" not in str(exc)
        return
    write_atomically(str(path), encode(source, source.text))
    assert path.read_bytes() == data


@SETTINGS
@given(text=markdown)
def test_an_untouched_file_is_written_back_exactly(linter, tmp_path, text):
    """`fix` on a file it does not change leaves every byte (BOM, CRLF, no final newline) alone,
    and one it does change keeps everything else."""
    path = tmp_path / "a.md"
    data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    outcome = linter.fix_file(str(path))
    if not outcome.changed:
        assert path.read_bytes() == data
    else:
        written = path.read_bytes()
        assert written.startswith(codecs.BOM_UTF8)
        assert written.count(b"\r\n") == written.count(b"\n")  # no bare LF crept in
