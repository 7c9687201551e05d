"""Which pronouns can be flagged at all: a pronoun is flagged only when an organisation or a thing
is mentioned in its sentence or the few before it (`organisation-window`, `thing-window`), so a
pronoun with no word in reach that could make such a mention needs no mentions classified.

The words that can make an organisation or a thing mention (a superset, read from the columns
without building any run): a noun of the organisation or thing lists ("the company", and "the
carmaker Renault"), an organisation word ("Bank"), the first word of a known organisation, the
word that ends a name the document shows to be an organisation elsewhere ("Xiaomi's shares",
"Xiaomi, the carmaker"), and an initialism ("SNCF")."""

from __future__ import annotations

import functools
from itertools import compress

from tqlint.kinds.pronoun.knowledge import (
    CONNECTORS,
    DETERMINERS,
    PERSON_AFTER_THE,
    PRONOUN_WORDS,
    Lexicon,
    is_initialism,
)

_ARTICLES = frozenset(("the", "a", "an"))


@functools.lru_cache(maxsize=16)
def _first_words(names: frozenset) -> tuple[frozenset, int]:
    """The first words of `names`, and the most words a name has."""
    return frozenset(name.split(" ")[0] for name in names), max((name.count(" ") + 1 for name in names), default=0)


@functools.lru_cache(maxsize=16)
def lexicon_words(lexicon: Lexicon) -> frozenset:
    """The words of `lexicon` the kind's `Columns.where` calls ask for on a document (pronouns,
    articles, evidence words, nouns of the lists, organisation words, the first words of known
    organisations): indexed in one scan (`Columns.index`) before those calls."""
    return frozenset().union(PRONOUN_WORDS, _ARTICLES, PERSON_AFTER_THE, lexicon.org_evidence, lexicon.org_nouns,
                             lexicon.thing_nouns, lexicon.person_nouns, lexicon.org_words,
                             _first_words(frozenset(lexicon.organisations))[0])


def _known_names(columns, names, lowers: list[str], capitalised: list[bool]) -> list[int]:
    """Where a name of `names` starts, in a name (a capitalised word, or a connector: "of")."""
    first, longest = _first_words(frozenset(names))
    return [i for i in columns.where(first) if (capitalised[i] or lowers[i] in CONNECTORS) and any(
        " ".join(lowers[i:i + n]) in names for n in range(1, longest + 1))]


def signal_sentences(columns, view: str, lexicon: Lexicon, extra_orgs: set[str],
                     domains: frozenset[str] | set[str] = frozenset()) -> tuple[set[int], set[int]]:
    """The sentences holding a word that may make an organisation mention, and those holding one
    that may make a thing mention. `domains`: the document's web addresses used as names
    (`web_domains`)."""
    lowers, texts, capitalised = columns.lowers, columns.texts, columns.capitalised
    found = {columns.sentence[i] for i in _known_names(columns, lexicon.organisations, lowers, capitalised)}
    if extra_orgs:
        found.update(columns.sentence[i] for i in _known_names(columns, extra_orgs, lowers, capitalised))
    # An organisation word ("Bank", "Co"), in either case. (A word never ends with a dot, so
    # the resolver's rstrip(".") changes nothing here.)
    org_words = lexicon.org_words
    words = set(columns.distinct & org_words)
    shaped = set(texts) & org_words
    # A name shown to be an organisation ends before an evidence word ("Xiaomi's shares") or
    # before ", the" and an organisation noun ("Stellantis, the Franco-Italian carmaker").
    org_nouns, evidence = lexicon.org_nouns, lexicon.org_evidence
    for j in columns.where(evidence, _ARTICLES):
        if j and (capitalised[j - 1] or lowers[j - 1] in CONNECTORS) and (
                (lowers[j] in evidence and not capitalised[j]) or (
                    lowers[j] in _ARTICLES and view[columns.starts[j - 1] + len(texts[j - 1]):columns.starts[j]].strip() == ","
                    and any(lower in org_nouns for lower in lowers[j + 1:j + 5]))):
            words.add(lowers[j - 1])
    found.update(columns.sentence[i] for i in columns.where(words))
    # A web address used as a name ("Zpravy24.cz", "the hokejka.cz").
    if domains:
        found.update(columns.sentence[i] for i in columns.where(domains))
    # An initialism ("SNCF"): a one-word name, so a capitalised word; four capitals or more.
    shaped.update(text for text in set(compress(texts, capitalised))
                  if len(text) >= 4 and not text[1:].islower() and is_initialism(text))
    if shaped:
        found.update(columns.sentence[i] for i in compress(range(len(texts)), map(shaped.__contains__, texts)))
    # A noun of the lists makes a mention after "the", "this" or "that" a few words back; an
    # organisation noun also just before a name ("the carmaker Renault").
    things: set[int] = set()
    for i in columns.where(lexicon.org_nouns, lexicon.thing_nouns):
        lower, sentence = lowers[i], columns.sentence[i]
        if not DETERMINERS.isdisjoint(lowers[max(0, i - 4):i]):  # any of them (a frozenset): one C call
            (found if lower in lexicon.org_nouns else things).add(sentence)
        elif lower in lexicon.org_nouns and i + 1 < len(lowers) and capitalised[i + 1]:
            found.add(sentence)
    return found, things


def viable_sentences(pronoun_sentences: set[int], signals: tuple[set[int], set[int]], lexicon: Lexicon) -> set[int]:
    """The pronoun sentences with a possible organisation or thing mention in reach."""
    orgs, things = signals
    return {k for k in pronoun_sentences
            if any(s in orgs for s in range(k - lexicon.org_window, k + 1))
            or any(s in things for s in range(k - lexicon.thing_window, k + 1))}
