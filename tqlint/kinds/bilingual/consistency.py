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
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.bilingual import pairs, transliterator_from

NEEDS_SOURCE = True
OPTIONS = {
    "transliteration": "each letter of another script → its Latin spellings (`ж: [zh, j]`)",
    "exonyms": "stems of names English does not spell out → the English names",
    "standard": "source language → {letters: one Latin spelling per letter, initial: word-initial ones}: the "
    "romanisation careful translators use (Ukrainian: the national system, Марина is Maryna); where some "
    "spelling of a name follows it, the fix writes that one rather than the commonest",
}
REQUIRED = ("transliteration",)
_POSSESSIVE = compile_pattern(r"['’]s?$")


def has_fix(options: dict) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    transliterator = transliterator_from(options)
    standards = _standards(options)

    lexicons: dict[str | None, EnglishLexicon] = {}

    def find(doc, context):
        spellings: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # name stem → (start, end, English)
        romanised: dict[str, str] = {}  # name stem → its standard romanisation, case ending aside
        doubled: dict[str, int] = {}  # name stem → how many doubled letters the source name has
        standard = standards.get(doc.bitext.language or "")
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
                doubled.setdefault(stem, _doubled(name.text))
                if standard is not None:
                    romanised.setdefault(stem, _romanise(name.text[:-1], standard))
        lexicon = lexicons.setdefault(doc.bitext.language, EnglishLexicon(doc.bitext.language, min_zipf=3.0))
        for stem, uses in spellings.items():
            yield from _inconsistent(uses, lexicon, romanised.get(stem), doubled.get(stem))

    return find


_ENDINGS = frozenset({"s", "es", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is"})


def _derived(one: str, other: str) -> bool:
    """One word made from the other (Caledonia, Caledonians; Kyiv, Kyivans): the name and its
    people, not two spellings."""
    short, long = sorted((one.casefold(), other.casefold()), key=len)
    return long.startswith(short) and long[len(short):] in _ENDINGS or (
        long.startswith(short[:-1]) and short[-1] in "aeiouy" and long[len(short) - 1:] in _ENDINGS)


def _standards(options: dict) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    table = options.get("standard") or {}
    if not isinstance(table, dict) or not all(
            isinstance(spec, dict) and set(spec) <= {"letters", "initial"}
            and all(isinstance(v, dict) and all(isinstance(x, str) for x in (*v, *v.values())) for v in spec.values())
            for spec in table.values()):
        raise RuleError("`standard` must map languages to {letters: {letter: spelling}, initial: {...}}", "standard")
    return {str(language): (dict(spec.get("letters", {})), dict(spec.get("initial", {})))
            for language, spec in table.items()}


def _romanise(text: str, standard: tuple[dict[str, str], dict[str, str]]) -> str:
    """`text` in the standard romanisation, lower case; a letter the table lacks is kept."""
    letters, initial = standard
    out = []
    for i, letter in enumerate(text.casefold()):
        table = initial if i == 0 or not text[i - 1].isalpha() else {}
        out.append(table.get(letter, letters.get(letter, letter)))
    return "".join(out)


# A doubled consonant letter (y aside: Zelenskyy's is a vowel's spelling).
_DOUBLE_CONSONANT = compile_pattern(r"([b-df-hj-np-tv-xz])\1")


def _doubled(word: str) -> int:
    """How many letters `word` writes twice in a row (Анна 1, Essenin 1), case aside."""
    folded = word.casefold()
    return sum(1 for a, b in zip(folded, folded[1:]) if a == b and a.isalpha())


def _inconsistent(uses: list[tuple[int, int, str]], lexicon, romanised: str | None = None,
                  source_doubled: int | None = None):
    """Spellings that are variants of the most common one (Zelenskyy beside Zelensky; Alexander
    beside Alexei is another name, and German beside Germany two English words). Where some
    spellings follow the standard romanisation (`romanised`, the name less its last letter, a
    case ending), the one spelling that does is the one to keep. Failing that, where the source
    name doubles fewer letters (`source_doubled`) than the commonest spelling doubles consonants,
    the commonest spelling that does not is kept: Essenin for Есенин is a French or German
    transcription (a single с between vowels written ss), which no English romanisation makes."""
    counts = Counter(word for _, _, word in uses)
    (common, most), *rest = counts.most_common()
    variants = {word for word, _ in rest if SequenceMatcher(None, word.casefold(), common.casefold()).ratio() >= 0.8
                and not (lexicon(word) and lexicon(common)) and not _derived(word, common)}
    if not variants:
        return
    tie = any(n == most for word, n in rest if word in variants)
    standard = [word for word, _ in counts.most_common() if (word in variants or word == common)
                and romanised and word.casefold().startswith(romanised)]
    if len(standard) != 1 and source_doubled is not None:
        candidates = standard or [word for word, _ in counts.most_common() if word in variants or word == common]
        plain = [word for word in candidates if len(_DOUBLE_CONSONANT.findall(word.casefold())) <= source_doubled]
        if plain and common not in plain and (len(plain) == 1 or counts[plain[0]] > counts[plain[1]]):
            standard = plain[:1]  # the commonest spelling that doubles no consonant the source does not
    if len(standard) != 1:
        standard = _pinyin_ng(counts, variants | {common}) or standard
    if len(standard) == 1 and (common not in standard or tie):
        keep = standard[0]  # the one spelling that follows the standard decides, tie or not
        variants, common, tie = (variants | {common}) - {keep}, keep, False
    shown = ", ".join(sorted(variants | {common}))
    for start, end, word in uses:
        if word in variants or (tie and word == common):
            message = f"This article spells one source name as {shown}: keep to one."
            yield Hit(start, end, message=message) if tie else Hit.replace(start, end, (common,), message)


def _pinyin_ng(counts: Counter, spellings: set[str]) -> list[str]:
    """[the -ng spelling] where one spelling is another plus a final g (Feng beside Fen): a Chinese
    name through Russian (Фэн, Дин, Хун); Cyrillic н never romanises as ng, so that spelling is
    the pinyin, however rare, and the spelling without the g is the one to mend."""
    ng = [word for word, _ in counts.most_common() if word in spellings and word.casefold().endswith("ng")
          and word[:-1] in spellings]
    return ng[:1] if len(ng) == 1 else []
