"""`pronoun`: he/she/his/her/him whose antecedent is an organisation ("Renault said she would").

Romanian, French, Spanish, Italian and German give "company", "bank" or "ministry" a grammatical
gender, and machine translation carries the feminine or masculine pronoun into English, where an
organisation is "it". The kind resolves the antecedent rather than guessing from the word: it
lists the mentions of people and organisations in the document (names, titles, role nouns,
"the company"), then flags a pronoun only when an organisation is within reach and no person who
could own the pronoun is. People win every tie: precision first.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, gt, itemgetter, not_, or_
from typing import NamedTuple

import regex

from tqlint.engine.prefilter import ascii_words
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.textcase import match_case

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
    "female-given-names": "given names that are a woman's in every language that uses them (a person named so cannot be 'he')",
}
REQUIRED = ("organisations", "organisation-words", "organisation-nouns", "given-names", "titles", "person-nouns")

PERSON, ORG, NEUTRAL = "person", "organisation", "neutral"
_PRONOUNS = {
    "he": "it", "she": "it", "him": "it", "his": "its", "her": None,  # her: its or it, by position
    "himself": "itself", "herself": "itself",
}
# Which person a pronoun could stand for: he/him/his only for a man, she/her for a woman.
_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
# Titles before a name that give the person's gender.
_TITLE_GENDER = {
    **dict.fromkeys("mr mister sir lord king prince duke count baron monsieur m herr signor signore don dom domnul senor señor".split(), "m"),
    **dict.fromkeys("mrs ms miss lady dame queen princess duchess countess baroness madame mme mlle frau signora doña dona doamna senora señora".split(), "f"),
}
# Person nouns that are also adjectives: a person only when no noun follows ("official data").
_ADJECTIVAL_PERSON_NOUNS = frozenset("official representative individual criminal professional expert".split())
# Words after a person noun that show it is the noun ("an official who", "the executive will").
_AFTER_PERSON_NOUN = frozenset("""who whom whose that which was is will would has had can could should may might must
    and or but to of in on at for with from by as last this next yesterday today tomorrow recently earlier
    later also now then again since until before after when while because so if not never""".split())
# "Storm Ciarán", "Hurricane Ian": a name given to weather, not a person.
_WEATHER_NAMES = frozenset("storm hurricane typhoon cyclone tropical".split())
# A place named after a preposition of place, possibly after an adjective of direction and
# other places in a list: "in Brittany and Normandy", "across southern Andalusia".
_PLACE_BEFORE = regex.compile(
    r"\b(?:in|near|outside|inside|across|around|into|through|towards|toward|via)\s+"
    r"(?:(?:parts?|much|most|areas?|regions?|the\s+rest|all|the\s+north|the\s+south|the\s+east|the\s+west)\s+of\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|north-western|north-eastern|"
    r"south-western|south-eastern|northwestern|northeastern|southwestern|southeastern|rural|coastal|"
    r"neighbouring|neighboring|nearby)\s+)?"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*\s*(?:,|\band\b|\bor\b)\s*)*$",
    regex.IGNORECASE,
)
# Person nouns that say which pronoun they take.
_NOUN_GENDER = {
    **dict.fromkeys("""man men boy boys father husband brother son uncle grandfather king prince
        spokesman chairman businessman policeman congressman fireman sportsman nephew""".split(), "m"),
    **dict.fromkeys("""woman women girl girls mother wife sister daughter aunt grandmother queen princess
        spokeswoman chairwoman businesswoman policewoman congresswoman actress sportswoman niece""".split(), "f"),
}
_CONTRACTIONS = regex.compile(r"^(he|she)['’](s|d|ll)$", regex.IGNORECASE)
_WORD = regex.compile(r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*(?:[-&'’.][\p{L}\p{M}\p{Nd}]+)*")
_PRONOUN_WORDS = frozenset(_PRONOUNS)  # the words _ANY_PRONOUN finds
_ANY_PRONOUN = regex.compile(r"(?<![\w'’-])(?:he|she|him|his|her|himself|herself)(?![\w-])", regex.IGNORECASE)
# Joins capitalised words into one name: "Bank of England", "Ministry of Finance", "Leonardo da Vinci".
_CONNECTORS = frozenset("of for de du des la le von van der den di da del dos das al el bin".split())
_DETERMINERS = frozenset(("the", "this", "that"))
# After "her": words that show "her" is an object ("told her that", "gave her a"), not possessive.
_AFTER_OBJECT_HER = frozenset("""a an the to that this these those and or but nor so in on at for with by from of
    as about into onto over under after before since until if when while because than then again too also
    up down out off back away here there now yesterday today tomorrow last next once twice is was will would
    should could can may might must has had have did does do it them him me us""".split())
# "Her Majesty", "His Excellency": forms of address, never an agreement error.
_HONORIFICS = frozenset("majesty highness excellency holiness grace lordship ladyship eminence honour honor".split())
_CLAUSE_START = regex.compile(
    r"(?:^|[,;:(—–“\"«]|\b(?:that|and|but|while|whereas|although|though|because|when|after|before|since|if|so|as|which|where))"
    r"\s*(?:(?:the|this|that)\s+)?$",
    regex.IGNORECASE,
)
# A sentence that opens with a preposition before the pronoun: "In her statement, …".
_FRONTED = regex.compile(
    r"\s*[“\"]?(?:in|on|at|for|with|despite|after|before|during|according\s+to|under|through|from|since|"
    r"unlike|like|as\s+part\s+of|as\s+for|by|to|following)\s+$",
    regex.IGNORECASE,
)
# "the ministry and his officials": a pronoun coordinated with a name refers to it.
# Patterns used inside loops, compiled once rather than looked up in regex's cache each time.
_QUOTE_OR_BREAK = regex.compile(r'[“”«»„"《》「」]|\n\s*\n')
_COMMA_DIGIT = regex.compile(r",\s*\d")
_CLAUSE_MARK = regex.compile(r"[,;:.!?()“”\"]")
_EITHER_PRONOUN = regex.compile(r"\b(?:he|she|his|her|him)\s*(?:/|\bor\b)\s*(?:he|she|his|her|him|hers)\b|s/he")
_NOT_WORD_OR_SPACE = regex.compile(r"[^\w\s'’-]")
_COORDINATED = regex.compile(r"(?:['’]s)?,?\s+(?:and|or|as well as)\s+", regex.IGNORECASE)
_OPENERS = "“\"‘'«„([{:—–-"
_PERSON_SUFFIXES = ("man", "woman", "person")
_PERSON_AFTER_THE = frozenset(("accused", "deceased"))  # "the accused", not "critics accused"
_NOT_PERSON_SUFFIX = frozenset("human humans german germans roman romans shaman ottoman".split())


def _name_key(name: str) -> str:
    """A name as the resolver compares it: its words, lowercased, without a possessive 's."""
    words = []
    for word in _WORD.findall(name):
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]
        words.append(word.lower())
    return " ".join(words)


def _words(options, key, lower=True, required=True) -> frozenset:
    value = options.get(key)
    if value is None and not required:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"`{key}` must be a list of words or names", key)
    return frozenset(" ".join(v.split()).lower() if lower else " ".join(v.split()) for v in value)


def _window(options, key, default) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20:
        raise RuleError(f"`{key}` must be a number of sentences from 0 to 20", key)
    return value


# "Lundmark said": a capitalised word before a verb of saying is a name, not a common word that
# opens a sentence. (After a pronoun these prove nothing: organisations say things too.)
_SPEECH_VERBS = frozenset(
    "said says added told explained stressed insisted argued wrote asked replied answered".split()
)

@dataclass(frozen=True)
class Lexicon:
    organisations: frozenset
    org_words: frozenset
    org_nouns: frozenset
    org_evidence: frozenset
    given_names: frozenset
    people: frozenset
    titles: frozenset
    person_nouns: frozenset
    not_names: frozenset
    common_words: frozenset
    person_context: frozenset
    org_window: int
    person_window: int
    male_names: frozenset = frozenset()
    female_names: frozenset = frozenset()


class Token(NamedTuple):
    """One word. A tuple, so that a document's tokens are built from `_Columns` at C speed:
    documents holding a pronoun have thousands of words, and most are never looked at."""
    start: int
    end: int
    text: str  # without a possessive 's
    lower: str
    possessive: bool
    sentence: int
    sentence_start: bool
    capitalised: bool


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    sentence: int


_WORD_SPLIT = regex.compile(f"({_WORD.pattern})")  # split() keeps the words, and the gaps before them
_POSSESSIVE_ENDS = ("'s", "'S", "’s", "’S")
_new_token = functools.partial(tuple.__new__, Token)


def _contraction(text: str):
    """The match of "he's", "she'd"…, or None; the apostrophe test spares other words the regex."""
    return _CONTRACTIONS.match(text) if "'" in text or "’" in text else None


class _Columns:
    """A document's words as parallel lists (start, text, lower…), built with map() and list
    slicing rather than a Python loop per word, plus where each sentence's words begin."""

    def __init__(self, doc):
        view, bounds = doc.view, doc.sentences
        parts = _WORD_SPLIT.split(view)  # [gap, word, gap, word, …, gap]
        words, gaps = parts[1::2], parts[0::2]
        count = len(words)
        self.starts = list(accumulate(map(len, parts)))[0:2 * count:2]  # each word starts where its gap ends
        texts, possessive = words[:], [False] * count
        for i in compress(range(count), map(str.endswith, words, repeat(_POSSESSIVE_ENDS))):
            if len(words[i]) > 2 and not _CONTRACTIONS.match(words[i]):
                texts[i], possessive[i] = words[i][:-2], True
        self.texts, self.possessive = texts, possessive
        self.ends = list(map(add, self.starts, map(len, texts)))
        self.lowers = list(map(str.lower, texts))
        self.capitalised = list(map(str.isupper, map(itemgetter(0), texts)))
        # Word i belongs to the last sentence starting at or before it (the first sentence, if none).
        self.sentence_firsts = [0] + [bisect.bisect_left(self.starts, start) for start, _ in bounds[1:]] + [count]
        self.sentence = []
        for k in range(len(self.sentence_firsts) - 1):
            self.sentence.extend(repeat(k, self.sentence_firsts[k + 1] - self.sentence_firsts[k]))
        # A sentence's first word opens it; so does a capitalised word after an opening quote,
        # bracket, colon or dash ('“The', ': The', '— The'). Only a capitalised word's position
        # matters (names, openers). (A gap follows the whole previous word, a possessive 's
        # included; an 's ends in "s", never an opener, so it could not change the answer.)
        first = [False] * count
        for i in self.sentence_firsts[:-1]:
            if i < count:
                first[i] = True
        for i in compress(range(count), self.capitalised):
            if not first[i]:
                gap = gaps[i].rstrip()
                first[i] = bool(gap) and gap[-1] in _OPENERS
        self.first = first

    def tokens(self) -> list[Token]:
        return list(map(_new_token, zip(self.starts, self.ends, self.texts, self.lowers, self.possessive,
                                        self.sentence, self.first, self.capitalised)))

    @functools.cached_property
    def distinct(self) -> set[str]:
        """The document's distinct lowercase words."""
        return set(self.lowers)

    def where(self, *word_sets) -> list[int]:
        """Indices of the words whose lowercase form is in one of `word_sets`, in text order."""
        wanted = set().union(*(self.distinct & words for words in word_sets))
        if not wanted:
            return []
        return list(compress(range(len(self.lowers)), map(wanted.__contains__, self.lowers)))

    # Starts and ends both increase strictly (words are disjoint and never empty): a bisection
    # finds a word, where a dict would cost an entry for every word of the document.
    def starting_at(self, offset: int) -> int:
        """The index of the word that starts at `offset` (which must be a word's start)."""
        return bisect.bisect_left(self.starts, offset)

    def ending_at(self, offset: int) -> int | None:
        """The index of the word that ends at `offset`, or None."""
        i = bisect.bisect_left(self.ends, offset)
        return i if i < len(self.ends) and self.ends[i] == offset else None


def _quoted_spans(view: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, paragraph by paragraph (an unclosed quote ends with it)."""
    closers = {"“": "”", "«": "»", "„": "“”", '"': '"', "《": "》", "「": "」"}
    spans, opened, opener = [], None, ""
    for match in _QUOTE_OR_BREAK.finditer(view):
        mark = match.group()
        if opened is None:
            if mark in closers:
                opened, opener = match.end(), mark
        elif mark in closers[opener] or mark.startswith("\n"):
            spans.append((opened, match.start()))
            opened = None
    if opened is not None:
        spans.append((opened, len(view)))
    return spans


def _inside(spans, offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


class _Resolver:
    """Finds the mentions of one document and decides, pronoun by pronoun, what they refer to."""

    def __init__(self, doc, lexicon: Lexicon, context):
        self.doc, self.lex = doc, lexicon
        self.view = doc.view
        # Every pass below visits only the words it can use (capitals, nouns of its lists,
        # pronouns), found by set and map operations over the columns, not a loop over all words.
        self.columns = columns = _Columns(doc)
        self.tokens = columns.tokens()
        self.extra_orgs = {_name_key(n) for n in context.organisations}
        self.extra_people = {_name_key(n) for n in context.people}
        self.doc_lower_words = set(compress(columns.lowers, map(not_, columns.capitalised)))
        # Pronouns, and words with an apostrophe that may be contractions ("she's").
        apostrophed = {lower for lower in columns.distinct if "'" in lower or "’" in lower}
        self._maybe_pronouns = columns.where(_PRONOUN_WORDS, apostrophed)
        # A pronoun looks only at the mentions of its sentence and the person window before it
        # (`_antecedent`): mentions in other sentences are never listed. (Names everywhere still
        # make runs: surnames and organisation evidence come from the whole document.)
        window = self.lex.person_window
        self.looked_at = {k for sentence in {self.tokens[i].sentence for i in self._maybe_pronouns}
                          for k in range(sentence - window, sentence + 1)}
        self.headings = self._headings()
        self._spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.runs = self._runs()
        self.surnames = self._surnames()
        self.evidence_orgs = self._organisation_evidence()
        self.mentions: list[Mention] = []
        for run in self.runs:
            if run[0].sentence in self.looked_at:  # (a run lies in one sentence)
                self.mentions.extend(self._classify(run))
        self.mentions.extend(self._noun_mentions())
        self.mentions.sort(key=lambda m: m.start)

    @functools.cached_property
    def mid_sentence_capitals(self) -> set[str]:
        """Words written capitalised where they do not open a sentence (True > False: capitalised
        and not an opener)."""
        columns = self.columns
        return set(compress(columns.lowers, map(gt, columns.capitalised, columns.first)))

    # --- names -------------------------------------------------------------------------------
    def _joinable(self, left: Token, right: Token) -> bool:
        if left.possessive or left.sentence != right.sentence:
            return False  # "Toyota's president": the possessive ends the name
        gap = self.view[left.end:right.start]
        if "\n" in gap:
            return False
        # "Procter & Gamble", "Dr. Jones"
        return gap.strip() in ("", "&") or (gap.strip() == "." and left.lower in self.lex.titles)

    def _runs(self) -> list[list[Token]]:
        """Maximal sequences of capitalised words, joined by connectors like "of" or "de"."""
        runs: list = []
        current: list = []
        tokens, columns = self.tokens, self.columns
        # Only capitalised words and connectors can start, extend or join a run: any other word
        # ends the current run, which is what skipping from one candidate past it does.
        connectors = map(_CONNECTORS.__contains__, columns.lowers)
        candidates = compress(range(len(tokens)), map(or_, columns.capitalised, connectors))
        previous = -2
        for i in candidates:
            if current and i != previous + 1:
                runs.append(current)
                current = []
            previous = i
            token = tokens[i]
            if token.capitalised and token.lower not in _PRONOUNS and not _contraction(token.text):
                if current and not self._joinable(current[-1], token):
                    runs.append(current)
                    current = []
                current.append(token)
            elif (current and token.lower in _CONNECTORS and i + 1 < len(tokens) and tokens[i + 1].capitalised
                  and self._joinable(current[-1], token) and self._joinable(token, tokens[i + 1])):
                current.append(token)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return [trimmed for trimmed in map(self._trim, runs) if trimmed]

    def _trim(self, run: list[Token]) -> list[Token]:
        """Drop a capitalised everyday word that only starts the sentence ("However", "The")."""
        while run and (run[0].text in _CONNECTORS or run[0].lower in ("the", "a", "an") or (
                run[0].sentence_start and not run[0].possessive and self._everyday(run[0]))):
            run = run[1:]
        while run and run[-1].text in _CONNECTORS:
            run = run[:-1]
        return run

    def _everyday(self, token: Token) -> bool:
        lower = token.lower
        if lower in self.lex.given_names or lower in self.lex.titles or self._is_org_word(token):
            return False
        if lower in self.lex.common_words or lower in self.doc_lower_words:
            return True
        # "Critics accused…", "Analysts said…": a plural or a noun the lists know, not a name.
        nouns = (self.lex.person_nouns, self.lex.org_nouns, self.lex.org_evidence)
        singular = lower[:-1] if lower.endswith("s") else lower
        return any(lower in words or singular in words for words in nouns)

    def _is_org_word(self, token: Token) -> bool:
        return token.text.rstrip(".") in self.lex.org_words or token.lower.rstrip(".") in self.lex.org_words

    def _surnames(self) -> set[str]:
        """Surnames of people named in full ("Angela Merkel", "Mr Smith") anywhere in the text."""
        surnames = {name.split()[-1] for name in self.extra_people}
        for run in self.runs:
            first = 1 if run[0].lower.rstrip(".") in self.lex.titles else 0
            if self._organisation_span(run) == (0, len(run)):
                continue  # "Morgan Stanley" names no Mr Stanley
            if first or run[0].lower in self.lex.given_names:
                names = [t for t in run[first or 1:] if t.lower not in _CONNECTORS]
                if names and not any(self._is_org_word(t) for t in names):
                    surnames.add(names[-1].lower)
        return surnames

    def _organisation_evidence(self) -> set[str]:
        """Names the document itself shows to be organisations: "X's shares", "X, the German carmaker,"."""
        found = set()
        tokens = self.tokens
        for run in self.runs:
            after = self.columns.starting_at(run[-1].start) + 1
            name = " ".join(t.lower for t in run)
            nxt = tokens[after] if after < len(tokens) else None
            if nxt is None or nxt.sentence != run[-1].sentence:
                continue
            if nxt.lower in self.lex.org_evidence and not nxt.capitalised:
                found.add(name)  # "Xiaomi's shares", "Xiaomi shares"
            elif self.view[run[-1].end:nxt.start].strip() == "," and nxt.lower in ("the", "a", "an"):
                for follower in tokens[after + 1:after + 5]:
                    if follower.lower in self.lex.org_nouns:
                        found.add(name)  # "Stellantis, the Franco-Italian carmaker,"
                        break
                    if self.view[tokens[after].end:follower.start].count(",") or follower.possessive:
                        break
        return found

    def _classify(self, run: list[Token]) -> list[Mention]:
        lex = self.lex
        lowers = [t.lower.rstrip(".") for t in run]
        name = " ".join(t.lower for t in run)
        whole = (run[0].start, run[-1].end)
        _, org_end = self._organisation_span(run)

        def mention(first: int, last: int, kind: str) -> Mention:
            return Mention(run[first].start, run[last].end, kind, run[first].sentence)

        # A title or role followed by a name is a person even inside a longer run ("Bank of
        # England Governor Andrew Bailey", "Chinese President Xi Jinping"); alone it is a role.
        for i, lower in enumerate(lowers):
            if i >= org_end and (lower in lex.titles or lower in lex.person_nouns):
                found = [mention(i, len(run) - 1, PERSON)]
                return found + (self._classify(run[:i]) if i > 0 else [])
        if name in lex.not_names and not (len(run) == 1 and name in lex.given_names):
            return [mention(0, len(run) - 1, NEUTRAL)]  # "Hong Kong", "United Arab Emirates"
        if len(run) > 1 and (name in lex.organisations or name in self.extra_orgs):
            return [mention(0, len(run) - 1, ORG)]  # "Morgan Stanley", not Mr Stanley
        if (lowers[0] in lex.given_names or name in self.extra_people or name in lex.people
                or lowers[-1] in self.surnames or lowers[-1] in lex.people):
            return [mention(0, len(run) - 1, PERSON)]  # "Michael Dell", "Merkel" after "Angela Merkel"
        if org_end or name in self.evidence_orgs:
            return [mention(0, len(run) - 1, ORG)]
        if len(run) == 1 and name not in lex.not_names and _is_initialism(run[0].text):
            return [mention(0, 0, ORG)]  # "SNCF", "BVerfG": four capitals or more name a body, not a person
        before_words = self.view[max(0, whole[0] - 30):whole[0]].lower().split()
        if before_words and before_words[-1] in lex.org_nouns and not run[0].sentence_start:
            return [mention(0, len(run) - 1, ORG)]  # "the ticketing platform Maoyan", "the carmaker Renault"
        if all(lower in lex.not_names or t.text.isupper() or t.text[0].isdigit() for t, lower in zip(run, lowers)):
            return [mention(0, len(run) - 1, NEUTRAL)]  # "Beijing", "US", "Tuesday"
        if len(run) > 1 and lowers[-1] in lex.not_names and not run[-1].possessive:
            return [mention(0, len(run) - 1, NEUTRAL)]  # "Southeast Europe", "Greater Bucharest"
        before = self.view[max(0, whole[0] - 12):whole[0]].lower().split()
        if before and before[-1] in ("the", "a", "an"):
            return [mention(0, len(run) - 1, NEUTRAL)]  # "the Entity List": a thing, not a person
        if run[0].sentence in self.headings:
            return [mention(0, len(run) - 1, NEUTRAL)]  # "Xiaomi Gets Off The List": title case
        if len(run) == 1 and run[0].sentence_start and self._bare_opener(run[0]):
            return [mention(0, 0, NEUTRAL)]  # "Markets were calm.": a common word, not a name
        if not run[-1].possessive and _PLACE_BEFORE.search(self.view[max(0, whole[0] - 80):whole[0]]):
            return [mention(0, len(run) - 1, NEUTRAL)]  # "near Pfaffenhofen", "in Brittany and Normandy": a place
        if lowers[0] in _WEATHER_NAMES:
            return [mention(0, len(run) - 1, NEUTRAL)]  # "Storm Ciarán"
        if self._in_short_quote(whole[0]):
            return [mention(0, len(run) - 1, NEUTRAL)]  # "«Ne Zha 2»", "“The Crown”": a title
        # An unknown name may well be a person: it keeps nearby pronouns quiet.
        return [mention(0, len(run) - 1, PERSON)]

    def _in_short_quote(self, offset: int) -> bool:
        """Inside quotation marks holding six words or fewer: a title, not a quotation."""
        for start, end in self._quotes:
            if start <= offset < end:
                return len(self.view[start:end].split()) <= 6
        return False

    @functools.cached_property
    def _quotes(self) -> list[tuple[int, int]]:
        return _quoted_spans(self.view)

    def _headings(self) -> set[int]:
        """Sentences in title case with no closing punctuation: headlines, where every word is
        capitalised and a capital says nothing about names."""
        headings = set()
        firsts = self.columns.sentence_firsts
        for index in sorted(self.looked_at):  # (only mentions there are classified)
            if not 0 <= index < len(firsts) - 1 or firsts[index] == firsts[index + 1]:
                continue  # a sentence without words
            start, end = self.doc.sentences[index]
            # The punctuation first: it rules out nearly every sentence without counting words.
            if self.view[start:end].rstrip("”\"’')»]").endswith((".", "!", "?", "…", ":")):
                continue
            words = self.tokens[firsts[index]:firsts[index + 1]]
            capitalised = sum(t.capitalised or t.text[0].isdigit() for t in words)
            if capitalised >= 0.6 * len(words):
                headings.add(index)
        return headings

    def _bare_opener(self, token: Token) -> bool:
        """An unknown capitalised word that only opens a sentence ("Trading was light", "Oil
        rose") is more likely a common word than a name, unless what follows it says person:
        "Lundmark said", "Lundmark, 58," — or the text writes it capitalised elsewhere too."""
        if token.possessive or token.lower in self.mid_sentence_capitals:
            return False
        i = self.columns.starting_at(token.start)
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or nxt.sentence != token.sentence:
            return True
        if (nxt.lower in self.lex.person_context or nxt.lower in _SPEECH_VERBS
                or _COMMA_DIGIT.match(self.view[token.end:token.end + 4])):
            return False
        return True

    def _organisation_span(self, run: list[Token]) -> tuple[int, int]:
        """Where an organisation's name lies in the run, as (first word, end); (0, 0): none.
        A gazetteer name is matched anywhere; a word like "Bank" makes the words before it, and an
        "of" phrase after it, one name ("Deutsche Bank", "Bank of England")."""
        key = (run[0].start, len(run))  # asked by _surnames, then again by _classify
        if key not in self._spans:
            self._spans[key] = self._find_organisation_span(run)
        return self._spans[key]

    def _find_organisation_span(self, run: list[Token]) -> tuple[int, int]:
        lex = self.lex
        start, end = len(run), 0
        lowers = [t.lower for t in run]
        for i in range(len(run)):
            for j in range(len(run), i, -1):
                phrase = " ".join(lowers[i:j])
                if phrase in lex.organisations or phrase in self.extra_orgs:
                    # Only descriptive words may come before a known name ("Chinese Xiaomi");
                    # "Ichiro Suzuki" is a person, not the carmaker.
                    if all(t.lower in lex.not_names or t.text.isupper() for t in run[:i]):
                        start, end = min(start, i), max(end, j)
                    break
            if self._is_org_word(run[i]):
                k = i + 1
                while k + 1 < len(run) and lowers[k] in _CONNECTORS:
                    k += 2
                start, end = 0, max(end, k)
        return (start, end) if end else (0, 0)

    # --- common nouns ------------------------------------------------------------------------
    def _noun_mentions(self) -> list[Mention]:
        found = []
        tokens = self.tokens
        columns, lex = self.columns, self.lex
        # The words that can make a mention below; the others are passed over without a look.
        suffixed = {lower for lower in columns.distinct if lower.endswith(_PERSON_SUFFIXES)}
        for i in columns.where(lex.person_nouns, _PERSON_AFTER_THE, lex.org_nouns, suffixed):
            token = tokens[i]
            if token.sentence not in self.looked_at:
                continue  # no pronoun looks here
            lower = token.lower
            if token.capitalised and not token.sentence_start and not token.text.isupper():
                continue  # names were classified as runs
            if lower in _ADJECTIVAL_PERSON_NOUNS and self._modifies_next(i):
                continue  # "official data", "the official website": an adjective, not a person
            if lower in self.lex.person_nouns or (
                    lower in _PERSON_AFTER_THE and i > 0 and self.tokens[i - 1].lower == "the") or (
                    lower.endswith(_PERSON_SUFFIXES) and len(lower) > 5 and lower not in _NOT_PERSON_SUFFIX
                    and not lower.endswith(("men", "women"))):
                found.append(Mention(token.start, token.end, PERSON, token.sentence))
            elif lower in self.lex.org_nouns:
                for back in range(i - 1, max(-1, i - 5), -1):
                    prev = tokens[back]
                    if prev.sentence != token.sentence or _CLAUSE_MARK.search(self.view[prev.end:tokens[back + 1].start]):
                        break
                    if prev.lower in _DETERMINERS:
                        found.append(Mention(prev.start, token.end, ORG, token.sentence))
                        break
        return found

    def _modifies_next(self, i: int) -> bool:
        """Whether the word at i is followed, in its clause, by a lowercase word that is not a
        verb of its own ("official data" yes; "an official said", "officials who" no)."""
        token = self.tokens[i]
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or nxt.sentence != token.sentence or nxt.capitalised or self.view[token.end:nxt.start].strip():
            return False
        lower = nxt.lower
        return not (lower in _SPEECH_VERBS or lower in _AFTER_PERSON_NOUN or lower.endswith(("ed", "s")))

    # --- pronouns ----------------------------------------------------------------------------
    def pronouns(self):
        """Yield (token, replacement, antecedent mention) for each pronoun to flag."""
        quoted = self._quotes
        mention_sentences = [m.sentence for m in self.mentions]
        resolved: list[Mention] = []  # pronouns already seen, as mentions of what they refer to
        tokens = self.tokens
        for i in self._maybe_pronouns:
            token = tokens[i]
            word = token.lower
            contraction = _contraction(token.text)
            if contraction:
                word = contraction.group(1).lower()
            if word not in _PRONOUNS or token.possessive:
                continue
            end = token.start + len(word)
            as_person = Mention(token.start, end, PERSON, token.sentence)
            if self._skip(i, token, word, quoted):
                resolved.append(as_person)
                continue
            replacement = _PRONOUNS[word] or self._her(i)
            antecedent = self._antecedent(i, token, word, mention_sentences, resolved,
                                          object_=replacement == "it" and word in ("him", "her"))
            if antecedent is None:
                resolved.append(as_person)
                continue
            resolved.append(Mention(token.start, end, ORG, token.sentence))
            yield token.start, end, match_case(self.view[token.start:end], replacement), antecedent

    def _skip(self, i: int, token: Token, word: str, quoted) -> bool:
        if token.text.isupper() and len(token.text) > 1 and not self._all_caps_sentence(token):
            return True  # "HE" (His Excellency) or an acronym, not a pronoun
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt and nxt.lower in _HONORIFICS and token.capitalised:
            return True  # "Her Majesty"
        # "he or she", "his/her": generic people, not an antecedent error.
        around = self.view[max(0, token.start - 8):token.start + len(word) + 8].lower()
        if _EITHER_PRONOUN.search(around):
            return True
        return _inside(quoted, token.start)

    def _all_caps_sentence(self, token: Token) -> bool:
        firsts = self.columns.sentence_firsts
        words = self.tokens[firsts[token.sentence]:firsts[token.sentence + 1]]  # the sentence's words
        letters = [c for t in words for c in t.text if c.isalpha()]
        return sum(c.isupper() for c in letters) > 0.8 * len(letters)

    def _her(self, i: int) -> str:
        """'her' + noun is possessive (its); before an article, a preposition, a verb or
        punctuation it is an object (it)."""
        token = self.tokens[i]
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or nxt.sentence != token.sentence or self.view[token.end:nxt.start].strip():
            return "it"
        if (nxt.lower in _AFTER_OBJECT_HER or nxt.lower.endswith(("ly", "ed")) or nxt.text[0].isdigit()
                or nxt.lower in self.lex.person_context and nxt.lower.endswith("s")):
            return "it"
        return "its"

    def _antecedent(self, i: int, token: Token, word: str, mention_sentences, resolved, object_: bool) -> Mention | None:
        """The organisation the pronoun refers to, or None when a person could own it."""
        k = token.sentence
        lo = bisect.bisect_left(mention_sentences, k - self.lex.person_window)
        hi = bisect.bisect_right(mention_sentences, k)
        window = self.mentions[lo:hi]
        if self._person_could_own(token, _GENDER.get(word), window, resolved):
            return None
        if self._person_context(i):
            return None
        before = [m for m in window if m.kind == ORG and m.end <= token.start]
        if object_ and any(m.sentence == k for m in before):
            # "The bank fined her": an object is never its own clause's subject (that would be
            # "itself"), so "her" is someone else, most likely a person outside the text.
            return None
        before = [m for m in before if m.sentence >= k - self.lex.org_window and not self._heads_person(m) and (
            self._subject_like(m) or _COORDINATED.fullmatch(self.view[m.end:token.start]))]
        if before:
            return before[-1]
        # "In her statement, Renault said…": a possessive in a fronted phrase may point forward,
        # to the subject after the comma; nothing else may ("She was elected to the Senate",
        # "His company, Acme Holdings, …").
        sentence_start = self.doc.sentences[k][0]
        if token.lower in ("his", "her") and _FRONTED.match(self.view[sentence_start:token.start]):
            for m in window:
                if m.kind == ORG and m.sentence == k and m.start > token.start:
                    between = self.view[token.end:m.start]
                    return m if "," in between and self._subject_like(m) else None
        return None

    def _person_could_own(self, token: Token, gender: str | None, window: list[Mention], resolved: list[Mention]) -> bool:
        """Whether a person within reach could be the pronoun's antecedent. A person named before
        it counts unless their gender is known and differs ("Mayor Radu Popescu said he was
        pleased. The party said she…": Popescu cannot be "she"); a person named after it only
        when the pronoun sits in a phrase fronted before them ("In her speech, Merkel…"); an
        earlier he or she left unflagged counts when it has the pronoun's gender."""
        k = token.sentence
        sentence_start = self.doc.sentences[k][0]
        fronted = bool(_FRONTED.match(self.view[sentence_start:token.start]))
        people = [m for m in window if m.kind == PERSON]
        for m in people:
            if m.start >= token.start and not (fronted and m.sentence == k):
                continue
            known = self._person_gender(m, token.start, people, resolved)
            if known is None or gender is None or known == gender:
                return True
        earliest = k - self.lex.person_window
        for r in resolved:
            if r.kind == PERSON and r.sentence >= earliest and r.start < token.start:
                if gender is None or _GENDER.get(self.view[r.start:r.end].lower()) in (None, gender):
                    return True
        return False

    def _person_gender(self, person: Mention, before: int, people: list[Mention], resolved: list[Mention]) -> str | None:
        """A named person's gender, when the text shows it: a title ("Mr", "Queen"), a given name
        that is only ever a man's or a woman's, or the first he/she left unflagged after the name,
        with no other person named in between."""
        words = self.view[max(0, person.start - 12):person.start].split()
        if words:
            title = _TITLE_GENDER.get(words[-1].lower().rstrip("."))
            if title:
                return title
        noun = _NOUN_GENDER.get(self.view[person.start:person.end].lower())
        if noun:
            return noun  # "a woman", "the spokesman"
        first = self.view[person.start:person.end].split()[0].lower().rstrip(".")
        if first in _TITLE_GENDER:
            return _TITLE_GENDER[first]
        if first in self.lex.male_names:
            return "m"
        if first in self.lex.female_names:
            return "f"
        if " " not in self.view[person.start:person.end].strip():
            # "Velázquez" after "Diego Velázquez": the surname alone is the person named before
            word = self.view[person.start:person.end].lower()
            for earlier in people:
                if earlier.end <= person.start and self.view[earlier.start:earlier.end].lower().endswith(" " + word):
                    return self._person_gender(earlier, before, people, resolved)
        later = [m.start for m in people if person.end <= m.start < before]
        limit = min(later, default=before)
        for r in resolved:
            if r.kind == PERSON and person.end <= r.start < limit:
                return _GENDER.get(self.view[r.start:r.end].lower())
        return None

    def _heads_person(self, mention: Mention) -> bool:
        """"The firm's lawyers", "Toyota's president": the people, not the firm, are the subject."""
        i = self.columns.ending_at(mention.end)
        if i is None or not self.tokens[i].possessive:
            return False
        for follower in self.tokens[i + 1:i + 4]:
            if follower.sentence != mention.sentence or _NOT_WORD_OR_SPACE.search(self.view[self.tokens[i].end:follower.start]):
                break
            lower = follower.lower
            if lower in self.lex.person_nouns or (
                    lower in _PERSON_AFTER_THE and i > 0 and self.tokens[i - 1].lower == "the") or (lower.endswith("s") and lower[:-1] in self.lex.person_nouns):
                return True
        return False

    def _subject_like(self, mention: Mention) -> bool:
        """Whether a mention starts its clause, where a later pronoun's antecedent usually is
        ("Siemens reported…", "…, the company said"), not an object or a modifier ("from EU funds")."""
        start = self.doc.sentences[mention.sentence][0] if self.doc.sentences else 0
        prefix = self.view[start:mention.start]
        if len(prefix) > 60:
            prefix = "…" + prefix[-60:]  # a cut prefix must not look like a sentence start
        return bool(_CLAUSE_START.search(prefix))

    def _person_context(self, i: int) -> bool:
        """"he resigned", "her husband": what follows the pronoun shows a person. After a
        possessive only the word it owns counts: in "her coach had resigned" the coach resigned."""
        token = self.tokens[i]
        possessive = token.lower == "his" or (token.lower == "her" and self._her(i) == "its")
        for follower in self.tokens[i + 1:i + (2 if possessive else 4)]:
            if follower.sentence != token.sentence:
                break
            if follower.lower in self.lex.person_context:
                return True
        return False


def _is_initialism(text: str) -> bool:
    """Four capitals or more with at most a few lowercase letters between ("SNCF", "BVerfG",
    "ByteDance" is not one): the shape of an organisation's initials."""
    capitals = sum(c.isupper() for c in text)
    return capitals >= 4 and capitals >= 0.6 * sum(c.isalpha() for c in text)


def compile(options: dict, rule) -> Callable:
    lexicon = Lexicon(
        organisations=frozenset(_name_key(n) for n in _words(options, "organisations")),
        org_words=_words(options, "organisation-words", lower=False),
        org_nouns=_words(options, "organisation-nouns"),
        org_evidence=_words(options, "organisation-evidence", required=False),
        given_names=_words(options, "given-names"),
        people=frozenset(_name_key(n) for n in _words(options, "people", required=False)),
        titles=frozenset(w.rstrip(".") for w in _words(options, "titles")),
        person_nouns=_words(options, "person-nouns"),
        not_names=frozenset(_name_key(n) for n in _words(options, "not-names", required=False)),
        common_words=_words(options, "common-words", required=False),
        person_context=_words(options, "person-context", required=False),
        org_window=_window(options, "organisation-window", 2),
        person_window=_window(options, "person-window", 4),
        male_names=_words(options, "male-given-names", required=False),
        female_names=_words(options, "female-given-names", required=False),
    )
    template = str(rule.get("message", "")) if hasattr(rule, "get") else ""

    def find(doc, context):
        # Most documents hold no pronoun. The word set shared by the phrase rules says so at
        # once: a pronoun _ANY_PRONOUN finds is a whole ASCII word of the folded view.
        if _PRONOUN_WORDS.isdisjoint(ascii_words(doc)) or not _ANY_PRONOUN.search(doc.view):
            return
        resolver = _Resolver(doc, lexicon, context)
        for start, end, replacement, antecedent in resolver.pronouns():
            message = None
            if template:
                message = (template.replace("{match}", doc.view[start:end]).replace("{fix}", replacement)
                           .replace("{antecedent}", doc.view[antecedent.start:antecedent.end]))
            yield Hit.replace(start, end, [replacement], message)

    return find


def has_fix(options: dict) -> bool:
    return True
