"""Word frequencies across languages, from the word lists `wordfreq` ships.

The lexicon kind asks one question of a word: is it far more frequent in some other language than
in English? Importing `wordfreq` costs over a second (its language-code and text-repair
dependencies) and reading its big English list two more, so the answer is precomputed once into a
table of foreign words — every word of the chosen languages' lists that clears the thresholds,
with the languages it belongs to — and that table is kept in tqlint's cache folder, keyed by the
wordfreq release, the languages and the thresholds, as sorted lines: a run binary-searches the
file for the few words an article asks about, and makes a dict of it only once it has asked about
thousands. Without a cache folder the table is built once per process.

The lists are read as wordfreq stores them (gzipped msgpack, "cBpack" format 1: a header, then one
list of words per centibel of frequency); any other format falls back to wordfreq's own API.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import os

from tqlint.cache.keys import blake2b
from tqlint.cache.store import read_checked, section, store_checked

FORMAT = 2  # 2: stored with a checksum (tqlint.cache.store.store_checked)
_CB_TOP = 900  # a word in the list at index i (after the header) has Zipf frequency (900 - i) / 100


class FrequencyError(Exception):
    """wordfreq is missing or its data cannot be read."""


def _data_folder() -> str:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FrequencyError("the lexicon rules need the `wordfreq` package (pip install wordfreq)")
    return os.path.join(list(spec.submodule_search_locations)[0], "data")


def _buckets(language: str, size: str) -> list[list[str]]:
    """A wordfreq list as buckets of words, bucket i holding the words of Zipf (900 - i) / 100."""
    path = os.path.join(_data_folder(), f"{size}_{language}.msgpack.gz")
    if not os.path.exists(path):
        raise FrequencyError(f"wordfreq has no {size} word list for {language!r}")
    import gzip  # start-up: the lists are read only when no stored table serves

    import msgpack  # wordfreq's own dependency: optional until a lexicon rule needs a list

    with gzip.open(path, "rb") as handle:
        data = msgpack.unpack(handle, raw=False)
    if data and data[0] == {"format": "cB", "version": 1}:
        return data[1:]
    from wordfreq import get_frequency_dict  # an unknown layout: ask wordfreq (slower, always right)

    buckets: list[list[str]] = [[] for _ in range(_CB_TOP)]
    for word, frequency in get_frequency_dict(language, size).items():
        index = _CB_TOP - round(100 * (9 + _log10(frequency)))
        if 0 <= index < _CB_TOP:
            buckets[index].append(word)
    return buckets


def _log10(value: float) -> float:
    return math.log10(value) if value > 0 else -9.0


def build_table(languages: tuple[str, ...], min_zipf: float, margin: float, english_max: float) -> dict[str, str]:
    """{word: language} for each word that, in one of `languages`, has Zipf frequency `min_zipf` or
    more and at least `margin` above its English one, which is below `english_max`; the
    language is the one where the word is most frequent."""
    best: dict[str, tuple[int, str]] = {}
    floor = round(min_zipf * 100)
    for language in languages:
        for index, words in enumerate(_buckets(language, "small")):
            cb = _CB_TOP - index
            if cb < floor:
                break
            for word in words:
                if best.get(word, (0, ""))[0] < cb:
                    best[word] = (cb, language)
    english: dict[str, int] = {}
    for index, words in enumerate(_buckets("en", "large")):
        cb = _CB_TOP - index
        english.update((word, cb) for word in words if word in best)
    needed, ceiling = round(margin * 100), round(english_max * 100)
    return {word: language for word, (cb, language) in best.items()
            if english.get(word, 0) < ceiling and cb - english.get(word, 0) >= needed}


def _cache_path(key: str, suffix: str) -> str | None:
    folder = section("lexicon", FORMAT)  # None when the cache is switched off
    return os.path.join(folder, key + suffix) if folder else None


def line_from(data: bytes, low: int, key: bytes) -> bytes:
    """The first of the sorted lines of data[low:] that is not below `key` (b"" past the last):
    a binary search over byte offsets, each step widened to the line it falls in."""
    high = len(data)  # offsets of line starts: the line wanted starts in [low, high]
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1  # (a line before data[low:] ends before low)
        end = data.find(b"\n", start)
        if end == -1:
            end = len(data)
        if data[start:end] < key:
            low = end + 1
        else:
            high = start
    end = data.find(b"\n", low)
    return data[low:end if end != -1 else len(data)]


class StoredWords:
    """An English word list as its stored file holds it (one word a line, sorted), answering `in`
    by binary search as `StoredTable` does: an article asks about a few hundred words (~5 µs
    each), where making the set costs 9 ms (small list) or 25 (large). A run that asks `ASKS`
    times (a few articles) gets the set (`whole`), as every run did before, and with it the
    lexicon kind's one set difference per document."""

    ASKS = 1500  # questions (memoised or searched) before the set is made: ≈ the small list's set in searches

    def __init__(self, data: bytes):
        self._data = data
        self._seen: dict[str, bool] = {}
        self._asked = 0
        self.whole: frozenset | None = None

    def __contains__(self, word: str) -> bool:
        if self.whole is not None:
            return word in self.whole
        self._asked += 1
        if self._asked > self.ASKS:
            return word in self.as_set()
        found = self._seen.get(word)
        if found is None:
            key = word.encode("utf-8", "surrogatepass")
            found = self._seen[word] = line_from(self._data, 0, key) == key
        return found

    def as_set(self) -> frozenset:
        if self.whole is None:
            self.whole = frozenset(self._data.decode("utf-8").split("\n"))
        return self.whole


class StoredTable:
    """The table of `build_table` as its stored file holds it: a line of settings, then one line
    "word<TAB>language" per word, sorted by their UTF-8 bytes. A process checking one article asks
    for a handful of words: each is found by a binary search of the file's bytes (a few
    microseconds), so the 166,000-word dict that took a cold process ~90 CPU-ms to build is never
    made. A run that asks for many distinct words (a folder) gets that dict after `SEARCHES` of
    them, so its look-ups cost what they cost before."""

    SEARCHES = 5000  # distinct words searched (~7 µs each) before the dict is built (~90 ms): at most 1.4× the old cost

    def __init__(self, data: bytes, start: int):
        self._data, self._start = data, start
        self._seen: dict[str, str | None] = {}
        self._table: dict[str, str] | None = None

    def get(self, word: str, default=None):
        if self._table is None:
            found = self._seen.get(word, self)
            if found is self:
                if len(self._seen) < self.SEARCHES:
                    found = self._seen[word] = self._search(word)
                else:
                    self._table = self.as_dict()
                    return self._table.get(word, default)
            return default if found is None else found
        return self._table.get(word, default)

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def _search(self, word: str) -> str | None:
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        line = line_from(self._data, self._start, key)
        return line[len(key):].decode("utf-8") if line.startswith(key) else None

    def as_dict(self) -> dict[str, str]:
        text = self._data[self._start:].decode("utf-8")
        return dict(line.split("\t") for line in text.split("\n")) if text else {}


def _table_bytes(settings: str, table: dict[str, str]) -> bytes | None:
    """The stored form `StoredTable` reads; None when a word would break its lines or order
    (a character at or below a newline: wordfreq's words hold none)."""
    if any(not word or min(word) <= "\n" or "\n" in language or "\t" in language
           for word, language in table.items()):
        return None
    lines = sorted(f"{word}\t{language}".encode() for word, language in table.items())
    return settings.encode("utf-8") + b"\n" + b"\n".join(lines)


@functools.lru_cache(maxsize=4)
def foreign_words(languages: tuple[str, ...], min_zipf: float, margin: float, english_max: float):
    """The table of `build_table` ({word: language}, `get` and `in`): a `StoredTable` from the
    cache folder when it holds one for these settings, else a dict (stored for the next run).
    Keyed by the word lists it is built from (path, size, time), as `english_words` is: reading
    wordfreq's release through importlib.metadata cost a cold process 10 ms."""
    folder = _data_folder()  # (FrequencyError without wordfreq)
    stamps = []
    try:
        for name in [f"small_{x}" for x in sorted(languages)] + ["large_en"]:
            word_list = os.path.join(folder, f"{name}.msgpack.gz")
            stat = os.stat(word_list)
            stamps.append([word_list, stat.st_size, stat.st_mtime_ns])
    except OSError:
        return build_table(languages, min_zipf, margin, english_max)  # (says which list is missing)
    settings = json.dumps([FORMAT, stamps, sorted(languages), min_zipf, margin, english_max])
    path = _cache_path(blake2b(settings.encode(), digest_size=16).hexdigest(), ".tsv")
    data = read_checked(path) if path else None
    if data is not None:
        start = data.find(b"\n") + 1
        if start and data[:start - 1] == settings.encode("utf-8"):
            return StoredTable(data, start)
    table = build_table(languages, min_zipf, margin, english_max)  # (missing or damaged: built again)
    stored = _table_bytes(settings, table)
    if path and stored is not None:
        store_checked(path, stored)
    return table


@functools.lru_cache(maxsize=2)
def english_words(floor_cb: int) -> StoredWords | frozenset:
    """English words at or above Zipf floor_cb / 100: from wordfreq's small English list (which
    stops at Zipf 3, about 30,000 words), or for a lower floor its large one (slower to read).
    Kept in the cache folder as sorted lines, keyed by the list file's size and time, and read
    back as a `StoredWords` (binary-searched; `in` is all it offers): a cold process reads it
    in a fraction of a millisecond and never makes the set (9 CPU-ms, 25 for the large list)."""
    size = "small" if floor_cb >= 300 else "large"
    path = os.path.join(_data_folder(), f"{size}_en.msgpack.gz")
    try:
        stat = os.stat(path)
        kept = _cache_path(blake2b(f"{FORMAT}\0en\0{floor_cb}\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode(),
                                           digest_size=16).hexdigest(), ".txt")
    except OSError:
        kept = None
    data = read_checked(kept) if kept else None
    if data is not None:
        return StoredWords(data)
    words: set[str] = set()
    for index, bucket in enumerate(_buckets("en", size)):
        if _CB_TOP - index < floor_cb:
            break
        words.update(bucket)
    if kept and words and not any("\n" in word for word in words):
        store_checked(kept, "\n".join(sorted(words)).encode("utf-8"))
    return frozenset(words)


@functools.lru_cache(maxsize=8)
def _zipf_table(language: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for index, bucket in enumerate(_buckets(language, "small")):
        table.update(dict.fromkeys(bucket, _CB_TOP - index))
    return table


def zipf_of(word: str, language: str) -> int:
    """A word's Zipf frequency × 100 in a language's small list (0 when it is not there)."""
    return _zipf_table(language).get(word, 0)
