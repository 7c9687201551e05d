"""Translation files: XLIFF 1.2, XLIFF 2.x and TMX. Each unit's target is prose of the document
(one paragraph per unit), its source the matching paragraph of the source document, so every
finding points into the file where the target sits and `fix` can edit it there.

translate-toolkit, the localisation field's own library, reads the file: it checks the XML, finds
the languages, and says which units have a target. The spans of those targets in the file are
then found by walking the file's text element by element (lxml keeps no offsets); the two must
agree unit for unit, or the file is refused rather than mislinted. Inline codes (<x/>, <ph>,
<bpt>…) are placeholders; <g>, <pc> and <mrk> only wrap prose.
"""

from __future__ import annotations

import html

import regex

from tqlint.text.bitext import units_bitext
from tqlint.text.document import Document, DocumentBuilder
from tqlint.text.files import FileError

_TOKEN = regex.compile(r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<(?P<close>/?)(?P<tag>[\w:.-]+)(?P<attrs>[^>]*?)(?P<empty>/?)>"
                       r"|&(?P<entity>#x?[0-9a-fA-F]+|\w+);|[^<&]+", regex.DOTALL)
# Inline elements whose content is the original's code, not prose: one placeholder each.
_CODES = frozenset(("x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "cp", "sm", "em"))
_LANG = regex.compile(r"""xml:lang\s*=\s*["']([^"']+)["']|\blang\s*=\s*["']([^"']+)["']""")


def _element_spans(text: str, name: str, start: int = 0, end: int | None = None):
    """(content start, content end, attributes) of each <name …>…</name> in text[start:end]."""
    end = len(text) if end is None else end
    opening = regex.compile(rf"<{name}\b([^>]*?)(/?)>")
    position = start
    while True:
        match = opening.search(text, position, end)
        if match is None:
            return
        if match.group(2):  # <target/>: empty
            yield match.end(), match.end(), match.group(1)
            position = match.end()
            continue
        close = text.find(f"</{name}>", match.end(), end)
        if close < 0:
            raise FileError(f"no </{name}> for the <{name}> at offset {match.start()}")
        yield match.end(), close, match.group(1)
        position = close + len(name) + 3


def _add_content(builder: DocumentBuilder, text: str, start: int, end: int) -> None:
    """The prose of an element's content: text and entities; inline codes as placeholders."""
    position = start
    while position < end:
        match = _TOKEN.match(text, position, end)
        if match is None:  # a stray '<' or '&': keep it as text
            builder.copy(position, position + 1)
            position += 1
            continue
        if match.group("cdata") is not None:
            builder.copy(match.start("cdata"), match.end("cdata"))
        elif match.group("entity"):
            builder.decoded(match.start(), match.end(), html.unescape(match.group()))
        elif match.group("tag"):
            tag = match.group("tag").split(":")[-1]
            if tag in _CODES and not match.group("close") and not match.group("empty"):
                close = text.find(f"</{match.group('tag')}>", match.end(), end)
                stop = close + len(match.group("tag")) + 3 if close >= 0 else match.end()
                builder.placeholder(match.start(), stop)
                position = stop
                continue
            if tag in _CODES and match.group("empty"):
                builder.placeholder(match.start(), match.end())
        elif not match.group().startswith("<!--"):
            builder.copy(match.start(), match.end())
        position = match.end()


def _units_xliff(text: str, version2: bool) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(source content span, target content span) of each unit with a non-empty target."""
    unit = "segment" if version2 else "trans-unit"
    found = []
    for start, end, _ in _element_spans(text, unit):
        sources = list(_element_spans(text, "source", start, end))
        targets = list(_element_spans(text, "target", start, end))
        if sources and targets and targets[0][1] > targets[0][0]:
            found.append(((sources[0][0], sources[0][1]), (targets[0][0], targets[0][1])))
    return found


def _language(attrs: str) -> str:
    match = _LANG.search(attrs)
    return (match.group(1) or match.group(2)).lower() if match else ""


def _units_tmx(text: str, source_language: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each <tu>: the source language's <seg> and the English one."""
    found = []
    for start, end, _ in _element_spans(text, "tu"):
        segs: dict[str, tuple[int, int]] = {}
        for tuv_start, tuv_end, attrs in _element_spans(text, "tuv", start, end):
            seg = next(_element_spans(text, "seg", tuv_start, tuv_end), None)
            if seg is not None:
                segs.setdefault(_language(attrs), (seg[0], seg[1]))
        english = next((span for lang, span in segs.items() if lang.split("-")[0] == "en"), None)
        source = segs.get(source_language) or next((span for lang, span in segs.items() if lang.split("-")[0] != "en"), None)
        if english and source and english[1] > english[0]:
            found.append((source, english))
    return found


def _store(text: str, syntax: str):
    """translate-toolkit's reading of the file (raises FileError for what it cannot read)."""
    try:
        from lxml import etree  # optional: the bilingual extra (translate-toolkit brings lxml)
        from translate.storage import tmx, xliff, xliff2  # (as above), and slow to load
    except ImportError:
        raise FileError("reading XLIFF and TMX needs translate-toolkit: pip install 'tqlint[bilingual]'") from None
    data = text.encode("utf-8")
    try:
        if syntax == "tmx":
            return tmx.tmxfile(data)
        if regex.search(r"<xliff\b[^>]*\bversion\s*=\s*[\"']2", text[:2000]):
            return xliff2.Xliff2File(data)
        return xliff.xlifffile(data)
    except etree.XMLSyntaxError as exc:
        raise FileError(f"not well-formed XML: {exc}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise FileError(f"not a readable {'TMX' if syntax == 'tmx' else 'XLIFF'} file: {exc}") from None


def read_translation(text: str, syntax: str) -> Document:
    """The targets of an XLIFF or TMX file as prose, each linked to its source (doc.bitext)."""
    store = _store(text.lstrip("\ufeff"), syntax)
    language = (getattr(store, "sourcelanguage", None) or "").lower() or None
    if syntax == "tmx":
        units = _units_tmx(text, language or "")
    else:
        units = _units_xliff(text, "version=\"2" in text[:2000] or "version='2" in text[:2000])
    expected = sum(1 for unit in store.units if not getattr(unit, "isheader", lambda: False)() and (unit.target or ""))
    if len(units) != expected:
        raise FileError(f"found {len(units)} translated units where translate-toolkit reads {expected}: "
                        "the file's layout is not one tqlint can place findings in")
    target, target_spans = _build(text, [t for _, t in units], syntax)
    source, source_spans = _build(text, [s for s, _ in units], syntax)
    target.bitext = units_bitext(source, language.split("-")[0] if language else None,
                                 [(*t, *s) for t, s in zip(target_spans, source_spans)])
    return target


def _build(text: str, spans, syntax: str) -> tuple[Document, list[tuple[int, int]]]:
    builder = DocumentBuilder(text, syntax)
    views = []
    for start, end in spans:
        builder.block_break(start)
        view_start = builder.length
        _add_content(builder, text, start, end)
        views.append((view_start, builder.length))
    return builder.build(), views
