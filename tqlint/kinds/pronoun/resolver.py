"""Deciding, pronoun by pronoun, whether an organisation is its antecedent and no person could be."""

from __future__ import annotations

import bisect

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds.pronoun.knowledge import (
    AFTER_OBJECT_HER,
    GENDER,
    HONORIFICS,
    INSTITUTION_ROLES,
    NEUTRAL,
    NOUN_GENDER,
    ORG,
    PERSON,
    PERSON_AFTER_THE,
    PRONOUNS,
    SPEECH_VERBS,
    THING,
    TITLE_GENDER,
    Lexicon,
)
from tqlint.kinds.pronoun.mentions import Mentions
from tqlint.kinds.pronoun.words import Mention, Token, contraction, inside
from tqlint.kinds.textcase import match_case

# A clause opens at a sentence start, after punctuation or a conjunction, and after a verb of
# meaning whose "that" is left out ("This does not mean the bank is weak").
_CLAUSE_START = compile_pattern(
    r"(?:^|[,;:(—–“\"«]|\b(?:that|and|but|while|whereas|although|though|because|when|after|before|since|if|so|as|which|where"
    r"|mean|means|meant))"
    r"\s*(?:(?:the|this|that)\s+)?$",
    regex.IGNORECASE,
)
# A sentence that opens with a preposition before the pronoun: "In her statement, …".
_FRONTED = compile_pattern(
    r"\s*[“\"]?(?:in|on|at|for|with|despite|after|before|during|according\s+to|under|through|from|since|"
    r"unlike|like|as\s+part\s+of|as\s+for|by|to|following)\s+$",
    regex.IGNORECASE,
)
# Patterns used inside loops, compiled once rather than looked up in regex's cache each time.
_EITHER_PRONOUN = compile_pattern(r"\b(?:he|she|his|her|him)\s*(?:/|\bor\b)\s*(?:he|she|his|her|him|hers)\b|s/he")
_NOT_WORD_OR_SPACE = compile_pattern(r"[^\w\s'’-]")
# The end of a quotation just before a pronoun, possibly with a verb of saying between them.
_CLAUSE_COMMA = compile_pattern(r",[ \t]*$")
_ATTRIBUTION_END = compile_pattern(r"[ \t]+\p{Ll}+[ \t]*(?:[.!?]|$)")
# Also a dash after the closing mark, as Russian and Ukrainian punctuate it: "“…” - she said".
_AFTER_QUOTATION = compile_pattern(
    r"(?:[,.!?…—–-][ \t]*[”\"’»][ \t]*(?:,?[ \t]*[—–-][ \t]*)?|[”\"’»][ \t]*,?[ \t]*[—–-][ \t]*)(?:(\p{L}+)[ \t]+)?$")
# "The court ruled that she…": a ruling's that-clause is about a party to it, not the court.
_RULING_THAT = compile_pattern(
    r"\b(?:ruled|decided|found|ordered|concluded|determined|held|judged|declared|established)\s+that\s+$",
    regex.IGNORECASE,
)
# "the ministry and his officials": a pronoun coordinated with a name refers to it.
_COORDINATED = compile_pattern(r"(?:['’]s)?,?\s+(?:and|or|as well as)\s+", regex.IGNORECASE)


class Resolver:
    """Decides, pronoun by pronoun, what the mentions of one document let it refer to."""

    def __init__(self, doc, lexicon: Lexicon, context):
        self._found = found = Mentions(doc, lexicon, context)
        self.doc, self.lex, self.view = doc, lexicon, found.view
        self.columns, self.tokens, self.mentions = found.columns, found.tokens, found.mentions
        self.maybe_pronouns = found.maybe_pronouns

    @property
    def quotes(self) -> list[tuple[int, int]]:
        return self._found.quotes

    # --- pronouns ----------------------------------------------------------------------------
    def pronouns(self):
        """Yield (token, replacement, antecedent mention) for each pronoun to flag."""
        viable = self._found.viable  # the sentences of pronouns with an organisation or thing in reach
        if not viable:
            return
        quoted = self.quotes
        mention_sentences = [m.sentence for m in self.mentions]
        resolved: list[Mention] = []  # pronouns already seen, as mentions of what they refer to
        tokens, columns = self.tokens, self.columns
        starts, texts, lowers, possessive, sentences = (
            columns.starts, columns.texts, columns.lowers, columns.possessive, columns.sentence)
        for i in self.maybe_pronouns:
            # Read from the columns: a Token is built only for a pronoun in a viable sentence.
            word = lowers[i]
            short = contraction(texts[i])
            if short:
                word = short.group(1).lower()
            if word not in PRONOUNS or possessive[i]:
                continue
            start, sentence = starts[i], sentences[i]
            end = start + len(word)
            as_person = Mention(start, end, PERSON, sentence)
            # Earlier pronouns count only within the person window (`_person_could_own`, and
            # `_person_gender` after a person in it): older ones are dropped, so a long article
            # costs linear time rather than quadratic.
            if resolved and resolved[0].sentence < sentence - self.lex.person_window:
                resolved = [r for r in resolved if r.sentence >= sentence - self.lex.person_window]
            if sentence not in viable:
                resolved.append(as_person)
                continue
            token = tokens[i]
            if self._skip(i, token, word, quoted):
                resolved.append(as_person)
                continue
            replacement = PRONOUNS[word] or self._her(i)
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
        if nxt and nxt.lower in HONORIFICS and token.capitalised:
            return True  # "Her Majesty"
        # "he or she", "his/her": generic people, not an antecedent error.
        around = self.view[max(0, token.start - 8):token.start + len(word) + 8].lower()
        if _EITHER_PRONOUN.search(around):
            return True
        if _RULING_THAT.search(self.view, max(0, token.start - 20), token.start):
            return True
        return inside(quoted, token.start) or self._attributes_speech(token)

    def _attributes_speech(self, token: Token) -> bool:
        """"…,” she said", "“…?” he asked", "…,” said she": whoever speaks a quotation is a
        person (an organisation's words are quoted with "it said", never "she said")."""
        match = _AFTER_QUOTATION.search(self.view, max(0, token.start - 30), token.start)
        if match and (match.group(1) is None or match.group(1).lower() in SPEECH_VERBS):
            return True
        # Reported speech closed the same way, without quotation marks: "…, he demanded."
        return bool(_CLAUSE_COMMA.search(self.view, max(0, token.start - 4), token.start)
                    and _ATTRIBUTION_END.match(self.view, token.end))

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
        if (nxt.lower in AFTER_OBJECT_HER or nxt.lower.endswith(("ly", "ed")) or nxt.text[0].isdigit()
                or nxt.lower in self.lex.person_context and nxt.lower.endswith("s")):
            return "it"
        return "its"

    def _antecedent(self, i: int, token: Token, word: str, mention_sentences, resolved, object_: bool) -> Mention | None:
        """The organisation the pronoun refers to, or None when a person could own it."""
        k = token.sentence
        lo = bisect.bisect_left(mention_sentences, k - self.lex.person_window)
        hi = bisect.bisect_right(mention_sentences, k)
        window = self.mentions[lo:hi]
        if self._person_could_own(token, GENDER.get(word), window, resolved):
            return None
        if self._person_context(i):
            return None
        # A thing ("the missile", "the vaccine") only close by (`thing-window`, `thing-reach`):
        # a person the text never names is likelier further away ("The car hit a tree. She…").
        before = [m for m in window if m.end <= token.start and (m.kind == ORG or (
            m.kind == THING and m.sentence >= k - self.lex.thing_window and token.start - m.end <= self.lex.thing_reach))]
        if object_ and any(m.sentence == k for m in before):
            # "The bank fined her": an object is never its own clause's subject (that would be
            # "itself"), so "her" is someone else, most likely a person outside the text.
            return None
        before = [m for m in before if m.sentence >= k - self.lex.org_window and not self._heads_person(m) and (
            self._subject_like(m) or _COORDINATED.fullmatch(self.view[m.end:token.start]))]
        if before:
            return before[-1]
        institution = self._institution_owner(i, token, window)
        if institution is not None:
            return institution
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

    def _institution_owner(self, i: int, token: Token, window: list[Mention]) -> Mention | None:
        """"We were taken to the sanatorium. His manager came": a sentence opening with his/her and
        an institution's role (manager, director, staff) after an organisation named in the
        sentence before, in any position, with no person in reach (already checked)."""
        if token.lower not in ("his", "her") or not token.sentence_start or i + 1 >= len(self.tokens):
            return None
        if self.tokens[i + 1].lower not in INSTITUTION_ROLES:
            return None
        earlier = [m for m in window if m.sentence == token.sentence - 1 and m.kind != NEUTRAL]
        if earlier and earlier[-1].kind == ORG and not self._heads_person(earlier[-1]):
            return earlier[-1]
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
                if gender is None or GENDER.get(self.view[r.start:r.end].lower()) in (None, gender):
                    return True
        return False

    def _person_gender(self, person: Mention, before: int, people: list[Mention], resolved: list[Mention]) -> str | None:
        """A named person's gender, when the text shows it: a title ("Mr", "Queen"), a given name
        that is only ever a man's or a woman's, or the first he/she left unflagged after the name,
        with no other person named in between."""
        words = self.view[max(0, person.start - 12):person.start].split()
        if words:
            title = TITLE_GENDER.get(words[-1].lower().rstrip("."))
            if title:
                return title
        noun = NOUN_GENDER.get(self.view[person.start:person.end].lower())
        if noun:
            return noun  # "a woman", "the spokesman"
        first = self.view[person.start:person.end].split()[0].lower().rstrip(".")
        if first in TITLE_GENDER:
            return TITLE_GENDER[first]
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
                return GENDER.get(self.view[r.start:r.end].lower())
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
                    lower in PERSON_AFTER_THE and i > 0 and self.tokens[i - 1].lower == "the") or (lower.endswith("s") and lower[:-1] in self.lex.person_nouns):
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
