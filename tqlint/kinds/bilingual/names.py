"""`source-names`: the names and codes of the source are in the translation.

URLs, e-mail addresses, @handles and #tags must be there exactly; acronyms, codes and
Latin-script names (in a Russian or Chinese source, or brand names such as iPhone) as written,
case and accents aside; with `transliterated: true`, capitalised names of another script must
be spelled out in the English, through the rule's table of each letter's Latin spellings
(`exonyms` for the names English does not spell out: Москва → Moscow). A source acronym English
writes otherwise (SUA → US) is listed under `acronyms`.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.bilingual.names import borrowed_word, present, rephrased, source_names, source_own
from tqlint.finding import Severity
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import flag, mapping, pairs, transliterator_from

NEEDS_SOURCE = True
OPTIONS = {
    "check": "which names: any of url, email, handle, acronym, latin (default all) or transliterated",
    "acronyms": "source acronyms English writes otherwise: `SUA: US`, `ČR: [Czech Republic, Czechia]`",
    "transliteration": "each letter of another script → its Latin spellings (`ж: [zh, j]`), for `transliterated`",
    "exonyms": "stems of names English does not spell out → the English names (`Москв: Moscow`)",
    "ignore-case": "compare case-insensitively (default true)",
    "english": "Latin-script words that texts in other scripts borrow from English and translations rephrase "
               "(OFF, WEB, SALE): not required as written",
}
REQUIRED = ()
_KINDS = ("url", "email", "handle", "acronym", "latin", "transliterated")


def has_fix(options: dict) -> bool:
    return False


def _checked(options: dict) -> frozenset[str]:
    check = options.get("check", ["url", "email", "handle", "acronym", "latin"])
    if not isinstance(check, list) or not check or any(c not in _KINDS for c in check):
        raise RuleError(f"`check` must list some of {', '.join(_KINDS)}", "check")
    return frozenset(check)


def _acronyms(options: dict) -> dict[str, tuple[str, ...]]:
    table = {}
    for source, english in mapping(options, "acronyms").items():
        options_list = english if isinstance(english, list) else [english]
        if not all(isinstance(e, str) for e in options_list):
            raise RuleError(f"`acronyms`: {source!r} must map to the English acronym or a list of them", "acronyms")
        table[str(source)] = tuple(options_list)
    return table


def compile(options: dict, rule) -> Callable:
    checked = _checked(options)
    acronyms = _acronyms(options)
    english_words = options.get("english", [])
    if not isinstance(english_words, list) or not all(isinstance(w, str) for w in english_words):
        raise RuleError("`english` must be a list of words", "english")
    borrowed = frozenset(w.casefold() for w in english_words)
    flag(options, "ignore-case", True)
    transliterator = None
    if "transliterated" in checked:
        transliterator = transliterator_from(options)

    lexicons: dict[str | None, EnglishLexicon] = {}

    def find(doc, context):
        bitext = doc.bitext
        lexicon = lexicons.setdefault(bitext.language, EnglishLexicon(bitext.language, min_zipf=3.0))
        for pair in pairs(doc):
            link = pair.link
            english = _raw(doc, link.target_start, link.target_end)
            wider = None
            source = _raw(bitext.source, link.source_start, link.source_end)
            lacking = []
            for name in source_names(source, bitext.language, transliterator is not None):
                if (name.kind not in checked or name.text.casefold() in borrowed or borrowed_word(name, bitext.language, lexicon)
                        or _kept(name, english, acronyms, transliterator)):
                    continue
                wider = wider if wider is not None else _raw(doc, pair.paragraph.target_start, pair.paragraph.target_end)
                if not _kept(name, wider, acronyms, transliterator):
                    lacking.append((name, source_own(name, source, bitext.language, lexicon)))
            # A common word of the source in capitals is no name; a hashtag made of one may be
            # translated, as long as a hashtag is there; the source's own abbreviations are
            # spelled out about as often as kept: said, at the lowest severity.
            reported = [n for n, own in lacking if own != "word" or (n.kind == "handle" and "#" not in (wider or ""))]
            if reported:  # one finding for the sentence, naming all it lacks
                unsure = all(own == "abbreviation" for n, own in lacking if n in reported)
                yield Hit(link.target_start, link.target_end, message=" ".join(_message(n) for n in reported),
                          source=(link.source_start, link.source_end), severity=Severity.INFO if unsure else None)

    return find


def _raw(doc, start: int, end: int) -> str:
    """The file's text under a view span: URLs and markup included (names live there too)."""
    a, b = doc.to_source_span(start, end)
    return doc.text[a:b]


def _kept(name, english: str, acronyms, transliterator) -> bool:
    if name.kind == "transliterated":
        return transliterator is not None and transliterator.found_in(name.text, english)
    if present(name, english) or rephrased(name, english):
        return True
    return any(present(type(name)(0, 0, other, name.kind), english) for other in acronyms.get(name.text, ()))


def _message(name) -> str:
    what = {"url": "The URL", "email": "The e-mail address", "handle": "The handle", "acronym": "The acronym or code",
            "latin": "The name", "transliterated": "The name"}[name.kind]
    how = " (spelled out in Latin letters)" if name.kind == "transliterated" else ""
    return f"{what} {name.text!r} of the source is not in this translation{how}."
