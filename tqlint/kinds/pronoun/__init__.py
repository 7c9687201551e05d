"""`pronoun`: he/she/his/her/him whose antecedent is an organisation ("Renault said she would").

Romanian, French, Spanish, Italian and German give "company", "bank" or "ministry" a grammatical
gender, and machine translation carries the feminine or masculine pronoun into English, where an
organisation is "it". The kind resolves the antecedent rather than guessing from the word: it
lists the mentions of people and organisations in the document (names, titles, role nouns,
"the company"), then flags a pronoun only when an organisation is within reach and no person who
could own the pronoun is. People win every tie: precision first.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.engine.prefilter import ascii_words, has_ascii_words
from tqlint.kinds import Hit
from tqlint.kinds.pronoun.knowledge import PRONOUN_WORDS, THING, Lexicon, check_options, lexicon_from

OPTIONS = {
    "organisations": "well-known organisation names (companies, banks, institutions); the config's `organisations:` adds more",
    "organisation-words": "capitalised words that make a name an organisation: Bank, Group, Inc, Ministry, …",
    "organisation-nouns": "lowercase nouns that, after the/this/that, mean an organisation: company, bank, ministry, …",
    "organisation-evidence": "nouns that, after `Name's` or `Name`, show the name is an organisation: shares, profit, …",
    "given-names": "given names in many languages: a name starting with one is a person",
    "people": "well-known people (full names or surnames); the config's `people:` adds more",
    "titles": "titles and offices written before a name: Mr, Dr, President, Minister, …",
    "person-nouns": "role and person nouns (singular): founder, chairman, spokeswoman, judge, …",
    "not-names": "capitalised words that name neither a person nor an organisation: places, months, nationalities",
    "common-words": "everyday words that, capitalised at a sentence start, are not names",
    "person-context": "words that, just after the pronoun, show a person: resigned, wife, career, …",
    "organisation-window": "sentences before the pronoun's in which an organisation may be its antecedent (default 2)",
    "person-window": "sentences before the pronoun's in which any person keeps the pronoun quiet (default 4)",
    "male-given-names": "given names that are a man's in every language that uses them (a person named so cannot be 'she')",
    "thing-nouns": "lowercase nouns of things that, after the/this/that, take 'it' in English but a gendered pronoun in the source: missile, vaccine, law, …",
    "thing-window": "sentences before the pronoun's in which a thing may be its antecedent (default 0: its own sentence)",
    "thing-reach": "characters between a thing and the pronoun at most (default 60)",
    "female-given-names": "given names that are a woman's in every language that uses them (a person named so cannot be 'he')",
}
REQUIRED = ("organisations", "organisation-words", "organisation-nouns", "given-names", "titles", "person-nouns")
PLACEHOLDERS = ("match", "fix", "antecedent", "what")

_ANY_PRONOUN = compile_pattern(r"(?<![\w'’-])(?:he|she|him|his|her|himself|herself)(?![\w-])", regex.IGNORECASE)


def compile(options: dict, rule) -> Callable:
    check_options(options)  # a bad option fails here, as building the lexicon would
    lexicon: list[Lexicon] = []  # built for the first document that holds a pronoun
    template = str(rule.get("message", "")) if hasattr(rule, "get") else ""

    def find(doc, context):
        # Most documents hold no pronoun. The word set shared by the phrase rules says so at
        # once where they have built it: a pronoun _ANY_PRONOUN finds is a whole ASCII word of
        # the folded view. Where they have not (stage 1 spared them), building it costs more
        # than the search, which finds most documents' first pronoun early.
        if (has_ascii_words(doc) and PRONOUN_WORDS.isdisjoint(ascii_words(doc))) or not _ANY_PRONOUN.search(doc.view):
            return
        from tqlint.kinds.pronoun.resolver import Resolver  # start-up: loaded by the first document that holds a pronoun

        if not lexicon:
            lexicon.append(lexicon_from(options))
        resolver = Resolver(doc, lexicon[0], context)
        for start, end, replacement, antecedent in resolver.pronouns():
            message = None
            if template:
                message = (template.replace("{match}", doc.view[start:end]).replace("{fix}", replacement)
                           .replace("{antecedent}", doc.view[antecedent.start:antecedent.end])
                           .replace("{what}", "a thing" if antecedent.kind == THING else "an organisation"))
            yield Hit.replace(start, end, [replacement], message)

    return find


def has_fix(options: dict) -> bool:
    return True
