"""`source-consistency`: one source name spelled two ways in one article.

Each capitalised name of another script (Зеленський) is looked for in its aligned English
through the transliteration table (tqlint.bilingual.names); where the article spells one name in
two ways (Zelensky, Zelenskyy), the rarer spelling is flagged and the fix writes the more
common one (when one is more common).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher

from tqlint.bilingual.lexicon import EnglishLexicon
from tqlint.bilingual.names import source_names
from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit
from tqlint.kinds.bilingual import pairs, transliterator_from

NEEDS_SOURCE = True
OPTIONS = {
    "transliteration": "each letter of another script → its Latin spellings (`ж: [zh, j]`)",
    "exonyms": "stems of names English does not spell out → the English names",
}
REQUIRED = ("transliteration",)
_POSSESSIVE = compile_pattern(r"['’]s?$")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    transliterator = transliterator_from(options)

    lexicons: dict[str | None, EnglishLexicon] = {}

    def find(doc, context):
        spellings: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # name stem → (start, end, English)
        for pair in pairs(doc):
            for name in source_names(pair.source, doc.bitext.language, transliterated=True):
                if name.kind != "transliterated":
                    continue
                found = transliterator.spelling_in(name.text, pair.target)
                if found is None:
                    continue
                word = _POSSESSIVE.sub("", pair.target[found[0]:found[1]])
                stem = name.text.casefold()[:5]  # case endings aside; different names are told apart below
                spellings[stem].append((pair.target_offset + found[0], pair.target_offset + found[0] + len(word), word))
        lexicon = lexicons.setdefault(doc.bitext.language, EnglishLexicon(doc.bitext.language, min_zipf=3.0))
        for uses in spellings.values():
            yield from _inconsistent(uses, lexicon)

    return find


_ENDINGS = frozenset({"s", "es", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is"})


def _derived(one: str, other: str) -> bool:
    """One word made from the other (Caledonia, Caledonians; Kyiv, Kyivans): the name and its
    people, not two spellings."""
    short, long = sorted((one.casefold(), other.casefold()), key=len)
    return long.startswith(short) and long[len(short):] in _ENDINGS or (
        long.startswith(short[:-1]) and short[-1] in "aeiouy" and long[len(short) - 1:] in _ENDINGS)


def _inconsistent(uses: list[tuple[int, int, str]], lexicon):
    """Spellings that are variants of the most common one (Zelenskyy beside Zelensky; Alexander
    beside Alexei is another name, and German beside Germany two English words)."""
    counts = Counter(word for _, _, word in uses)
    (common, most), *rest = counts.most_common()
    variants = {word for word, _ in rest if SequenceMatcher(None, word.casefold(), common.casefold()).ratio() >= 0.8
                and not (lexicon(word) and lexicon(common)) and not _derived(word, common)}
    if not variants:
        return
    tie = any(n == most for word, n in rest if word in variants)
    shown = ", ".join(sorted(variants | {common}))
    for start, end, word in uses:
        if word in variants or (tie and word == common):
            message = f"This article spells one source name as {shown}: keep to one."
            yield Hit(start, end, message=message) if tie else Hit.replace(start, end, (common,), message)
