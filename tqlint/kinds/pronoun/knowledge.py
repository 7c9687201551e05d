"""What the pronoun kind knows about words: which pronoun stands for whom, which titles and
nouns give a gender, which small words join or end a name, and the lexicon a rule's options build."""

from __future__ import annotations

from dataclasses import dataclass

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import RuleError

PERSON, ORG, THING, NEUTRAL = "person", "organisation", "thing", "neutral"
PRONOUNS = {
    "he": "it", "she": "it", "him": "it", "his": "its", "her": None,  # her: its or it, by position
    "himself": "itself", "herself": "itself",
}
# Which person a pronoun could stand for: he/him/his only for a man, she/her for a woman.
GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
# Titles before a name that give the person's gender.
TITLE_GENDER = {
    **dict.fromkeys("mr mister sir lord king prince duke count baron monsieur m herr signor signore don dom domnul senor señor".split(), "m"),
    **dict.fromkeys("mrs ms miss lady dame queen princess duchess countess baroness madame mme mlle frau signora doña dona doamna senora señora".split(), "f"),
}
# Person nouns that are also adjectives: a person only when no noun follows ("official data").
ADJECTIVAL_PERSON_NOUNS = frozenset("official representative individual criminal professional expert".split())
# Words after a person noun that show it is the noun ("an official who", "the executive will").
AFTER_PERSON_NOUN = frozenset("""who whom whose that which was is will would has had can could should may might must
    and or but to of in on at for with from by as last this next yesterday today tomorrow recently earlier
    later also now then again since until before after when while because so if not never""".split())
# "Storm Ciarán", "Hurricane Ian": a name given to weather, not a person.
WEATHER_NAMES = frozenset("storm hurricane typhoon cyclone tropical".split())
# Person nouns that say which pronoun they take.
NOUN_GENDER = {
    **dict.fromkeys("""man men boy boys father husband brother son uncle grandfather king prince
        spokesman chairman businessman policeman congressman fireman sportsman nephew""".split(), "m"),
    **dict.fromkeys("""woman women girl girls mother wife sister daughter aunt grandmother queen princess
        spokeswoman chairwoman businesswoman policewoman congresswoman actress sportswoman niece""".split(), "f"),
}
# Joins capitalised words into one name: "Bank of England", "Ministry of Finance", "Leonardo da Vinci".
CONNECTORS = frozenset("of for de du des la le von van der den di da del dos das al el bin".split())
DETERMINERS = frozenset(("the", "this", "that"))
# After "her": words that show "her" is an object ("told her that", "gave her a"), not possessive.
AFTER_OBJECT_HER = frozenset("""a an the to that this these those and or but nor so in on at for with by from of
    as about into onto over under after before since until if when while because than then again too also
    up down out off back away here there now yesterday today tomorrow last next once twice is was will would
    should could can may might must has had have did does do it them him me us
    among amongst against between through throughout across along around beside besides beyond despite
    during toward towards upon via within without unlike""".split())
# "Her Majesty", "His Excellency": forms of address, never an agreement error.
HONORIFICS = frozenset("majesty highness excellency holiness grace lordship ladyship eminence honour honor".split())
# "His manager, …" opening a sentence after "taken to the sanatorium": the people who run an
# institution; after his/her they may show its possessor is the institution just named.
INSTITUTION_ROLES = frozenset("manager managers director directors leader leadership management administration staff employees".split())
PERSON_SUFFIXES = ("man", "woman", "person")
PERSON_AFTER_THE = frozenset(("accused", "deceased"))  # "the accused", not "critics accused"
NOT_PERSON_SUFFIX = frozenset("human humans german germans roman romans shaman ottoman".split())
# "Lundmark said": a capitalised word before a verb of saying is a name, not a common word that
# opens a sentence. (After a pronoun these prove nothing: organisations say things too.)
SPEECH_VERBS = frozenset(
    "said says added told explained stressed insisted argued wrote asked replied answered".split()
)


@dataclass(frozen=True)
class Lexicon:
    """The word lists and windows a pronoun rule's options give (lexicon_from)."""
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
    thing_nouns: frozenset = frozenset()
    thing_window: int = 0
    thing_reach: int = 60
    org_acronyms: frozenset = frozenset()  # names written in capitals (WHO, GE): matched only so


WORD = compile_pattern(r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*(?:[-&'’.][\p{L}\p{M}\p{Nd}]+)*")
PRONOUN_WORDS = frozenset(PRONOUNS)  # the words the kind's pronoun search finds


def name_key(name: str) -> str:
    """A name as the resolver compares it: its words, lowercased, without a possessive 's."""
    if name.isascii() and name.replace(" ", "").isalnum():
        # ASCII letters and digits between spaces (most names): WORD finds what split() does,
        # and none ends in a possessive 's.
        return " ".join(name.lower().split())
    words = []
    for word in WORD.findall(name):
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]
        words.append(word.lower())
    return " ".join(words)


def _listed(options, key, required=True) -> list | None:
    """The option's list of words (None when it is optional and absent), or RuleError."""
    value = options.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"`{key}` must be a list of words or names", key)
    return value


def _words(options, key, lower=True, required=True) -> frozenset:
    value = _listed(options, key, required)
    if value is None:
        return frozenset()
    return frozenset(" ".join(v.split()).lower() if lower else " ".join(v.split()) for v in value)


def _window(options, key, default) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20:
        raise RuleError(f"`{key}` must be a number of sentences from 0 to 20", key)
    return value


def _reach(options, key, default) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 1000:
        raise RuleError(f"`{key}` must be a number of characters from 1 to 1000", key)
    return value


def is_initialism(text: str) -> bool:
    """Four capitals or more with at most a few lowercase letters between ("SNCF", "BVerfG",
    "ByteDance" is not one): the shape of an organisation's initials."""
    capitals = sum(c.isupper() for c in text)
    return capitals >= 4 and capitals >= 0.6 * sum(c.isalpha() for c in text)


# A web address used as a name ("Zpravy24.cz", "the hokejka.cz"): a news site, an organisation.
# Czech, Slovak, Russian and Ukrainian news name a site by its domain, and the site's noun
# ("server", "портал") is masculine, so MT writes "he". The country endings of the languages
# whose nouns have a gender, and the common generic ones.
_DOMAIN = compile_pattern(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|eu|cz|sk|pl|de|at|ch|ru|ua|by|ro|fr|it|es|pt|hu|bg|hr|rs|si|lt|lv|ee)")


def web_domains(words) -> set[str]:
    """The words of `words` (lowercase) that are web addresses used as names: "seznam.cz"."""
    return {word for word in words if "." in word and _DOMAIN.fullmatch(word)}


# lexicon_from's options in the order it reads them: (key, required); None for a window or reach.
_CHECKED = (("organisations", True), ("organisation-words", True), ("organisation-nouns", True),
            ("organisation-evidence", False), ("given-names", True), ("people", False), ("titles", True),
            ("person-nouns", True), ("not-names", False), ("common-words", False), ("person-context", False),
            ("organisation-window", None), ("person-window", None), ("male-given-names", False),
            ("female-given-names", False), ("thing-nouns", False), ("thing-window", None), ("thing-reach", None))
_DEFAULTS = {"organisation-window": 2, "person-window": 4, "thing-window": 0}


def check_options(options: dict) -> None:
    """Raise the RuleError lexicon_from(options) would, without building the lexicon (which
    costs a cold process checking one article more than linting it)."""
    for key, required in _CHECKED:
        if required is not None:
            _listed(options, key, required)
        elif key == "thing-reach":
            _reach(options, key, 60)
        else:
            _window(options, key, _DEFAULTS[key])


def lexicon_from(options: dict) -> Lexicon:
    """The lexicon a rule's options describe (RuleError naming the key if one is malformed)."""
    return Lexicon(
        organisations=frozenset(name_key(n) for n in _words(options, "organisations")),
        org_acronyms=frozenset(name_key(n) for n in _words(options, "organisations", lower=False) if n.isupper()),
        org_words=_words(options, "organisation-words", lower=False),
        org_nouns=_words(options, "organisation-nouns"),
        org_evidence=_words(options, "organisation-evidence", required=False),
        given_names=_words(options, "given-names"),
        people=frozenset(name_key(n) for n in _words(options, "people", required=False)),
        titles=frozenset(w.rstrip(".") for w in _words(options, "titles")),
        person_nouns=_words(options, "person-nouns"),
        not_names=frozenset(name_key(n) for n in _words(options, "not-names", required=False)),
        common_words=_words(options, "common-words", required=False),
        person_context=_words(options, "person-context", required=False),
        org_window=_window(options, "organisation-window", 2),
        person_window=_window(options, "person-window", 4),
        male_names=_words(options, "male-given-names", required=False),
        female_names=_words(options, "female-given-names", required=False),
        thing_nouns=_words(options, "thing-nouns", required=False),
        thing_window=_window(options, "thing-window", 0),
        thing_reach=_reach(options, "thing-reach", 60),
    )
