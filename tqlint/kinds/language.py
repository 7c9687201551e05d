"""`language`: sentences or clauses left in the source language ("Primăria nu a răspuns încă.").

A cheap test runs on every sentence: words from the stopword lists of other languages, or with
letters English does not use, against English function words (names, capitalised words and short
quoted titles do not count). Only a sentence or clause that this test says may not be English goes
to langdetect, which is loaded on first use, seeded so every run gives the same answer, and built
once per process. Text in a script English does not use (Cyrillic, Greek, Arabic…) is recognised
by its letters alone; Chinese, Japanese and Korean script is the `untranslated-cjk` rule's.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.setphrases import OPTION as SET_PHRASES_OPTION
from tqlint.kinds.setphrases import compile_set_phrases, mask

OPTIONS = {
    "english-words": "English function words: their share shows a sentence is English",
    "stopwords": "mapping language code → its frequent function words (none of them English words)",
    "foreign-endings": "regex for word endings English does not have (Romanian -ului, German -ungen)",
    "language-names": "mapping language code → name shown in messages (ro: Romanian)",
    "min-words": "sentences or clauses with fewer words are skipped (default 4)",
    "min-foreign-words": "foreign-marked words a segment needs before langdetect runs (default 1)",
    "min-foreign-share": "share of the words that must be foreign-marked (default 0.25)",
    "max-english-share": "share of English function words above which a segment is English (default 0.1)",
    "min-probability": "langdetect probability needed to flag (default 0.9)",
    "min-script-letters": "letters of a non-Latin script that make a segment foreign outright (default 4)",
    "set-phrases": SET_PHRASES_OPTION,
}
REQUIRED = ("english-words", "stopwords")
PLACEHOLDERS = ("language", "match")  # filled in find(); {fix} is not

_WORD = compile_pattern(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_CLAUSE_BREAK = compile_pattern(r"[,;:()\[\]—–]|\s-\s")
_QUOTE_MARK = compile_pattern(r"[\"'‘’“”„«»‚‹›]")
_QUOTE = compile_pattern(r"[“«„\"]([^“”«»„\"\n]*)[”»“\"]")
_MIN_LOWERCASE_WORDS = 3  # fewer ordinary words than this, and a segment is names or a label
_NON_ENGLISH_LETTER = compile_pattern(r"[^\P{L}a-zA-Z]")  # a letter outside a–z: ă, é, ß, ж…
# Scripts that English text never uses: a run of them is foreign without asking langdetect.
# Chinese, Japanese and Korean are left to the `untranslated-cjk` pattern rule, which flags
# every run of those scripts, however short.
_SCRIPTS = {
    "Cyrillic": "Russian or another Cyrillic-script language", "Greek": "Greek", "Arabic": "Arabic-script", "Hebrew": "Hebrew",
    "Thai": "Thai", "Devanagari": "Hindi", "Armenian": "Armenian", "Georgian": "Georgian",
}
_SCRIPT_RES = {script: compile_pattern(rf"\p{{{script}}}") for script in _SCRIPTS}
_ANY_SCRIPT = compile_pattern("[" + "".join(rf"\p{{{script}}}" for script in _SCRIPTS) + "]")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())  # (deleted to count a–z, A–Z)
_CJK = compile_pattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_MAX_KNOWN_WORDS = 100_000  # words remembered by `_Settings.marked_words` (a few MB)
_MAX_KNOWN_PIECES = 200_000  # whitespace-separated pieces remembered by `_Settings.document_marked`
_MAX_ANSWERS = 10_000  # langdetect answers remembered by `detect`, per distinct text


@functools.lru_cache(maxsize=1)
def _factory():
    """langdetect's profiles, loaded once per process (read lazily: tqlint.kinds.langdetector)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY  # start-up: loaded only when needed

    from tqlint.kinds.langdetector import Factory  # (as above: it imports langdetect)

    factory = Factory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)  # langdetect samples n-grams at random: seeded, every run agrees
    return factory


def detect(text: str) -> tuple[str, float]:
    """(language code, probability) of langdetect's best guess; ("", 0.0) when it has none."""
    factory = _factory()
    try:
        return factory.answers[text]
    except KeyError:
        pass
    from langdetect.lang_detect_exception import LangDetectException  # start-up: as above

    detector = factory.create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
        answer = best.lang, best.prob
    except (LangDetectException, IndexError):
        answer = "", 0.0
    # Each detection re-seeds its sampler, so a text's answer never changes: the same sentence
    # in many documents (one source segment, several MT systems) is detected once per process.
    if len(factory.answers) >= _MAX_ANSWERS:
        factory.answers.clear()  # bounded memory
    factory.answers[text] = answer
    return answer


def _number(options, key, default, low, high):
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise RuleError(f"`{key}` must be a number from {low} to {high}", key)
    return value


def _word_set(value, key) -> frozenset:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"`{key}` must be a list of words", key)
    return frozenset(v.strip().lower() for v in value)


class _Settings:
    def __init__(self, options: dict):
        self.english = _word_set(options["english-words"], "english-words")
        table = options["stopwords"]
        if not isinstance(table, dict) or not table:
            raise RuleError("`stopwords` must map language codes to lists of words", "stopwords")
        foreign: set[str] = set()
        self.stopwords = {}  # language code -> its function words (for `_stopword_language`)
        for code, words in table.items():
            self.stopwords[str(code)] = _word_set(words, "stopwords")
            foreign |= self.stopwords[str(code)]
        # A word both languages use ("a", "die", "in") proves nothing either way.
        self.foreign = frozenset(foreign - self.english)
        self.english = frozenset(self.english - foreign)
        names = options.get("language-names", {})
        if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
            raise RuleError("`language-names` must map language codes to names", "language-names")
        self.names = dict(names)
        endings = options.get("foreign-endings")
        if endings is not None and not isinstance(endings, str):
            raise RuleError("`foreign-endings` must be a regular expression", "foreign-endings")
        try:
            self.endings = regex.compile(endings) if endings else None
        except regex.error as exc:
            raise RuleError(f"invalid regular expression in `foreign-endings`: {exc}", "foreign-endings") from None
        self.min_words = _number(options, "min-words", 4, 1, 100)
        self.min_foreign = _number(options, "min-foreign-words", 1, 1, 100)
        self.min_share = _number(options, "min-foreign-share", 0.25, 0.0, 1.0)
        self.max_english = _number(options, "max-english-share", 0.1, 0.0, 1.0)
        self.min_probability = _number(options, "min-probability", 0.9, 0.0, 1.0)
        self.min_script = _number(options, "min-script-letters", 4, 1, 1000)
        self.set_phrases = compile_set_phrases(options)  # Latin maxims English keeps: masked
        # Words already judged, in any document of this process: a folder's articles share most
        # of their words, so each distinct word meets the regexes once rather than once per file.
        self._known_marked: set[str] = set()
        self._known_plain: set[str] = set()
        # (and, for `document_marked`, the pieces between whitespace already tokenised)
        self._clean_pieces: set[str] = set()  # pieces holding no marked word
        self._marked_pieces: dict[str, frozenset[str]] = {}  # piece -> its marked words

    def is_marked(self, word: str) -> bool:
        """Whether a word could be foreign: a foreign function word, a letter outside a–z, a
        foreign ending. A capitalised word is a name and proves nothing."""
        if word[0].isupper():
            return False
        # (an ASCII word holds no letter outside a–z: no need to ask the regex)
        return bool(word in self.foreign or (not word.isascii() and _NON_ENGLISH_LETTER.search(word))
                    or self.endings and self.endings.search(word))

    def marked_words(self, words: set[str]) -> set[str]:
        """The words of `words` that `is_marked`, asking it only about words not seen before."""
        known_marked, known_plain = self._known_marked, self._known_plain
        # `new` before `marked`: the known sets only grow (until replaced below, which leaves
        # these local references alone), so every word lands in one of the two.
        new = words - known_marked - known_plain
        marked = words & known_marked
        for word in new:
            if self.is_marked(word):
                marked.add(word)
                known_marked.add(word)
            else:
                known_plain.add(word)
        if len(known_marked) + len(known_plain) > _MAX_KNOWN_WORDS:
            self._known_marked, self._known_plain = set(), set()  # bounded memory: start afresh
        return marked

    def document_marked(self, view: str) -> set[str]:
        """`marked_words` of all the view's words, found through its whitespace-separated pieces
        ("said,", "(AFP)"), each tokenised once per process: a folder's articles share most of
        their pieces, and splitting on whitespace is far cheaper than running `_WORD` over the
        whole view. Exact: `_WORD` matches no whitespace character (letters, marks, ' ’ -, none
        of which `str.split` splits on), so no word spans two pieces and the words of the view
        are the words of its pieces, each piece tokenised on its own."""
        if len(self._clean_pieces) + len(self._marked_pieces) > _MAX_KNOWN_PIECES:
            self._clean_pieces, self._marked_pieces = set(), {}  # bounded memory: start afresh
        clean, known = self._clean_pieces, self._marked_pieces
        marked: set[str] = set()
        new = []
        for piece in set(view.split()) - clean:  # (iterates the document's pieces, not `clean`)
            found = known.get(piece)
            if found is None:
                new.append(piece)
            else:
                marked |= found
        # The new pieces tokenised together (a space splits no word, as above); one by one only
        # when some of them hold a marked word, to remember which.
        if new and self.marked_words(set(_WORD.findall(" ".join(new)))):
            for piece in new:
                found = frozenset(self.marked_words(set(_WORD.findall(piece))))
                if found:
                    known[piece] = found
                    marked |= found
                else:
                    clean.add(piece)
        else:
            clean.update(new)
        return marked


def _words(text: str, settings: _Settings, all_words: list[str] | None = None) -> list[str]:
    """Lowercase words that can show a language. Capitalised words are names ("São Paulo",
    "Almodóvar") and prove nothing, except a sentence's first word when it is a function word
    ("El presidente…", "Die Regierung…")."""
    words = []
    # (`all_words`: the text's `_WORD.findall`, when the caller has it: the same words)
    for i, word in enumerate(_WORD.findall(text) if all_words is None else all_words):
        lower = word.lower()
        if word[0].isupper() and not (i == 0 and (lower in settings.foreign or lower in settings.english)):
            continue
        words.append(lower)
    return words


def _foreign_marked(word: str, settings: _Settings) -> bool:
    """`_Settings.is_marked` for a lowercased word (the words `_words` returns), remembered
    across sentences and documents as `_Settings.marked_words` remembers it."""
    if word in settings._known_marked:
        return True
    if word in settings._known_plain:
        return False
    return bool(settings.marked_words({word}))


def may_be_foreign(text: str, settings: _Settings, clause: bool = False, opens_sentence: bool = False) -> bool:
    """The cheap test: enough words of other languages, few English function words. A clause
    (part of a sentence) must be longer and not made of names ("San Paolo fuori le Mura"),
    unless it is all lowercase and ends the sentence (", secondo la protezione civile.")."""
    all_words = _WORD.findall(text)
    words = _words(text, settings, all_words)
    capitals = sum(1 for w in all_words if w[0].isupper())
    ends_sentence = text.rstrip("”\"’'»)] ").endswith((".", "!", "?", "…"))
    longer = bool(clause and (capitals or not ends_sentence))
    if len(all_words) < settings.min_words + longer or len(words) < _MIN_LOWERCASE_WORDS:
        return False
    # Names are mostly capitalised; German capitalises every noun, so a German clause with its
    # articles ("sagte ein Sprecher des Unternehmens") can be two-fifths capitals.
    if clause and capitals > 0.5 * len(all_words):
        return False
    if clause and all_words[0][0].isupper() and not ends_sentence and not opens_sentence:
        return False  # "The book, Cel mai iubit dintre pământeni, …": a title, not a sentence
    foreign = sum(1 for w in words if _foreign_marked(w, settings))
    if clause and foreign < 2:
        return False  # "Ärzte ohne Grenzen sent a team": a foreign name in an English clause
    english = sum(1 for w in words if w in settings.english)
    return (foreign >= settings.min_foreign and foreign >= settings.min_share * len(words)
            and english <= settings.max_english * len(words) and foreign > english)


def _stopword_language(text: str, settings: _Settings) -> str | None:
    """The language most of the text's function words belong to (None on a tie or none)."""
    words = _words(text, settings)
    counts = sorted(((sum(1 for w in words if w in stopwords), code)
                     for code, stopwords in settings.stopwords.items()), reverse=True)
    if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def _switch_point(view: str, start: int, end: int, settings: _Settings) -> int | None:
    """Where an English segment switches to another language without punctuation ("…the
    allegations y dijo que no va a dimitir"): the first foreign function word that English
    does not share, followed by another foreign-marked word, after at least two English
    function words and no foreign-marked word. Segments holding quotation marks are left
    alone: quoting a foreign phrase is English."""
    if _QUOTE_MARK.search(view, start, end):
        return None
    english = 0
    matches = list(_WORD.finditer(view, start, end))
    for i, match in enumerate(matches[:-1]):
        word = match.group()
        lower = word.lower()
        if word[0].islower() and lower in settings.foreign:
            after = matches[i + 1].group()
            if english >= 2 and after[0].islower() and _foreign_marked(after.lower(), settings):
                return match.start()
            return None  # foreign before the switch: not an English segment
        if lower in settings.english:
            english += 1
        elif word[0].islower() and _foreign_marked(lower, settings):
            return None
    return None


def _script_language(text: str, settings: _Settings) -> str | None:
    """The language of a script English never uses, when most of the letters are in it;
    "" for Chinese, Japanese or Korean, which another rule reports."""
    if text.isascii():
        return None
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))  # a–z, A–Z
    if len(_CJK.findall(text)) >= max(1, latin):
        return ""
    if not _ANY_SCRIPT.search(text):
        return None  # no letter of those scripts: every count below would be 0 (min-script-letters ≥ 1)
    if len(_WORD.findall(text)) < settings.min_words:
        return None  # "Kyiv (Київ)": a name given in its own script
    counts = {script: len(pattern.findall(text)) for script, pattern in _SCRIPT_RES.items()}
    script, count = max(counts.items(), key=lambda item: item[1])
    return _SCRIPTS[script] if count >= settings.min_script and count >= latin else None


def _segments(view: str, start: int, end: int):
    """The sentence, then its clauses; quoted stretches are judged on their own."""
    yield start, end
    cursor = start
    for match in _CLAUSE_BREAK.finditer(view, start, end):
        yield cursor, match.start()
        cursor = match.end()
    if cursor > start:
        yield cursor, end


def _trimmed(view: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not (view[start].isalnum()):
        start += 1
    while end > start and not (view[end - 1].isalnum() or view[end - 1] in ".!?…"):
        end -= 1
    return start, end


def _without_quotes(text: str) -> str:
    """Short quoted titles ("La casa de papel") belong to the English sentence around them."""
    return _QUOTE.sub(lambda m: " " if len(m.group(1).split()) < 6 else m.group(), text)


def _marked_sentences(view: str, starts: list[int], settings: _Settings) -> set[int]:
    """Indices of the sentences holding a word that could be foreign (a foreign function word,
    a letter outside a–z, a foreign ending). Found with set operations on the document's
    distinct words, then one scan for just those words: most English documents hold none, and
    most of their sentences are never looked at again."""
    marked = settings.document_marked(view)
    if not marked:
        return set()
    alternatives = "|".join(regex.escape(w) for w in sorted(marked, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?:{alternatives})(?![\p{{L}}\p{{M}}'’-])", regex.IGNORECASE)
    return {max(0, bisect.bisect_right(starts, m.start()) - 1) for m in pattern.finditer(view)}


def _judge(text: str, settings, clause: bool, tail: bool = False, opens_sentence: bool = False) -> str | None:
    """The name of the language `text` is in, or None where it is (or may be) English."""
    text = mask(text, settings.set_phrases)
    script = _script_language(text, settings)
    if script is not None:
        if not script:
            return None
        code, probability = detect(text)  # which Cyrillic or Arabic-script language
        return settings.names.get(code, script) if code and code != "en" else script
    if not may_be_foreign(_without_quotes(text), settings, clause, opens_sentence):
        return None
    code, probability = detect(text)
    if code and code != "en" and probability >= settings.min_probability:
        return settings.names.get(code, code)
    # A few words after a switch are too short for langdetect to be sure; when its best
    # guess is the language whose function words are there, the two tests agree.
    if tail and code and code != "en" and probability >= 0.5 and code == _stopword_language(text, settings):
        return settings.names.get(code, code)
    return None


def _sentence_hits(view: str, sentence_start: int, sentence_end: int, settings, template: str):
    """The foreign stretches of one sentence: the whole of it, its clauses, or what follows a
    switch of language inside a clause."""
    whole = _trimmed(view, sentence_start, sentence_end)
    flagged_until = sentence_start
    segments = list(_segments(view, sentence_start, sentence_end))
    for start, end in segments:
        start, end = _trimmed(view, start, end)
        if start < flagged_until or end <= start:
            continue
        clause = (start, end) != whole
        language = _judge(view[start:end], settings, clause=clause, opens_sentence=start == whole[0])
        if language is None:
            # a switch of language inside a clause; the whole sentence is searched for
            # one only when it has no clauses (they are judged first, as wholes)
            switch = _switch_point(view, start, end, settings) if clause or len(segments) == 1 else None
            if switch is None:
                continue
            language = _judge(view[switch:end], settings, clause=True, tail=True)
            if language is None:
                continue
            start = switch
        message = template.replace("{language}", language).replace("{match}", view[start:end])
        yield Hit(start, end, (), message or None)
        flagged_until = end
        if (start, end) == whole:
            break  # the whole sentence is foreign: its clauses need no second look


def compile(options: dict, rule) -> Callable:
    settings = _Settings(options)
    template = str(rule.get("message", "")) if hasattr(rule, "get") else ""

    def find(doc, context):
        view = doc.view
        starts = [start for start, _ in doc.sentences]
        for index in sorted(_marked_sentences(view, starts, settings)):
            yield from _sentence_hits(view, *doc.sentences[index], settings, template)

    return find


def has_fix(options: dict) -> bool:
    return False
