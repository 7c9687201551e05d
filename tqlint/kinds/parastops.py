"""`paragraph-stop-consistency`: the one body paragraph of an article that ends without a stop when
every other sentence-long paragraph ends with one ("…the council approved the budget on
Tuesday⏎Later that week, …").

Headlines, standfirsts, captions and list items end without a stop, and informal posts leave
many lines open, so a paragraph without a stop proves nothing alone. An article whose long
paragraphs all end with a stop but one, where that one sits in the body between two long
paragraphs that end with stops, has lost the stop: MT drops it when the source segment lacks it
or when it carries the segment's last word differently, which a person typing the article does
not. The title (first paragraph), the paragraph after it and the last paragraph are never
flagged. Needs the whole text, which a regular expression cannot see at once.
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, count_option

OPTIONS = {
    "min-words": "how many words a paragraph needs to count as a sentence-long paragraph (default 12)",
    "min-stopped": "how many sentence-long paragraphs (the first excluded) must end with a stop "
    "(default 4)",
    "neighbour-min-words": "how many words the paragraphs before and after the flagged one need "
    "(default 12)",
}
REQUIRED = ()

_PARAGRAPH = compile_pattern(r"[^\n]+")
_LAST_WORD = compile_pattern(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")  # fullmatch on the last word
_KICKER = compile_pattern(r"^[^.!?]{0,60}?: \p{Lu}")  # "Topic: Headline" opens a headline
_ARTICLE = compile_pattern(r" (?:the|a|an) ")
_WORD = compile_pattern(r"\b\p{L}{4,}\b")
_CLOSERS = "\"”’»)]"
_STOPS = ".!?…:;"


def _stopped(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in tuple(_STOPS)


def _reads_as_sentence(text: str) -> bool:
    """A comma and an article, no "Topic: Headline" kicker, not title case (half the words
    capitalised): a sentence, not a headline."""
    if ", " not in text or not _ARTICLE.search(text) or _KICKER.match(text):
        return False
    words = text.split()
    return sum(word[0].isupper() for word in words) * 2 < len(words)


def _restated(text: str, following: str) -> bool:
    """The next paragraph repeats two of this one's longer words: a headline and its lead."""
    words = {word.casefold() for word in _WORD.findall(text)}
    return len(words & {word.casefold() for word in _WORD.findall(following)}) >= 2


def _open_word(text: str) -> str | None:
    """The paragraph's last word when the paragraph ends on it, with no stop or mark after it."""
    word = text.rsplit(None, 1)[-1]
    return word if word[-1].isalnum() and _LAST_WORD.fullmatch(word) else None


def has_fix(options) -> bool:
    return True


def _paragraphs(view: str) -> list[tuple[int, str, int]]:
    """(start, text without trailing space, word count) of each non-blank line."""
    paragraphs = []
    for match in _PARAGRAPH.finditer(view):
        text = match.group().rstrip()
        if text.strip():
            paragraphs.append((match.start(), text, len(text.split())))
    return paragraphs


def _lone_open(paragraphs, min_words: int, min_stopped: int) -> int | None:
    """The index of the one long paragraph (the first excluded) that ends on a word, when at
    least `min_stopped` other long paragraphs end with a stop and no other long one is open."""
    open_at = None
    stopped = 0
    for index, (_, text, words) in enumerate(paragraphs[1:], 1):
        if words < min_words:
            continue
        if _stopped(text):
            stopped += 1
        elif _open_word(text):
            if open_at is not None:
                return None  # two open paragraphs: the article's style, not a lost stop
            open_at = index
    return open_at if stopped >= min_stopped else None


def compile(options: dict, rule) -> Callable:
    min_words = count_option(options, "min-words", 12)
    min_stopped = count_option(options, "min-stopped", 4)
    neighbour_words = count_option(options, "neighbour-min-words", 12)

    def find(doc, context):
        paragraphs = _paragraphs(doc.view)
        if len(paragraphs) < min_stopped + 2:
            return
        open_at = _lone_open(paragraphs, min_words, min_stopped)
        if open_at is None or not 2 <= open_at < len(paragraphs) - 1:
            return
        for _, text, words in (paragraphs[open_at - 1], paragraphs[open_at + 1]):
            if words < neighbour_words or not _stopped(text):
                return
        start, text, _ = paragraphs[open_at]
        if not _reads_as_sentence(text) or _restated(text, paragraphs[open_at + 1][1]):
            return
        word = _open_word(text) or ""
        end = start + len(text)
        yield Hit.replace(end - len(word), end, (word + ".",))

    return find
