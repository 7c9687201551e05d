"""Readers: what is prose in each file type, and spans that point into the original file."""

from __future__ import annotations

import pytest
from conftest import lint

from tqlint.text.document import PLACEHOLDER_CHAR
from tqlint.text.readers import read_document, syntax_for_path


def maps_back(doc, piece: str, nth: int = 0) -> str:
    """The original text under the `nth` occurrence of `piece` in the view."""
    at = -1
    for _ in range(nth + 1):
        at = doc.view.index(piece, at + 1)
    start, end = doc.to_source_span(at, at + len(piece))
    return doc.text[start:end]


def assert_copied_pieces_are_verbatim(doc):
    """Every view piece copied from the file is exactly the file's text at its mapped span."""
    for i, kind in enumerate(doc._kinds):
        if kind == 0:  # COPY
            start = doc._view_starts[i]
            end = doc._view_starts[i + 1] if i + 1 < len(doc._view_starts) else len(doc.view)
            assert doc.text[doc._orig_starts[i]:doc._orig_ends[i]] == doc.view[start:end]


@pytest.mark.parametrize("path,kind", [
    ("a.md", "markdown"), ("A.MARKDOWN", "markdown"), ("x/y.mdx", "markdown"),
    ("a.html", "html"), ("a.HTM", "html"), ("a.xhtml", "html"),
    ("a.txt", "text"), ("README", "text"), (None, "text"),
])
def test_syntax_for_path(path, kind):
    assert syntax_for_path(path) == kind


class TestText:
    def test_everything_is_prose_except_urls(self):
        doc = read_document("Rates rose , see https://example.com/a , now.\n", "text")
        assert doc.view == "Rates rose , see " + PLACEHOLDER_CHAR + " , now.\n"


MARKDOWN = """\
---
title: Front , matter
tags: [a , b]
---
# Heading , one

Paragraph , two with `code , inline` and [link , text](https://example.com/a,b "Title , t").

```python
fenced , code
```

    indented , code

<!-- comment , here -->
<div>
html , block
</div>

- item , three
  - nested , four

> quote , five

| cell , six | cell , seven |
|------------|--------------|
| cell , eight | `code , x` |

Image ![alt , text](pic.png) and <https://auto.example.com> and <b>tag</b> , nine.
"""


class TestMarkdown:
    @pytest.fixture
    def doc(self):
        return read_document(MARKDOWN, "markdown")

    @pytest.mark.parametrize("prose", [
        "Heading , one", "Paragraph , two", "link , text", "item , three", "nested , four",
        "quote , five", "cell , six", "cell , seven", "cell , eight", "tag", " , nine.",
        "html , block",  # raw HTML blocks are read as HTML: their text is prose
        "Front , matter", "alt , text",  # headlines and image descriptions are what readers see
    ])
    def test_prose(self, doc, prose):
        assert prose in doc.view
        assert maps_back(doc, prose) == prose

    @pytest.mark.parametrize("hidden", [
        "title:", "tags", "code , inline", "fenced , code", "indented , code",
        "comment , here", "<div>", "example.com", "Title , t", "pic.png",
        "<b>", "python",
    ])
    def test_not_prose(self, doc, hidden):
        assert hidden not in doc.view

    def test_html_blocks_are_read_as_html(self):
        text = (
            "Intro , one.\n\n"
            "<figure>\n  <img src=\"a.jpg\" alt=\"alt , text\">\n"
            "  <figcaption>Caption , two &amp; more.</figcaption>\n</figure>\n\n"
            "<blockquote class=\"twitter-tweet\"><p lang=\"es\">Texto , original <b>aquí</b> , sí.</p>"
            "<p>English , three.</p></blockquote>\n"
            "<script>var a = 1 , b;</script>\n\n"
            "Outro , four.\n"
        )
        doc = read_document(text, "markdown")
        for prose in ("Intro , one", "Caption , two & more.", "English , three", "Outro , four"):
            assert prose in doc.view
        assert maps_back(doc, "Caption , two") == "Caption , two"
        assert maps_back(doc, "alt , text") == "alt , text"  # an image description is prose
        for hidden in ("a.jpg", "Texto", "original", "sí", "var a", "<figure>", "figcaption"):
            assert hidden not in doc.view
        # the caption is its own block: no sentence runs into the paragraphs around it
        assert "one.\n\n" in doc.view and "more.\n\n" in doc.view

    def test_inline_code_image_and_autolink_become_placeholders(self, doc):
        # `code , inline`, the image (its "![" and its "](pic.png)" either side of the alt text),
        # the autolink and `code , x`.
        assert doc.view.count(PLACEHOLDER_CHAR) == 5
        at = doc.view.index(PLACEHOLDER_CHAR)
        start, end = doc.to_source_span(at, at + 1)
        assert MARKDOWN[start:end] == "`code , inline`"

    def test_blocks_are_separated(self, doc):
        assert "Heading , one\n\nParagraph" in doc.view
        assert "cell , six\n\ncell , seven" in doc.view

    def test_copied_pieces_are_verbatim(self, doc):
        assert_copied_pieces_are_verbatim(doc)

    def test_findings_only_in_prose_with_file_positions(self, test_ruleset):
        findings = lint(MARKDOWN, test_ruleset, "markdown")
        flagged_lines = sorted({MARKDOWN.count("\n", 0, f.start) + 1 for f in findings})
        # front-matter title 2, heading 5, paragraph 7, HTML block 17, items 20-21, quote 23,
        # table 25 and 27, last line 29 (the image's alt text and the text after it)
        assert flagged_lines == [2, 5, 7, 17, 20, 21, 23, 25, 27, 29]
        assert all(f.text == " ," for f in findings)
        assert len(findings) == 13

    def test_toml_front_matter(self):
        doc = read_document("+++\ntitle = 'a , b'\nslug = 'x , y'\n+++\nBody.\n", "markdown")
        assert doc.view.split() == ["a", ",", "b", "Body."]  # the headline is prose, the slug is not

    def test_unclosed_front_matter_fence_is_a_thematic_break(self):
        doc = read_document("---\nnot front , matter\n", "markdown")
        assert "not front , matter" in doc.view

    def test_front_matter_must_start_the_file(self):
        doc = read_document("Intro.\n\n---\ntitle: x\n---\n", "markdown")
        assert "Intro." in doc.view and "title: x" in doc.view

    def test_crlf_offsets_point_into_the_original(self):
        text = "---\r\ntitle: a , b\r\n---\r\n# Head\r\n\r\nPara , one\r\nnext , two\r\n"
        doc = read_document(text, "markdown")
        assert "title" not in doc.view
        assert maps_back(doc, "Para , one") == "Para , one"
        assert maps_back(doc, "next , two") == "next , two"
        assert_copied_pieces_are_verbatim(doc)

    def test_entities_and_escapes_are_decoded_in_the_view(self):
        text = "Tom &amp; Jerry \\* and &#65; here.\n"
        doc = read_document(text, "markdown")
        assert doc.view.startswith("Tom & Jerry * and A here.")
        assert maps_back(doc, "&") == "&amp;"

    def test_emphasis_markup_is_not_prose(self):
        doc = read_document("Some *emphasis , here* and **strong** text.\n", "markdown")
        assert doc.view.startswith("Some emphasis , here and strong text.")

    def test_reference_links_hide_their_definition(self):
        text = 'See [the report][r] now.\n\n[r]: https://example.com/r "Report , title"\n'
        doc = read_document(text, "markdown")
        assert doc.view.strip() == "See the report now."

    def test_non_ascii_offsets(self):
        text = "Café 中文 😀 , and `x` ok , end.\n"
        doc = read_document(text, "markdown")
        assert maps_back(doc, "😀 ,") == "😀 ,"
        assert maps_back(doc, "ok , end.") == "ok , end."

    def test_escaped_pipe_in_a_table_cell_is_prose(self):
        text = "| a \\| b , c | d |\n|---|---|\n| e | f |\n"
        doc = read_document(text, "markdown")
        assert "b , c" in doc.view
        assert maps_back(doc, "b , c") == "b , c"

    def test_fix_never_touches_hidden_text(self, test_ruleset):
        # The space before the comma follows inline code: the fix edits only the space.
        text = "Run `make` , then wait.\n"
        (finding,) = lint(text, test_ruleset, "markdown")
        (edit,) = finding.fixes[0].edits
        assert text[edit.start:edit.end] == " "


HTML = """\
<!DOCTYPE html>
<html><head><title>Title , one</title>
<style>p , q { color: red }</style>
<script>var a = 1 , b = 2;</script></head>
<body>
<h1 class="a , b">Heading , two</h1>
<p>Tom &amp; Jerry , three <a href="https://example.com/a , b">link , four</a><!-- comment , x --></p>
<pre>pre , code</pre><code>code , y</code>
<ul><li>item , five</li></ul>
</body></html>
"""


class TestHtml:
    @pytest.fixture
    def doc(self):
        return read_document(HTML, "html")

    def test_elements_in_another_language_are_not_prose(self):
        text = ('<p>Officials , said.</p><div lang="ro">Guvernul , a <div>anunțat</div> azi.</div>'
                '<p lang="en-GB">Colour , here.</p><img lang="fr" src="x.png"><p>After , all.</p>')
        doc = read_document(text, "html")
        for prose in ("Officials , said.", "Colour , here.", "After , all."):
            assert prose in doc.view
        for hidden in ("Guvernul", "anunțat", "azi"):
            assert hidden not in doc.view

    @pytest.mark.parametrize("prose", ["Title , one", "Heading , two", "Jerry , three", "link , four", "item , five"])
    def test_text_nodes_are_prose(self, doc, prose):
        assert maps_back(doc, prose) == prose

    @pytest.mark.parametrize("hidden", ["p , q", "var a", "a , b", "example.com", "comment", "pre , code", "code , y", "DOCTYPE", "<"])
    def test_markup_script_style_and_code_are_not_prose(self, doc, hidden):
        assert hidden not in doc.view

    def test_entities_map_to_the_whole_entity(self, doc):
        assert "Tom & Jerry" in doc.view
        assert maps_back(doc, "&") == "&amp;"

    def test_block_tags_separate_blocks(self, doc):
        assert "Heading , two\n\n" in doc.view

    def test_copied_pieces_are_verbatim(self, doc):
        assert_copied_pieces_are_verbatim(doc)

    def test_findings_point_into_the_file(self, test_ruleset):
        findings = lint(HTML, test_ruleset, "html")
        assert [HTML.count("\n", 0, f.start) + 1 for f in findings] == [2, 6, 7, 7, 9]  # the <title> on line 2 is the headline
        assert all(f.text == " ," for f in findings)

    def test_entity_without_semicolon(self):
        doc = read_document("<p>A &amp B</p>", "html")
        assert doc.view.startswith("A & B")

    def test_uppercase_script_tag_is_skipped(self):
        doc = read_document("<P>Text</P><SCRIPT>a , b</SCRIPT><p>after</p>", "html")
        assert "a , b" not in doc.view and "after" in doc.view
