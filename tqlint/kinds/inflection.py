"""`inflected-name`: a name left in a case form of the source language ("Nováka", "Respektu").

Czech, Slovak, Polish, Russian and Ukrainian (and Icelandic) decline names: "Horák and Nováka"
is Czech genitive of Novák, "wrote for Respektu" Czech locative of the weekly Respekt. English
never inflects a name, so a capitalised word is flagged when it is a name the article also writes
in its base form, plus a case ending of one of the `endings` languages: the same stem, the base
form ending in a nominative ending ("", "a", "o"…), the flagged one in an oblique one ("u",
"ovi", "ou", "om"…). A form English itself knows (Israeli, Paula, Roberta: frequent in English
by wordfreq) is never flagged. The fix, not safe, writes the base form. An -a form that the
article itself declines with an ending only -a nominatives take ("Buchi" beside "Bucha") is a
nominative: not flagged, and the base of those forms rather than a bare "Buch". Nor is a form
joined to its base by "and", "or" or a comma ("Moroz and Moroza"): a man and a woman of one
surname, the -a form her nominative. Nor is a form in -a that the text marks as a woman's
(a title or kinship noun before it, "Ms Kharlamova", "his wife, Kharlamova", or "she" after it
in its sentence): Russian, Ukrainian and Polish feminine surnames are the husband's or
father's name plus -a, a nominative in its own right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.frequencies import FrequencyError, english_words

OPTIONS = {
    "endings": "mapping language → {base: nominative endings, oblique: case endings}, e.g. cs: {base: ['', a], oblique: [u, ovi]}",
    "max-english-zipf": "a form at least this frequent in English (Zipf, wordfreq) is English, not an inflection (default 2.0)",
    "min-stem": "letters the shared stem needs at least (default 3)",
    "feminine-before": "words that mark the next name as a woman's (Ms, Mrs, wife, daughter): a form in -a after one, or "
    "with 'she' later in its sentence, is her surname's nominative, not a case form (default none)",
    "a-stem-endings": "case endings only a name whose nominative ends in -a takes (Czech -ou, Russian -oy, -i of "
    "Buchi): where the article has one, the -a form beside it is that nominative (default none)",
}
REQUIRED = ("endings",)

_NAME = compile_pattern(r"(?<![\p{L}\p{M}\p{N}'’-])\p{Lu}[\p{Latin}\p{M}]*\p{Ll}(?![\p{L}\p{M}\p{N}]|['’-]\p{L})")


def has_fix(options) -> bool:
    return True


def _endings(options) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    table = options.get("endings")
    if not isinstance(table, dict) or not table:
        raise RuleError("`endings` must map languages to {base: [...], oblique: [...]}", "endings")
    out = {}
    for language, spec in table.items():
        if not isinstance(spec, dict) or set(spec) != {"base", "oblique"} or not all(
                isinstance(v, list) and all(isinstance(e, str) for e in v) for v in spec.values()):
            raise RuleError(f"`endings`: {language!r} needs `base` and `oblique`, lists of endings", "endings")
        if "" in spec["oblique"]:
            raise RuleError(f"`endings`: {language!r}: an oblique ending cannot be empty", "endings")
        out[str(language)] = (tuple(spec["base"]), tuple(sorted(spec["oblique"], key=len, reverse=True)))
    return out


def compile(options: dict, rule) -> Callable:
    endings = _endings(options)
    max_english = options.get("max-english-zipf", 2.0)
    min_stem = options.get("min-stem", 3)
    if isinstance(max_english, bool) or not isinstance(max_english, (int, float)) or not 0 < max_english <= 8:
        raise RuleError("`max-english-zipf` must be a number from 0 to 8", "max-english-zipf")
    if isinstance(min_stem, bool) or not isinstance(min_stem, int) or not 1 <= min_stem <= 10:
        raise RuleError("`min-stem` must be a whole number from 1 to 10", "min-stem")
    floor = round(100 * max_english)
    a_stem = options.get("a-stem-endings", [])
    if not isinstance(a_stem, list) or not all(isinstance(e, str) and e for e in a_stem):
        raise RuleError("`a-stem-endings` must be a list of endings", "a-stem-endings")
    woman = _woman_pattern(options.get("feminine-before", []))
    # Per language: base endings, the oblique ones as a set, and the longest of those.
    prepared = {x: (base, frozenset(oblique), max(map(len, oblique), default=0)) for x, (base, oblique) in endings.items()}

    endings_seen: dict[tuple, dict[str, tuple]] = {}  # languages -> word -> its `_declensions`

    def find(doc, context):
        view = doc.view
        matches = list(_NAME.finditer(view))
        if len(matches) < 2:
            return
        languages = [x for x in endings if not context.source_languages or x in context.source_languages]
        forms: dict[str, int] = {}
        for m in matches:
            forms[m.group()] = forms.get(m.group(), 0) + 1
        tables = [prepared[x] for x in languages]
        nominatives = _a_nominatives(forms, a_stem, min_stem)
        declines = _declines(forms, tables, min_stem, endings_seen.setdefault(tuple(languages), {}), nominatives)
        bases = set(declines.values())
        english = None
        for match in matches:
            base = declines[match.group()]
            if base is None or match.group() in bases or _plain(base) == _plain(match.group()):
                continue  # a base itself ("Bucha" beside "Buchi"), or a spelling without accents ("Srncova")
            if english is None:
                try:
                    english = english_words(floor)
                except FrequencyError as error:
                    raise RuleError(str(error)) from None
            if match.group().lower() in english or _a_name_as_written(view, match, base, english, woman):
                continue
            yield Hit.replace(match.start(), match.end(), [base],
                              f"'{match.group()}' looks like a case form of '{base}', which the article also "
                              "writes: English does not decline names.")

    return find


# Short English words that end a name rather than join one ("Horák and Nováka", "via Jihlavou to Pardubice").
_ENGLISH_SHORT = frozenset("a an the and or but nor to of in on at by for from as is was are be it its via".split())
_BEFORE = compile_pattern(r"(\p{L}[\p{L}\p{M}]*)[ \t]+$")
_AFTER = compile_pattern(r"[ \t]+(\p{L}[\p{L}\p{M}]*)")


def _in_longer_name(view: str, match, english) -> bool:
    """Part of a longer foreign name, whose words agree in case with each other and are written so
    in English too ("České dráhy", "Spolek pro Starou Lhotu", "Lhota u Kladna"): a neighbour,
    joined by spaces, that is capitalised or no English word — looking past one short lowercase
    word ("pro", "u", "nad")."""
    for step in (-1, +1):
        at, end = match.start(), match.end()
        for _ in range(2):
            neighbour = (_BEFORE.search(view, max(0, at - 40), at) if step < 0 else _AFTER.match(view, end))
            if not neighbour:
                break
            word = neighbour.group(1)
            if word[0].isupper() or word.lower() not in english:
                return True
            if len(word) > 3 or word in _ENGLISH_SHORT:
                break
            at, end = neighbour.start(1), neighbour.end(1)
    return False


def _a_name_as_written(view: str, match, base: str, english, woman: regex.Pattern | None) -> bool:
    """A word of a longer name, a form coordinated with its base, or a woman's own surname in -a
    (Kharlamova beside Kharlamov): not a case form."""
    if _in_longer_name(view, match, english) or _paired_with(view, match, base):
        return True
    return woman is not None and match.group() == base + "a" and _a_woman(view, match, woman)


def _woman_pattern(words) -> regex.Pattern | None:
    """A title or noun from `feminine-before` right before a name, an optional comma between."""
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise RuleError("`feminine-before` must be a list of words", "feminine-before")
    if not words:
        return None
    alternatives = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    return compile_pattern(rf"(?<![\p{{L}}\p{{M}}])(?:{alternatives})\.?,?[ \t]+$")


_SHE_AFTER = compile_pattern(r"[^.!?\n]{0,80}?(?<![\p{L}\p{M}])she(?![\p{L}\p{M}])")


def _a_woman(view: str, match, woman: regex.Pattern) -> bool:
    """Does the text mark the form in -a as a woman's name ("Ms Kharlamova", "his wife, Kharlamova",
    "Kharlamova said she …")? Then -a is the feminine surname's nominative, not a genitive."""
    if woman.search(view, max(0, match.start() - 30), match.start()):
        return True
    return _SHE_AFTER.match(view, match.end()) is not None


_PAIRED = r"[ \t]*(?:,|&|\band\b|\bor\b)[ \t]*"


def _paired_with(view: str, match, base: str) -> bool:
    """The form and its base side by side, joined by "and", "or" or a comma ("Moroz and
    Moroza", "Novakova, Novak"): two people of one surname (a man and a woman, whose -a form
    is the feminine nominative), not a case form, which never stands coordinated with its own
    nominative."""
    name = regex.escape(base)
    before = regex.search(rf"(?<![\p{{L}}\p{{M}}]){name}{_PAIRED}$", view[max(0, match.start() - len(base) - 12):match.start()])
    after = regex.match(rf"{_PAIRED}{name}(?![\p{{L}}\p{{M}}])", view[match.end():match.end() + len(base) + 12])
    return before is not None or after is not None


def _more_frequent_base(word: str, ending: str, base_endings, forms: dict[str, int], order: dict[str, int]) -> bool:
    """Is a base form of `word` commoner in the article, or as common and written first (an
    article introduces a name before it varies it)? `order` numbers `forms` by first appearance."""
    stem = word[:len(word) - len(ending)]
    for base in base_endings:
        candidate = stem + base
        if base == ending or candidate not in forms:
            continue
        if forms[candidate] > forms[word] or (forms[candidate] == forms[word] and order[candidate] < order[word]):
            return True
    return False


def _plain(word: str) -> str:
    """The word without accents: "Srncová" and "Srncova" are one spelling."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_MAX_KNOWN = 200_000  # words whose endings a rule remembers across documents (a few tens of MB at most)


def _declensions(word: str, tables, min_stem: int) -> tuple:
    """What `word`'s endings could decline, whatever the article: (ending, its language's base
    endings, whether the ending is a base ending too, the base forms it would come from). The
    endings `word` has are found by its own suffixes in the set of endings (not by trying each of
    the list's dozens of endings); each is judged alone, so their order is free."""
    found = []
    for base_endings, oblique, longest in tables:
        for n in range(1, min(longest, len(word) - min_stem) + 1):
            ending = word[-n:]
            if ending not in oblique:
                continue
            if len(ending) == 1 and word[-2:-1] == ending:
                continue  # a doubled last letter is a spelling ("Zelenskyy", "Zelensky"), not a case
            stem = word[:len(word) - len(ending)]
            candidates = tuple(stem + base for base in base_endings
                               if stem + base != word and not (base and ending.startswith(base)))
            if candidates:
                found.append((ending, base_endings, ending in base_endings, candidates))
    return tuple(found)


def _a_nominatives(forms: dict[str, int], a_stem_endings, min_stem: int) -> frozenset[str]:
    """The forms in -a that the article also declines as such ("Bucha" beside "Buchi"): nominatives,
    not case forms of a bare stem ("Buch", a clipped form), whichever is commoner."""
    found = set()
    endings = tuple(a_stem_endings)
    for form in forms:
        if not form.endswith(endings):  # (one C call rules out most forms; no ending, no form)
            continue
        for ending in endings:
            stem = form[:len(form) - len(ending)]
            if form.endswith(ending) and len(stem) >= min_stem and stem + "a" in forms:
                found.add(stem + "a")
    return frozenset(found)


def _declines(forms: dict[str, int], tables, min_stem: int, known: dict[str, tuple],
              nominatives: frozenset[str] = frozenset()) -> dict[str, str | None]:
    """Each form of the article -> the form it declines, or None. `known` remembers each word's
    `_declensions` (the same for every article) across the documents a rule reads; `nominatives`
    are forms in -a known to be nominatives (_a_nominatives)."""
    if len(known) > _MAX_KNOWN:
        known.clear()
    order = {form: i for i, form in enumerate(forms)}
    declines = {}
    for form in forms:
        found = known.get(form)
        if found is None:
            found = known[form] = _declensions(form, tables, min_stem)
        declines[form] = _base_form(form, forms, order, found, nominatives) if found and form not in nominatives else None
    return declines


def _base_form(word: str, forms: dict[str, int], order: dict[str, int], declensions: tuple,
               nominatives: frozenset[str] = frozenset()) -> str | None:
    """The form of the article that `word` declines (the most frequent, if several), or None."""
    found: set[str] = set()
    for ending, base_endings, is_base, candidates in declensions:
        if is_base and not _more_frequent_base(word, ending, base_endings, forms, order):
            continue  # "-a" ends a nominative too ("Bucha" before a stray "Buch"): only against a commoner base
        a_nominative = word[:len(word) - len(ending)] + "a"
        if a_nominative in nominatives:  # the -a nominative is the base, not the bare stem
            found.update(candidate for candidate in candidates if candidate == a_nominative)
            continue
        found.update(candidate for candidate in candidates if candidate in forms)
    return max(sorted(found), key=forms.__getitem__) if found else None
