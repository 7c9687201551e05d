"""`doubled-title-word`: an English word written twice in a row, both times capitalised.

Shop and catalogue text translated from Chinese or Japanese gives a product word in the local
script and again in Latin letters, and MT renders both the same: "First Sale Sale Now",
"Gentle Cleansing Moisturizing Moisturizing Cream", "Preschool Preschool Books". The doubled-word
rule leaves pairs that are both capitalised alone, since names double ("Duran Duran", "Cao Cao",
"Lan Lan"). This kind takes them up when the word is an English word (in wordfreq's English list
at `min-zipf` or above), is no syllable of a romanised name (`skip`: a pattern, by default
pinyin syllables such as Lan, Han, Yin) and is not one of the `names` English doubles on purpose
(Walla Walla, Sing Sing); a word said three times is a chant or a hum. A cheap pattern finds the pairs; only then is the word list read.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError, word_list_option
from tqlint.kinds.frequencies import english_words

OPTIONS = {
    "min-zipf": "how common in English (Zipf scale) the word must be (default 2.5; wordfreq's large list below 3)",
    "names": "capitalised words English doubles in names on purpose (Walla, Sing, Duran): never flagged",
    "skip": "a pattern for words left alone, matched against the whole word (default: pinyin syllables)",
}
REQUIRED = ()

_PAIR = compile_pattern(r"(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}{2,})([ \t]+)\1(?![\p{L}\p{N}'’-])")
PINYIN_SYLLABLE = (r"(?:Zh|Ch|Sh|[BPMFDTNLGKHJQXRZCSYW])?"
           r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er"
           r"|a|o|e|i|u)|[AEO](?:ng|i|o|n|u|r)?")


def has_fix(options) -> bool:
    return True


def skip_option(options: dict):
    """The `skip` option compiled (words a pinyin reading may double, by default): RuleError
    naming it when it is no valid pattern. Shared with the bilingual reduplicated kind."""
    skip_source = options.get("skip", PINYIN_SYLLABLE)
    if not isinstance(skip_source, str):
        raise RuleError("`skip` must be a pattern", "skip")
    try:
        return compile_pattern(rf"(?:{skip_source})")  # (from the pattern store: a cold start compiles none)
    except regex.error as error:
        raise RuleError(f"`skip` is not a valid pattern: {error}", "skip") from error


def compile(options: dict, rule) -> Callable:
    min_zipf = options.get("min-zipf", 2.5)
    if isinstance(min_zipf, bool) or not isinstance(min_zipf, (int, float)) or not 1.0 <= min_zipf <= 8.0:
        raise RuleError("`min-zipf` must be a number from 1 to 8", "min-zipf")
    names = word_list_option(options, "names")
    skip = skip_option(options)
    floor_cb = round(min_zipf * 100)

    def find(doc, context):
        view = doc.view
        english = None
        for match in _PAIR.finditer(view):
            word = match.group(1)
            if word.casefold() in names or skip.fullmatch(word) or _said_again(view, match):
                continue
            if english is None:
                english = english_words(floor_cb)  # read once, and only when a pair is found
            if word.casefold() not in english:
                continue
            yield Hit(match.start(), match.end(), ((Edit(match.end(1), match.end(), ""),),))

    return find


def _said_again(view: str, match) -> bool:
    """A third copy before or after the pair: a chant or a hum ("Hoon Hoon Hoon"), not a gloss."""
    word = regex.escape(match.group(1))
    return bool(regex.match(rf"[ \t]+{word}(?![\p{{L}}\p{{N}}])", view[match.end():match.end() + 80])
                or regex.search(rf"(?<![\p{{L}}\p{{N}}]){word}[ \t]+$", view[max(0, match.start() - 80):match.start()]))
