"""`source-reduplicated-name`: a doubled name of the translation measured against its source.

Two modes, chosen by `source`:

- `doubled` (the default): a reduplicated Chinese or Japanese name split into two words ("Lan
  Lan" for 兰兰, "Dan Dan" for 丹丹). Chinese pet names and many given names double one
  character; pinyin writes the doubled syllable as one word (Lanlan, Dandan, Rongrong), and so do
  English newsrooms. MT transcribes character by character and gives each its capital: "Consultant
  Lan Lan helped us". A doubled capitalised syllable of the translation is flagged only when its
  source holds a doubled character of the same script (two identical Han, kana or hangul
  characters in a row) in the paragraph, so that two different characters read alike ("Han Han"
  for 韩寒, "Cao Cao" for 曹操) are left alone. The fix, not safe (a brand may keep the split:
  Want Want), writes the syllable once with the second in lower case.
- `single`: a capitalised word written twice ("Yokan Yokan", "Magnifier Magnifier") where the
  paragraph's source doubles nothing: no run of one to four CJK characters said twice in a row, no
  two neighbouring words alike but for a case ending (Duran Duran, Цао Цао, Cchao Cchaa). The
  plain doubled-word rule leaves capitalised doubles alone as names; the source shows there is no
  doubled name to render. Where the source is written in Han or kana, a word that may be a pinyin
  syllable (`skip`) is left alone: two different characters may read alike (韩寒, Han Han).
  Reduplications English makes of one source word ("Bye bye", "Ha ha") are listed in `words`.
  The fix, not safe, keeps the first copy.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError, word_list_option
from tqlint.kinds.bilingual import pairs
from tqlint.kinds.doubled_title import skip_option

NEEDS_SOURCE = True
OPTIONS = {
    "max-letters": "letters a syllable may have at most (default 6: the longest pinyin syllable, zhuang)",
    "source": "`doubled` (default): the source doubles a character, the English splits the name; "
              "`single`: the source doubles nothing, the English doubles a capitalised word",
    "skip": "with `source: single`: a pattern for words left alone under a Han or kana source, "
            "matched against the whole word (default: pinyin syllables)",
    "words": "with `source: single`: words English doubles of itself (bye, ha): never flagged",
}
REQUIRED = ()

_DOUBLED_CHARACTER = compile_pattern(r"([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])\1")
# a run said twice, maybe with the dot or space that parts a foreign name (瑟汉·瑟汉, ワラ・ワラ)
_REPEATED_RUN = compile_pattern(r"([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー]{1,4})[·・‧=＝\s-]?\1")
_HAN_OR_KANA = compile_pattern(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_SOURCE_WORD = compile_pattern(r"\p{L}[\p{L}\p{M}]*")
# A capitalised word (two letters or more) and the same word again, capitalised too (a second
# copy in lower case is the plain doubled-word rule's), neither glued to a letter, digit,
# apostrophe or hyphen.
_CAPITAL_PAIR = compile_pattern(r"(?<![\p{L}\p{M}\p{N}'’-])(\p{Lu}[\p{L}\p{M}]+)[ \u00a0]+(?=\p{Lu})(?i:\1)(?![\p{L}\p{M}\p{N}'’-])")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    mode = options.get("source", "doubled")
    if mode not in ("doubled", "single"):
        raise RuleError("`source` must be `doubled` or `single`", "source")
    if mode == "single":
        return _single(options)
    longest = options.get("max-letters", 6)
    if isinstance(longest, bool) or not isinstance(longest, int) or not 1 <= longest <= 12:
        raise RuleError("`max-letters` must be a whole number from 1 to 12", "max-letters")
    doubled = compile_pattern(rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’-])(\p{{Lu}}\p{{Ll}}{{0,{longest - 1}}})[ \u00a0]\1(?![\p{{L}}\p{{M}}\p{{N}}-])")

    def find(doc, context):
        for pair in pairs(doc):
            # the paragraph's source: a long source sentence may be split over several English ones
            if not _DOUBLED_CHARACTER.search(doc.bitext.source_of(pair.paragraph)):
                continue
            for match in doubled.finditer(doc.view, pair.link.target_start, pair.link.target_end):
                syllable = match.group(1)
                joined = syllable + syllable.lower()
                yield Hit(match.start(), match.end(), ((Edit(match.start(), match.end(), joined),),),
                          f"'{match.group()}' is one doubled name in the source: pinyin writes it as one word, '{joined}'.",
                          (pair.link.source_start, pair.link.source_end))

    return find


def _single(options: dict) -> Callable:
    allowed = word_list_option(options, "words")
    skip = skip_option(options)

    def find(doc, context):
        for pair in pairs(doc):
            source = doc.bitext.source_of(pair.paragraph)
            if _source_doubles(source):
                continue
            han = _HAN_OR_KANA.search(source) is not None
            for match in _CAPITAL_PAIR.finditer(doc.view, pair.link.target_start, pair.link.target_end):
                word = match.group(1)
                if word.casefold() in allowed or (han and skip.fullmatch(word)):
                    continue
                yield Hit(match.start(), match.end(), ((Edit(match.start(), match.end(), word),),),
                          f"'{match.group()}': the source says this once; keep one '{word}'.",
                          (pair.link.source_start, pair.link.source_end))

    return find


def _source_doubles(source: str) -> bool:
    """Does the source say something twice in a row: a run of CJK characters, or two words alike
    but for an ending of at most two letters (Cchao Cchaa, Duran Duran)?"""
    if _REPEATED_RUN.search(source):
        return True
    words = [w.casefold() for w in _SOURCE_WORD.findall(source)]
    for first, second in zip(words, words[1:]):
        common = 0
        for a, b in zip(first, second):
            if a != b:
                break
            common += 1
        if common >= min(3, len(first), len(second)) and common >= max(len(first), len(second)) - 2:
            return True
    return False
