"""Where a translation's source comes from, and how it is set next to the target.

A source is given outright (`--source PATH`, `lint_pair`), or found through `source-path:` in
.tqlint.yaml, a template that maps each article to its source: `{dir}/../ro/{stem}{ext}`, where
`{dir}` is the article's folder, `{stem}` its name without extension, `{ext}` the extension
(with its dot) and `{name}` the whole file name. Its language is the one given, else the
config's `source-languages` when it names one, else langdetect's guess.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass

from tqlint.text.bitext import align_documents
from tqlint.text.document import Document
from tqlint.text.files import read_file
from tqlint.text.readers import read_document, syntax_for_path

PLACEHOLDERS = ("dir", "stem", "ext", "name")


@dataclass(frozen=True)
class SourceText:
    """The source-language text of one target: its text, its file syntax and its language."""

    text: str
    syntax: str = "text"
    language: str | None = None
    path: str | None = None

    def key(self) -> str:
        """What the results cache must know of it."""
        return f"{self.syntax}\0{self.language or ''}\0{self.text}"


def check_template(template: str) -> str | None:
    """Why `template` is not a usable source-path, or None."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as exc:
        return f"not a valid template: {exc}"
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}} (known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})"
    return None


def source_path(template: str, target: str, base_dir: str) -> str:
    """The source file of `target` by the template (relative results are relative to `base_dir`,
    the folder of the config that holds the template)."""
    directory, name = os.path.split(os.path.abspath(target))
    stem, ext = os.path.splitext(name)
    path = template.format(dir=directory, stem=stem, ext=ext, name=name)
    return os.path.normpath(os.path.join(base_dir, path))


def read_source(path: str, language: str | None) -> SourceText:
    """The source file at `path` (raises FileError)."""
    return SourceText(read_file(path).text, syntax_for_path(path), language, path)


def language_of(text: str, configured: tuple[str, ...]) -> str | None:
    """The source's language: the config's, when it names one; else langdetect's guess."""
    if len(configured) == 1:
        return configured[0]
    from tqlint.kinds.language import detect  # start-up: langdetect loads only when no language is given

    guess, probability = detect(text[:2000])
    guess = guess.split("-")[0]
    if probability < 0.5 or (configured and guess not in configured):
        return configured[0] if configured else None
    return guess


def pair_with_source(target: Document, source: SourceText, configured: tuple[str, ...] = ()) -> Document:
    """`target` with its source aligned to it (paragraphs, then sentences): `target.bitext`."""
    language = source.language or language_of(source.text, configured)
    target.bitext = align_documents(target, read_document(source.text, source.syntax), language)
    return target
