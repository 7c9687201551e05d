"""A desk's term list: each source term with the English term it must become and the variants
it must not (`forbidden`). Read from CSV (a header row naming `source`, `target` and optionally
`forbidden` — variants separated by `|` — and `language`) or from TBX (a termEntry per concept:
the English langSet's terms are the required one and, marked `deprecatedTerm-admn-sts`,
`supersededTerm-admn-sts` or `admittedTerm-admn-sts`… the forbidden ones; every other langSet
gives source terms). Errors (tqlint.yamlio.YamlError) name the file and the line.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass

import regex

from tqlint.yamlio import YamlError

_FORBIDDEN_STATUS = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "forbidden", "deprecated")


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    forbidden: tuple[str, ...] = ()
    language: str | None = None
    file: str = ""
    line: int = 0

    def source_pattern(self) -> regex.Pattern:
        """The source term, each word of it with up to four more letters (an inflected ending:
        Consiliul European, Consiliului European)."""
        words = [regex.escape(word) + r"\p{L}{0,4}" for word in self.source.split()]
        return regex.compile(r"(?<![\p{L}\d])" + r"\s+".join(words) + r"(?![\p{L}\d])", regex.IGNORECASE)


def english_pattern(term: str) -> regex.Pattern:
    return regex.compile(r"(?<![\p{L}\d])" + regex.escape(term).replace(r"\ ", r"\s+") + r"(?![\p{L}\d])", regex.IGNORECASE)


def load_glossary(path: str) -> tuple[Term, ...]:
    if not os.path.isfile(path):
        raise YamlError(path, None, "glossary not found")
    if path.lower().endswith(".tbx"):
        return _load_tbx(path)
    return _load_csv(path)


def _load_csv(path: str) -> tuple[Term, ...]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:  # one column, or too little to tell: commas
                dialect = csv.excel
            reader = csv.DictReader(handle, dialect=dialect)
            missing = {"source", "target"} - set(reader.fieldnames or ())
            if missing:
                raise YamlError(path, 1, f"the header row must name the columns source and target "
                                    f"(missing: {', '.join(sorted(missing))})")
            terms = []
            for row in reader:
                line = reader.line_num
                source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
                if not source or not target:
                    raise YamlError(path, line, "a term needs both a source and a target")
                forbidden = tuple(v.strip() for v in (row.get("forbidden") or "").split("|") if v.strip())
                language = (row.get("language") or "").strip().lower() or None
                terms.append(Term(source, target, forbidden, language, path, line))
            return tuple(terms)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise YamlError(path, None, f"not a readable CSV file: {exc}") from None


def _load_tbx(path: str) -> tuple[Term, ...]:
    from lxml import etree  # optional (the bilingual extra brings it with translate-toolkit)
    from translate.storage import tbx  # (as above)

    try:
        store = tbx.tbxfile.parsefile(path)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise YamlError(path, None, f"not a readable TBX file: {exc}") from None
    terms = []
    for unit in store.units:
        entry = unit.xmlelement
        by_language: dict[str, list[tuple[str, bool]]] = {}
        for lang_set in entry.iter("{*}langSet", "langSet"):
            language = (lang_set.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()
            for tig in lang_set.iter("{*}tig", "tig", "{*}ntig", "ntig", "{*}termGrp", "termGrp"):
                term = next((t.text for t in tig.iter("{*}term", "term") if t.text and t.text.strip()), None)
                notes = [n.text or "" for n in tig.iter("{*}termNote", "termNote")]
                if term:
                    by_language.setdefault(language, []).append((term.strip(), any(s in n for n in notes for s in _FORBIDDEN_STATUS)))
        terms.extend(_entry_terms(by_language, path, entry.sourceline or 0))
    return tuple(terms)


def _entry_terms(by_language: dict, path: str, line: int) -> list[Term]:
    english = next((forms for lang, forms in by_language.items() if lang.split("-")[0] == "en"), None)
    if not english:
        raise YamlError(path, line, "a term entry needs an English (xml:lang=\"en\") term")
    required = [term for term, forbidden in english if not forbidden]
    if not required:
        raise YamlError(path, line, "every English term of this entry is marked forbidden")
    forbidden = tuple(term for term, is_forbidden in english if is_forbidden)
    return [Term(term, required[0], forbidden, lang.split("-")[0] or None, path, line)
            for lang, forms in by_language.items() if lang.split("-")[0] != "en" for term, _ in forms]


def inline_terms(entries, where: str = "terms") -> tuple[Term, ...]:
    """Terms written in a rule's YAML: `{source:, target:, forbidden: [...], language:}` each
    (raises ValueError naming what is wrong)."""
    if not isinstance(entries, list):
        raise ValueError(f"`{where}` must be a list of {{source:, target:, forbidden:, language:}}")
    terms = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str) or not isinstance(entry.get("target"), str):
            raise ValueError(f"each of `{where}` needs `source` and `target` text")
        forbidden = entry.get("forbidden") or []
        if not isinstance(forbidden, list) or not all(isinstance(f, str) for f in forbidden):
            raise ValueError(f"`{where}`: `forbidden` of {entry['source']!r} must be a list of English variants")
        language = entry.get("language")
        terms.append(Term(entry["source"], entry["target"], tuple(forbidden), str(language).lower() if language else None))
    return tuple(terms)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    @classmethod
    def load(cls, paths) -> Glossary | None:
        terms = tuple(term for path in paths for term in load_glossary(path))
        return cls(terms) if terms else None

    def for_language(self, language: str | None) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.language is None or language is None or t.language == language)
