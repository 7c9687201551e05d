"""Who and what a document mentions: runs of capitalised words classified as people,
organisations or neither, and common nouns ("the company", "the spokesman") that name one."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from itertools import compress
from operator import gt, not_, or_

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds.pronoun.knowledge import (
    ADJECTIVAL_PERSON_NOUNS,
    AFTER_PERSON_NOUN,
    CONNECTORS,
    DETERMINERS,
    NEUTRAL,
    NOT_PERSON_SUFFIX,
    ORG,
    PERSON,
    PERSON_AFTER_THE,
    PERSON_SUFFIXES,
    PRONOUN_WORDS,
    PRONOUNS,
    SPEECH_VERBS,
    THING,
    WEATHER_NAMES,
    Lexicon,
    is_initialism,
    name_key,
    web_domains,
)
from tqlint.kinds.pronoun.reach import lexicon_words, signal_sentences, viable_sentences
from tqlint.kinds.pronoun.words import Columns, Mention, Token, contraction, quoted_spans

# A place named after a preposition of place, possibly after an adjective of direction and
# other places in a list: "in Brittany and Normandy", "across southern Andalusia".
_PLACE_BEFORE = compile_pattern(
    r"\b(?:in|near|outside|inside|across|around|into|through|towards|toward|via)\s+"
    r"(?:(?:parts?|much|most|areas?|regions?|the\s+rest|all|the\s+north|the\s+south|the\s+east|the\s+west)\s+of\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|north-western|north-eastern|"
    r"south-western|south-eastern|northwestern|northeastern|southwestern|southeastern|rural|coastal|"
    r"neighbouring|neighboring|nearby)\s+)?"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*\s*(?:,|\band\b|\bor\b)\s*)*$",
    regex.IGNORECASE,
)
_COMMA_DIGIT = compile_pattern(r",\s*\d")
_CLAUSE_MARK = compile_pattern(r"[,;:.!?()“”\"]")
# Only quotation marks and spaces between two words: a quoted name inside a noun phrase
# ('the "Sosny" sanatorium') does not end it.
_QUOTE_GAP = compile_pattern(r"\s*[“”\"«»]\s*")


def _is_pronoun(columns, i: int) -> bool:
    """Whether word i is a pronoun the resolver weighs (as `Resolver.pronouns` reads it)."""
    short = contraction(columns.texts[i])
    word = short.group(1).lower() if short else columns.lowers[i]
    return word in PRONOUNS and not columns.possessive[i]


class Mentions:
    """The mentions of one document's people and organisations, listed in the sentences a
    pronoun can reach."""

    def __init__(self, doc, lexicon: Lexicon, context):
        self.doc, self.lex = doc, lexicon
        self.view = doc.view
        # Every pass below visits only the words it can use (capitals, nouns of its lists,
        # pronouns), found by set and map operations over the columns, not a loop over all words.
        self.columns = columns = Columns(doc)
        self.extra_orgs = {name_key(n) for n in context.organisations}
        # Pronouns, and words with an apostrophe that may be contractions ("she's").
        apostrophed = {lower for lower in columns.distinct if "'" in lower or "’" in lower}
        self.maybe_pronouns = columns.where(PRONOUN_WORDS, apostrophed)
        # Only a pronoun with a possible organisation or thing in reach can be flagged
        # (tqlint.kinds.pronoun.reach): the others need no mentions, and a document without
        # such a pronoun none of the passes below.
        pronoun_sentences = {columns.sentence[i] for i in self.maybe_pronouns if _is_pronoun(columns, i)}
        if pronoun_sentences:  # the lexicon's words in one scan, for the where() calls to come
            columns.index(lexicon_words(lexicon))
        # Web addresses used as names ("Zpravy24.cz"): organisations.
        self.domains = web_domains(columns.distinct) if pronoun_sentences else set()
        self.viable = viable_sentences(pronoun_sentences, signal_sentences(
            columns, self.view, lexicon, self.extra_orgs, self.domains), lexicon) if pronoun_sentences else set()
        self.mentions: list[Mention] = []
        if not self.viable:
            self.tokens: Sequence[Token] = ()
            return
        self.tokens = columns.tokens()
        self.extra_people = {name_key(n) for n in context.people}
        self.doc_lower_words = set(compress(columns.lowers, map(not_, columns.capitalised)))
        # A viable pronoun looks only at the mentions of its sentence and the person window
        # before it (`_antecedent`): mentions in other sentences are never listed. (Names
        # everywhere still make runs: surnames and organisation evidence come from the whole
        # document.)
        window = self.lex.person_window
        self.looked_at = {k for sentence in self.viable for k in range(sentence - window, sentence + 1)}
        self.headings = self._headings()
        self._spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.runs = self._runs()
        self.surnames = self._surnames()
        self.evidence_orgs = self._organisation_evidence()
        sentence = columns.sentence
        for run in self.runs:
            if sentence[run[0]] in self.looked_at:  # (a run lies in one sentence)
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
    def _joins(self, left: int, right: int) -> bool:
        """Whether the words at two indices belong to one name (read from the columns, no Token
        built): not across a possessive ("Toyota's president"), a sentence or a line break; only a
        space, "&" ("Procter & Gamble") or a title's dot ("Dr. Jones") between them."""
        columns = self.columns
        if columns.possessive[left] or columns.sentence[left] != columns.sentence[right]:
            return False
        gap = self.view[columns.ends[left]:columns.starts[right]]
        if "\n" in gap:
            return False
        return gap.strip() in ("", "&") or (gap.strip() == "." and columns.lowers[left] in self.lex.titles)

    def _runs(self) -> list[list[int]]:
        """Maximal sequences of capitalised words, joined by connectors like "of" or "de", as
        lists of word indices: a Token is built only for a run a pronoun looks at (`_classify`),
        not for each of the document's capitalised words."""
        runs: list = []
        current: list = []
        columns = self.columns
        lowers, capitalised = columns.lowers, columns.capitalised
        # Only capitalised words and connectors can start, extend or join a run: any other word
        # ends the current run, which is what skipping from one candidate past it does. So while
        # a run is open, its last word is the one just before the candidate (index i - 1).
        connectors = map(CONNECTORS.__contains__, lowers)
        count = len(lowers)
        candidates = compress(range(count), map(or_, capitalised, connectors))
        # Capitalised pronouns and contractions ("She", "He's") never start or extend a run:
        # their lowercase forms, found once among the document's distinct words.
        never_names = set(PRONOUNS).union([lower for lower in columns.distinct if contraction(lower)])
        previous = -2
        for i in candidates:
            if current and i != previous + 1:
                runs.append(current)
                current = []
            previous = i
            if capitalised[i] and lowers[i] not in never_names:
                if current and not self._joins(i - 1, i):
                    runs.append(current)
                    current = []
                current.append(i)
            elif (current and lowers[i] in CONNECTORS and i + 1 < count and capitalised[i + 1]
                  and self._joins(i - 1, i) and self._joins(i, i + 1)):
                current.append(i)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return [trimmed for trimmed in map(self._trim, runs) if trimmed]

    def _trim(self, run: list[int]) -> list[int]:
        """Drop a capitalised everyday word that only starts the sentence ("However", "The")."""
        columns = self.columns
        texts, lowers = columns.texts, columns.lowers
        while run and (texts[run[0]] in CONNECTORS or lowers[run[0]] in ("the", "a", "an") or (
                columns.first[run[0]] and not columns.possessive[run[0]] and self._everyday(texts[run[0]], lowers[run[0]]))):
            run = run[1:]
        while run and texts[run[-1]] in CONNECTORS:
            run = run[:-1]
        return run

    def _everyday(self, text: str, lower: str) -> bool:
        if lower in self.lex.given_names or lower in self.lex.titles or self._is_org_word(text, lower):
            return False
        if lower in self.lex.common_words or lower in self.doc_lower_words:
            return True
        # "Critics accused…", "Analysts said…": a plural or a noun the lists know, not a name.
        nouns = (self.lex.person_nouns, self.lex.org_nouns, self.lex.org_evidence)
        singular = lower[:-1] if lower.endswith("s") else lower
        return any(lower in words or singular in words for words in nouns)

    def _is_org_word(self, text: str, lower: str) -> bool:
        return text.rstrip(".") in self.lex.org_words or lower.rstrip(".") in self.lex.org_words

    def _surnames(self) -> set[str]:
        """Surnames of people named in full ("Angela Merkel", "Mr Smith") anywhere in the text."""
        surnames = {name.split()[-1] for name in self.extra_people}
        texts, lowers = self.columns.texts, self.columns.lowers
        for run in self.runs:
            first = 1 if lowers[run[0]].rstrip(".") in self.lex.titles else 0
            if self._organisation_span(run) == (0, len(run)):
                continue  # "Morgan Stanley" names no Mr Stanley
            if first or lowers[run[0]] in self.lex.given_names:
                names = [i for i in run[first or 1:] if lowers[i] not in CONNECTORS]
                if names and not any(self._is_org_word(texts[i], lowers[i]) for i in names):
                    surnames.add(lowers[names[-1]])
        return surnames

    def _organisation_evidence(self) -> set[str]:
        """Names the document itself shows to be organisations: "X's shares", "X, the German carmaker,"."""
        found = set()
        tokens, columns = self.tokens, self.columns
        lowers, sentence, capitalised = columns.lowers, columns.sentence, columns.capitalised
        count = len(lowers)
        for run in self.runs:
            after = run[-1] + 1
            if after >= count or sentence[after] != sentence[run[-1]]:
                continue
            first = run[0] - 1  # the word before the name
            if first >= 0 and lowers[first] in SPEECH_VERBS and sentence[first] == sentence[after]:
                continue  # "…,” said Jana Nováková, the operator of the resort": a speaker is a person
            name = " ".join([lowers[i] for i in run])
            if lowers[after] in self.lex.org_evidence and not capitalised[after]:
                found.add(name)  # "Xiaomi's shares", "Xiaomi shares"
            elif self.view[columns.ends[run[-1]]:columns.starts[after]].strip() == "," and lowers[after] in ("the", "a", "an"):
                for follower in tokens[after + 1:after + 5]:
                    if follower.lower in self.lex.org_nouns:
                        found.add(name)  # "Stellantis, the Franco-Italian carmaker,"
                        break
                    if self.view[columns.ends[after]:follower.start].count(",") or follower.possessive:
                        break
        return found

    def _classify(self, indices: list[int]) -> list[Mention]:
        lex = self.lex
        run = [self.tokens[i] for i in indices]
        lowers = [t.lower.rstrip(".") for t in run]
        _, org_end = self._organisation_span(indices)

        # A title or role followed by a name is a person even inside a longer run ("Bank of
        # England Governor Andrew Bailey", "Chinese President Xi Jinping"); alone it is a role.
        for i, lower in enumerate(lowers):
            if i >= org_end and (lower in lex.titles or lower in lex.person_nouns):
                found = [Mention(run[i].start, run[-1].end, PERSON, run[i].sentence)]
                return found + (self._classify(indices[:i]) if i > 0 else [])
        # An unknown name may well be a person: it keeps nearby pronouns quiet.
        kind = self._named_kind(run, lowers, org_end) or self._context_kind(run, lowers) or PERSON
        return [Mention(run[0].start, run[-1].end, kind, run[0].sentence)]

    def _named_kind(self, run: list[Token], lowers: list[str], org_end: int) -> str | None:
        """What the name itself, or the lists, say the run is; None when they do not know."""
        lex = self.lex
        name = " ".join(t.lower for t in run)
        if name in lex.not_names and not (len(run) == 1 and name in lex.given_names):
            return NEUTRAL  # "Hong Kong", "United Arab Emirates"
        if len(run) == 1 and web_domains((lowers[0],)):
            return ORG  # "Zpravy24.cz": a site named by its address
        if len(run) > 1 and (name in lex.organisations or name in self.extra_orgs):
            return ORG  # "Morgan Stanley", not Mr Stanley
        if (lowers[0] in lex.given_names or name in self.extra_people or name in lex.people
                or lowers[-1] in self.surnames or lowers[-1] in lex.people):
            return PERSON  # "Michael Dell", "Merkel" after "Angela Merkel"
        if org_end or name in self.evidence_orgs:
            return ORG
        if len(run) == 1 and name not in lex.not_names and is_initialism(run[0].text):
            return ORG  # "SNCF", "BVerfG": four capitals or more name a body, not a person
        start = run[0].start
        before_words = self.view[max(0, start - 30):start].lower().split()
        if before_words and before_words[-1] in lex.org_nouns and not run[0].sentence_start:
            return ORG  # "the ticketing platform Maoyan", "the carmaker Renault"
        return None

    def _context_kind(self, run: list[Token], lowers: list[str]) -> str | None:
        """NEUTRAL when the run's shape or surroundings show no person nor organisation, else None."""
        lex, start = self.lex, run[0].start
        if all(lower in lex.not_names or t.text.isupper() or t.text[0].isdigit() for t, lower in zip(run, lowers)):
            return NEUTRAL  # "Beijing", "US", "Tuesday"
        if len(run) > 1 and lowers[-1] in lex.not_names and not run[-1].possessive:
            return NEUTRAL  # "Southeast Europe", "Greater Bucharest"
        before = self.view[max(0, start - 12):start].lower().split()
        if before and before[-1] in ("the", "a", "an"):
            return NEUTRAL  # "the Entity List": a thing, not a person
        if run[0].sentence in self.headings:
            return NEUTRAL  # "Xiaomi Gets Off The List": title case
        if len(run) == 1 and run[0].sentence_start and self._bare_opener(run[0]):
            return NEUTRAL  # "Markets were calm.": a common word, not a name
        if not run[-1].possessive and _PLACE_BEFORE.search(self.view[max(0, start - 80):start]):
            return NEUTRAL  # "near Pfaffenhofen", "in Brittany and Normandy": a place
        if lowers[0] in WEATHER_NAMES:
            return NEUTRAL  # "Storm Ciarán"
        if self._in_short_quote(start):
            return NEUTRAL  # "«Ne Zha 2»", "“The Crown”": a title
        return None

    def _in_short_quote(self, offset: int) -> bool:
        """Inside quotation marks holding six words or fewer: a title, not a quotation."""
        for start, end in self.quotes:
            if start <= offset < end:
                return len(self.view[start:end].split()) <= 6
        return False

    @functools.cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quoted_spans(self.view)

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
        if (nxt.lower in self.lex.person_context or nxt.lower in SPEECH_VERBS
                or _COMMA_DIGIT.match(self.view[token.end:token.end + 4])):
            return False
        return True

    def _organisation_span(self, run: list[int]) -> tuple[int, int]:
        """Where an organisation's name lies in the run, as (first word, end); (0, 0): none.
        A gazetteer name is matched anywhere; a word like "Bank" makes the words before it, and an
        "of" phrase after it, one name ("Deutsche Bank", "Bank of England")."""
        key = (run[0], len(run))  # asked by _surnames, then again by _classify
        if key not in self._spans:
            self._spans[key] = self._find_organisation_span(run)
        return self._spans[key]

    def _find_organisation_span(self, indices: list[int]) -> tuple[int, int]:
        lex, texts = self.lex, self.columns.texts
        start, end = len(indices), 0
        lowers = [self.columns.lowers[i] for i in indices]
        run = [texts[i] for i in indices]  # the words' texts
        for i in range(len(run)):
            for j in range(len(run), i, -1):
                phrase = " ".join(lowers[i:j])
                if phrase in lex.org_acronyms and not all(text.isupper() for text in run[i:j]):
                    continue  # "Who's he", "Ge": an acronym's letters in another case are a word
                if phrase in lex.organisations or phrase in self.extra_orgs:
                    # Only descriptive words may come before a known name ("Chinese Xiaomi");
                    # "Ichiro Suzuki" is a person, not the carmaker.
                    if all(lower in lex.not_names or text.isupper() for text, lower in zip(run[:i], lowers[:i])):
                        start, end = min(start, i), max(end, j)
                    break
            if self._is_org_word(run[i], lowers[i]):
                k = i + 1
                while k + 1 < len(run) and lowers[k] in CONNECTORS:
                    k += 2
                start, end = 0, max(end, k)
        return (start, end) if end else (0, 0)

    # --- common nouns ------------------------------------------------------------------------
    def _noun_mentions(self) -> list[Mention]:
        found: list[Mention] = []
        tokens = self.tokens
        columns, lex = self.columns, self.lex
        # The words that can make a mention below; the others are passed over without a look.
        suffixed = {lower for lower in columns.distinct if lower.endswith(PERSON_SUFFIXES)}
        if self.domains:  # "the hokejka.cz wrote" (a capitalised address is a run, classified as a name)
            found.extend(Mention(tokens[i].start, tokens[i].end, ORG, tokens[i].sentence) for i in columns.where(self.domains)
                         if tokens[i].sentence in self.looked_at and not tokens[i].capitalised)
        sentence, looked_at = columns.sentence, self.looked_at
        # Read from the columns (no Token built): these words are many on a long document.
        starts, ends, texts, lowers = columns.starts, columns.ends, columns.texts, columns.lowers
        capitalised, first = columns.capitalised, columns.first
        for i in columns.where(lex.person_nouns, PERSON_AFTER_THE, lex.org_nouns, lex.thing_nouns, suffixed):
            if sentence[i] not in looked_at:
                continue  # no pronoun looks here
            lower, text = lowers[i], texts[i]
            if capitalised[i] and not first[i] and not text.isupper():
                continue  # names were classified as runs
            if lower in ADJECTIVAL_PERSON_NOUNS and self._modifies_next(i):
                continue  # "official data", "the official website": an adjective, not a person
            if lower in self.lex.person_nouns or (
                    lower in PERSON_AFTER_THE and i > 0 and lowers[i - 1] == "the") or (
                    lower.endswith(PERSON_SUFFIXES) and len(lower) > 5 and lower not in NOT_PERSON_SUFFIX
                    and not lower.endswith(("men", "women"))):
                found.append(Mention(starts[i], ends[i], PERSON, sentence[i]))
            elif lower in self.lex.org_nouns or lower in self.lex.thing_nouns:
                kind = ORG if lower in self.lex.org_nouns else THING
                for back in range(i - 1, max(-1, i - 5), -1):
                    gap = self.view[ends[back]:starts[back + 1]]
                    if sentence[back] != sentence[i] or (
                            _CLAUSE_MARK.search(gap) and not (_QUOTE_GAP.fullmatch(gap) and (
                                self._in_short_quote(starts[back]) or self._in_short_quote(starts[back + 1])))):
                        break
                    if lowers[back] in DETERMINERS:
                        found.append(Mention(starts[back], ends[i], kind, sentence[i]))
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
        return not (lower in SPEECH_VERBS or lower in AFTER_PERSON_NOUN or lower.endswith(("ed", "s")))
