"""`run-in-capital`: a capitalised common word in mid-line where a heading, a list item or a new
sentence ran into the text before it ("easy to carry Appearance material: metal").

MT that loses line breaks and stops (product pages, lists of requirements, headlines glued to
their text) leaves a lower-case word followed directly by a capitalised one. Names do the same
("visited Prague on"), so a word counts only when the same text also writes it in lower case
mid-sentence (it is a common word there) and does not capitalise it mid-sentence anywhere else
(names and titles recur capitalised). Words after which a capital is normal (articles,
prepositions, "said", "ruling") are options, as are the capitalised words another rule already
judges. A label run in before its colon ("the screen Display effect: sharp") counts without
the lower-case use when the word is a common English word (`label-min-zipf`). One pass of one
regular expression; the text's word counts, and the English word list, are read only when a
candidate turns up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError, count_option, word_list_option

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing)
if TYPE_CHECKING:
    from tqlint.kinds.frequencies import StoredWords

OPTIONS = {
    "not-after": "lower-case words after which a capitalised word is normal (articles, prepositions, "
    "\"said\", \"ruling\"…)",
    "not-words": "capitalised words (given in lower case) this rule leaves alone, e.g. those another "
    "rule already judges",
    "max-capitalised": "how often the word may stand capitalised mid-sentence in the text, this place "
    "included (default 1)",
    "label-min-zipf": "a word followed by at most two lower-case words and a colon (a label) counts "
    "without a lower-case use in the text when it is this common in English (wordfreq Zipf scale, "
    "3 to 8; default: labels need the lower-case use too)",
}
REQUIRED = ("not-after",)

_CANDIDATE = compile_pattern(
    r"(?m)(?<=(?:^|[ \t])(?P<prev>\p{Ll}{3,}) )(?P<word>\p{Lu}\p{Ll}{2,}(?:-\p{Ll}+)?)(?= \p{Ll}|:)")
_LOWER = compile_pattern(r"(?<=\p{Ll}[,;]? )\p{Ll}+(?:-\p{Ll}+)?\b")
_MID_CAPITAL = compile_pattern(r"(?<=[\p{L},;] )\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\b")
_LABEL_END = compile_pattern(r"(?: \p{Ll}+){0,2}:")
_LOWER_LETTER = compile_pattern(r"\p{Ll}")  # (the letters _LOWER reads, as the regex module classes them)
_folds_alike: dict[str, bool] = {}  # per character: not a lower-case letter that case-folding changes
_MAX_SCANS = 16  # substring tests per document before the word counts are built instead


def _folds_to_itself(view: str) -> bool:
    """Whether every lower-case letter of `view` case-folds to itself ("ß" and "ſ" do not): then
    every word `_LOWER` finds is its own case-fold, and a word absent from the view as a
    substring is not among them."""
    if view.isascii():
        return True
    for char in set(view):
        alike = _folds_alike.get(char)
        if alike is None:
            alike = _folds_alike[char] = char.casefold() == char or not _LOWER_LETTER.match(char)
        if not alike:
            return False
    return True


def has_fix(options) -> bool:
    return False


def _label_zipf(options: dict) -> float | None:
    label_zipf = options.get("label-min-zipf")
    if label_zipf is not None and (isinstance(label_zipf, bool) or not isinstance(label_zipf, (int, float))
                                   or not 3 <= label_zipf <= 8):
        raise RuleError("`label-min-zipf` must be a number from 3 to 8", "label-min-zipf")
    return label_zipf


def compile(options: dict, rule) -> Callable:
    not_after = word_list_option(options, "not-after")
    not_words = word_list_option(options, "not-words")
    most = count_option(options, "max-capitalised", 1)
    label_zipf = _label_zipf(options)
    floor = round(label_zipf * 100) if label_zipf is not None else 0
    common: list[StoredWords | frozenset] = []  # the English word list, read on the first label candidate

    def is_common(word: str) -> bool:
        if not common:
            from tqlint.kinds.frequencies import english_words  # reads wordfreq's list: only when needed
            common.append(english_words(floor))
        return word in common[0]

    def find(doc, context):
        view = doc.view
        lower: Counter | None = None
        capital: Counter | None = None
        scans = _MAX_SCANS
        folds_alike: bool | None = None  # _folds_to_itself(view), asked on the first shortcut
        for match in _CANDIDATE.finditer(view):
            word = match.group("word")
            folded = word.casefold()
            if match.group("prev") in not_after or folded in not_words:
                continue
            if lower is None and scans and (scans := scans - 1) >= 0 and folded not in view \
                    and not (label_zipf is not None and _LABEL_END.match(view, match.end())) \
                    and (folds_alike if folds_alike is not None else (folds_alike := _folds_to_itself(view))):
                # Most candidates are names, never written in lower case: where the view's
                # letters fold to themselves, one substring test shows lower[folded] is 0 and,
                # with no label after the word, that it is no hit; the word counts (a scan of
                # every word of the view) are not needed. Each test may read the whole view:
                # after _MAX_SCANS of them the counts are built, so a long text stays linear.
                continue
            if lower is None or capital is None:
                lower = Counter(map(str.casefold, _LOWER.findall(view)))
                capital = Counter(_MID_CAPITAL.findall(view))
            if capital[word] > most:
                continue
            if lower[folded] or (label_zipf is not None and _LABEL_END.match(view, match.end())
                                 and is_common(folded)):
                yield Hit(*match.span("word"))

    return find
