"""`source-case-form`: a word of the source carried over in the case form the source sentence
gave it ("goes via Kladno to Pardubic" for Czech "do Pardubic", genitive of Pardubice; "said Blesku", dative
of the daily Blesk).

Czech, Slovak and Polish decline names and nouns; a translation that copies a source word whose
case ending English has no use for leaves a form no English reader can look up. A capitalised
word of the translation is flagged when it stands in its source sentence as it is (case and all),
is no English word, and the source language's lemmatiser (simplemma, the bilingual extra) knows
it as an inflected form of another word. Left alone: forms that are also nominatives (`keep-endings`:
adjectives "Nová", "Květná"; feminine "-a" names "Jana", "Slavia" — though a rare form in -a
whose base is the word less the -a, or with -o, is a genitive after all: `a-genitive-below`), words of a longer name
("Ústí nad Labem", "Seznam Zprávy") but for the head of a place name with a preposition, which
declines like any name ("to Rosic u Brna" for Rosice u Brna), words shorter than `min-letters`, English words,
and names in -y that are themselves nominative plurals of a common noun (Novinky). No fix:
the lemmatiser's guess (Pardubice for Pardubic) is often right but not always (an unknown name can
come back with a wrong ending; a plural name), and a common noun kept by mistake needs translating; the message
names the guess.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import number, pairs
from tqlint.kinds.frequencies import FrequencyError, StoredWords, english_words, zipf_of
from tqlint.kinds.inflection import _in_longer_name

NEEDS_SOURCE = True
OPTIONS = {
    "languages": "source languages whose case forms are looked up (simplemma's codes; default [cs, sk, pl])",
    "keep-endings": "per language, endings of forms that are nominatives too, never flagged "
                    "(e.g. cs: [a, á, é, ý, í])",
    "max-english-zipf": "a word at least this frequent in English (Zipf, wordfreq) is English (default 2.0)",
    "min-letters": "letters a word needs to be judged (default 4)",
    "a-genitive-below": "judge a form in -a after all (though `keep-endings` lists -a) when the lemmatiser's base is "
                        "the word less the -a, or with -o for it (a masculine or neuter genitive: Nováka of Novák, "
                        "Lipna of Lipno) and the form is rarer than this Zipf in the source language (a common one "
                        "may be a woman's name: Daniela beside Daniel); default: never",
}
REQUIRED = ()

# (an English possessive may follow: "Chalupu's" is still the source's accusative)
_NAME = compile_pattern(r"(?<![\p{L}\p{M}\p{N}'’-])\p{Lu}[\p{Latin}\p{M}]*\p{Ll}(?![\p{L}\p{M}\p{N}]|['’](?!s(?![\p{L}\p{M}\p{N}]))\p{L}|-\p{L})")
_SOURCE_WORD = compile_pattern(r"[\p{L}\p{M}]+")


def has_fix(options: dict) -> bool:
    return False


def _options(options: dict) -> tuple[frozenset, dict[str, tuple[str, ...]], int, float, int]:
    languages = options.get("languages", ["cs", "sk", "pl"])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise RuleError("`languages` must be a list of language codes", "languages")
    keep = options.get("keep-endings", {})
    if not isinstance(keep, dict) or not all(isinstance(v, list) and all(isinstance(e, str) and e for e in v)
                                             for v in keep.values()):
        raise RuleError("`keep-endings` must map languages to lists of endings", "keep-endings")
    return (frozenset(languages), {str(k): tuple(v) for k, v in keep.items()},
            round(100 * number(options, "max-english-zipf", 2.0)), number(options, "min-letters", 4),
            round(100 * number(options, "a-genitive-below", 0)))


def compile(options: dict, rule) -> Callable:
    wanted, keep_endings, floor, min_letters, a_below = _options(options)

    def find(doc, context):
        language = doc.bitext.language
        if language not in wanted:
            return
        keep = keep_endings.get(language, ())
        english: list[StoredWords | frozenset] = []  # read on the first candidate
        lemmas: dict[str, str | None] = {}
        for pair in pairs(doc):
            in_source = None
            for match in _NAME.finditer(doc.view, pair.link.target_start, pair.link.target_end):
                word = match.group()
                if len(word) < min_letters:
                    continue
                a_form = word.endswith(keep)
                if a_form and not (a_below and word.endswith("a")):
                    continue
                in_source = in_source if in_source is not None else set(_SOURCE_WORD.findall(pair.source))
                if word not in in_source:
                    continue
                if word not in lemmas:
                    lemmas[word] = _case_form_of(word, language)
                lemma = lemmas[word]
                if lemma is not None and (_plural_name(word, lemma)
                                          or a_form and not _a_genitive(word, lemma, language, a_below)):
                    continue
                if lemma is not None and not _english(doc.view, match, english, floor):
                    yield Hit(match.start(), match.end(), (),
                              f"'{word}' is the source's word in a case form (of '{lemma}', by the lemmatiser): "
                              "English does not decline names; give the base form, or translate a common word.",
                              (pair.link.source_start, pair.link.source_end))

    return find


def _plural_name(word: str, lemma: str) -> bool:
    """A capitalised word in -y whose lemma is a lower-case common noun: a name that is itself
    a nominative plural (a hill range or a news site named in the plural), which the lemmatiser
    takes for the plural of the common noun; the name needs no base form. (Not -i: that ends
    the instrumental plural "-ami" of a common noun kept by mistake, which stays flagged.)"""
    return lemma[:1].islower() and word.endswith("y")


def _a_genitive(word: str, lemma: str, language: str, below: int) -> bool:
    """A form in -a that is a masculine or neuter genitive (or accusative) of its lemma, the word
    less the -a or with -o for it (Nováka of Novák, Lipna of Lipno), and no common word of the
    source language in its own right: a woman's name (Daniela, Vlastimila) is common, and the
    lemmatiser reads it as the genitive of the man's (Daniel)."""
    return lemma in (word[:-1], word[:-1] + "o") and zipf_of(word.lower(), language) < below


def _english(view: str, match, english: list[StoredWords | frozenset], floor: int) -> bool:
    """Is the word English, or a word of a longer name? (`english` holds the word list once read.)
    The head of a place name with a preposition ("Rosic u Brna" for Rosice u Brna) declines
    like any name, so it is judged alone."""
    if not english:
        try:
            english.append(english_words(floor))
        except FrequencyError as error:
            raise RuleError(str(error)) from None
    if match.group().lower() in english[0]:
        return True
    return not _PLACE_HEAD.match(view, match.end()) and _in_longer_name(view, match, english[0])


# what follows the first word of a Czech, Slovak or Polish place name of the form "X u/nad/pod/na Y"
_PLACE_HEAD = compile_pattern(r"[ \u00a0](?:u|nad|pod|na|pri|při|przy)[ \u00a0]\p{Lu}")


def _case_form_of(word: str, language: str) -> str | None:
    """The lemma `word` is an inflected form of, when the lemmatiser knows the word and its
    lemma differs (case aside); else None."""
    try:
        import simplemma  # optional (the bilingual extra), and its tables load on first use
    except ImportError:
        raise RuleError("source-case-form needs simplemma: pip install 'tqlint[bilingual]'") from None
    try:
        if not simplemma.is_known(word, lang=language):
            return None
        lemma = simplemma.lemmatize(word, lang=language)
    except (ValueError, LookupError):  # a language simplemma has no data for
        return None
    return None if lemma.casefold() == word.casefold() else lemma
