"""Plain text: everything is prose except URLs; blank lines separate paragraphs."""

from tqlint.text.document import Document, plain_document


def read_text(text: str) -> Document:
    return plain_document(text, "text")
