"""`source-reduplicated-name`: a reduplicated Chinese or Japanese name split into two words
("Lan Lan" for 兰兰, "Dan Dan" for 丹丹).

Chinese pet names and many given names double one character; pinyin writes the doubled syllable
as one word (Lanlan, Dandan, Rongrong), and so do English newsrooms. MT transcribes character by
character and gives each its capital: "Consultant Lan Lan helped us". A doubled capitalised
syllable of the translation is flagged only when its source holds a doubled character of the same
script (two identical Han, kana or hangul characters in a row) in the paragraph, so that two different characters
read alike ("Han Han" for 韩寒, "Cao Cao" for 曹操) are left alone. The fix, not safe (a brand may
keep the split: Want Want), writes the syllable once with the second in lower case.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import pairs

NEEDS_SOURCE = True
OPTIONS = {
    "max-letters": "letters a syllable may have at most (default 6: the longest pinyin syllable, zhuang)",
}
REQUIRED = ()

_DOUBLED_CHARACTER = compile_pattern(r"([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])\1")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
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
