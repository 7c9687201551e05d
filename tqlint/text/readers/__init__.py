"""Readers turn a file's text into a Document; which one runs depends on the file's extension."""

from __future__ import annotations

from tqlint.text.document import Document

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
# Translation files (each unit's target next to its source): tqlint.text.readers.translation.
XLIFF_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
TMX_SUFFIXES = (".tmx",)
# What `tqlint check FOLDER` picks up when walking a folder.
LINTABLE_SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES + XLIFF_SUFFIXES + TMX_SUFFIXES


def syntax_for_path(path: str | None) -> str:
    lowered = (path or "").lower()
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith(XLIFF_SUFFIXES):
        return "xliff"
    if lowered.endswith(TMX_SUFFIXES):
        return "tmx"
    return "text"


def read_document(text: str, syntax: str, front_matter_keys: tuple[str, ...] | None = None) -> Document:
    """The Document of `text` read as `syntax`; `front_matter_keys`: the Markdown front-matter
    fields that are prose (None: title, subtitle, summary, description)."""
    if syntax == "markdown":
        from tqlint.text.readers.markdown import read_markdown  # start-up: markdown-it loads only for Markdown

        return read_markdown(text) if front_matter_keys is None else read_markdown(text, front_matter_keys)
    if syntax == "html":
        from tqlint.text.readers.html import read_html  # start-up: only the reader of this syntax loads

        return read_html(text)
    if syntax in ("xliff", "tmx"):  # raises FileError for a file it cannot read
        from tqlint.text.readers.translation import read_translation  # start-up: translate-toolkit loads only for these

        return read_translation(text, syntax)
    from tqlint.text.readers.text import read_text  # start-up: only the reader of this syntax loads

    return read_text(text)
