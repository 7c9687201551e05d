"""langdetect, as the language kind uses it, made cheap without changing a single answer.

langdetect's own factory turns every n-gram of its 55 profiles into a list of 55 probabilities
before the first detection: about 0.7 s of CPU per process, spent for the handful of sentences a
folder of articles ever sends it. Here the profiles are read as they are and an n-gram's list is
computed the first time a detection asks for it, with the very arithmetic langdetect uses
(count / n-grams of that length in the language), in the profile order langdetect itself uses
(the folder's listing). Reading the 55 JSON profiles still cost a process 60–100 CPU-ms, so
they are also kept in the cache folder as one table of sorted lines (n-gram, then each
profile's count), binary-searched for the few hundred n-grams a detection asks about; a run
asking for thousands reads the profiles after all. The detector's two inner loops (updating and normalising the
probabilities) are the same operations in the same order, written over whole lists. So every
(language, probability) is the one langdetect gives; tests/test_kind_language.py holds that over
texts in many languages.
"""

from __future__ import annotations

import json
import os
from itertools import repeat
from operator import add, mul, truediv

from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException

from tqlint.cache.keys import blake2b
from tqlint.cache.store import read_checked, section, store_checked
from tqlint.kinds.frequencies import line_from

FORMAT = 2  # layout of the stored profile table (2: with a checksum, tqlint.cache.store.store_checked)


class _Probabilities:
    """n-gram → its probability in each language, computed on first use (what langdetect's
    `word_lang_prob_map` holds, for the two questions a detector asks of it: `in` and `[]`).
    From the profiles themselves, or from their stored table (`_stored_table`): each n-gram
    binary-searched there until `SEARCHES` of them have been asked for, then the profiles."""

    SEARCHES = 3000  # distinct n-grams searched (~16 µs each) before the profiles are read (~60–100 ms)

    def __init__(self, size: int, profiles: list[tuple[dict, list]] | None = None,
                 stored: tuple[bytes, int, list] | None = None, read_profiles=None):
        self._size, self._profiles = size, profiles
        self._stored, self._read_profiles = stored, read_profiles
        self._known: dict[str, list[float] | None] = {}

    def _lookup(self, word: str) -> list[float] | None:
        try:
            return self._known[word]
        except KeyError:
            pass
        if self._profiles is None:
            if self._stored is not None and len(self._known) < self.SEARCHES:
                found = self._known[word] = self._search(word)
                return found
            self._profiles = self._read_profiles()
        found = None
        for index, (freq, n_words) in enumerate(self._profiles):
            count = freq.get(word)
            if count is None:
                continue
            if found is None:
                found = [0.0] * self._size
            length = len(word)
            if 1 <= length <= 3:
                found[index] = 1.0 * count / n_words[length - 1]
        self._known[word] = found
        return found

    def _search(self, word: str) -> list[float] | None:
        """`_lookup`'s list from the stored table: its line holds "index:count" for each profile
        that has the n-gram, in profile order; the arithmetic is `_lookup`'s."""
        data, start, n_words = self._stored  # type: ignore[misc]
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        line = line_from(data, start, key)
        if not line.startswith(key):
            return None
        found = [0.0] * self._size
        length = len(word)
        for item in line[len(key):].split(b" "):
            index, count = item.split(b":")
            if 1 <= length <= 3:
                found[int(index)] = 1.0 * int(count) / n_words[int(index)][length - 1]
        return found

    def __contains__(self, word) -> bool:
        return self._lookup(word) is not None

    def __getitem__(self, word) -> list[float]:
        found = self._lookup(word)
        if found is None:
            raise KeyError(word)
        return found


def _read_profiles(directory: str, names: list[str]) -> tuple[list[str], list[tuple[dict, list]]]:
    """(languages, [(n-gram counts, n-grams per length)]) of the profile files, in listing order."""
    languages, profiles = [], []
    for name in names:
        path = os.path.join(directory, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data["name"] in languages:
            raise ValueError(f"two langdetect profiles for {data['name']!r}")
        languages.append(data["name"])
        profiles.append((data.get("freq") or {}, data.get("n_words") or [0, 0, 0]))
    return languages, profiles


def _table_bytes(settings: bytes, languages: list[str], profiles: list[tuple[dict, list]]) -> bytes | None:
    """The stored table `_Probabilities._search` reads: the settings line, a JSON line of the
    languages and their n-gram totals, then "n-gram<TAB>index:count index:count…" lines sorted by
    their UTF-8 bytes. None when an n-gram would break the lines or order (a character at or
    below a newline) or a count is not a whole number (its text would not give the same float)."""
    rows: dict[str, list[str]] = {}
    for index, (freq, _) in enumerate(profiles):
        for word, count in freq.items():
            if not word or min(word) <= "\n" or type(count) is not int:
                return None
            rows.setdefault(word, []).append(f"{index}:{count}")
    head = json.dumps([languages, [n_words for _, n_words in profiles]]).encode("utf-8")
    lines = sorted(f"{word}\t{' '.join(row)}".encode("utf-8", "surrogatepass") for word, row in rows.items())
    return settings + b"\n" + head + b"\n" + b"\n".join(lines)


class _Detector(Detector):
    """langdetect's detector with its per-n-gram loops over whole lists (same floating-point
    operations, in the same order)."""

    def _update_lang_prob(self, prob, word, alpha):
        if word is None or word not in self.word_lang_prob_map:
            return False
        weight = alpha / self.BASE_FREQ
        # p * (weight + q) for each language, as map() over C functions: twice as fast as a
        # comprehension, and the same two roundings per element
        prob[:] = list(map(mul, prob, map(add, repeat(weight), self.word_lang_prob_map[word])))
        return True

    def _detect_block(self):
        """langdetect's `_detect_block` with its loop's lookups done once: each sampled n-gram's
        row is picked from a list parallel to the n-grams (`choice` draws the same indices from
        a list of the same length), and the update and normalisation are the ones above, in
        the same order, on the same values."""
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.langprob = [0.0] * len(self.langlist)
        table = self.word_lang_prob_map
        rows = [table[word] for word in ngrams]  # every extracted n-gram is in the table
        self.random.seed(self.seed)
        choice, gauss = self.random.choice, self.random.gauss
        limit, threshold = self.ITERATION_LIMIT, self.CONV_THRESHOLD
        for _ in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                prob = list(map(mul, prob, map(add, repeat(weight), choice(rows))))
                if i % 5 == 0:
                    total = sum(prob)
                    prob = list(map(truediv, prob, repeat(total)))
                    top = 0.0
                    for p in prob:
                        if top < p:
                            top = p
                    if top > threshold or i >= limit:
                        break
                i += 1
            self.langprob = [q + p / self.n_trial for q, p in zip(self.langprob, prob)]

    def _normalize_prob(self, prob):
        total = sum(prob)
        prob[:] = list(map(truediv, prob, repeat(total)))
        top = 0.0
        for p in prob:
            if top < p:
                top = p
        return top


def _table_path(directory: str, names: list[str]) -> tuple[str | None, bytes]:
    """(cache file of the stored table or None when the cache is off, its settings line)."""
    stamps = []
    for name in names:
        try:
            stat = os.stat(os.path.join(directory, name))
        except OSError:
            return None, b""
        stamps.append([name, stat.st_size, stat.st_mtime_ns])
    settings = json.dumps([FORMAT, directory, stamps], ensure_ascii=True).encode("ascii")
    folder = section("langdetect", FORMAT)  # None when the cache is switched off
    if not folder:
        return None, settings
    return os.path.join(folder, blake2b(settings, digest_size=16).hexdigest() + ".tsv"), settings


class Factory(DetectorFactory):
    """A DetectorFactory whose profiles are read lazily (see the module's docstring)."""

    def __init__(self):
        super().__init__()
        self.answers: dict[str, tuple[str, float]] = {}  # text -> detect()'s answer (see there)

    def load_profile(self, profile_directory):
        """The profiles' stored table from the cache folder when it holds one for these files
        (keyed by their names in listing order, sizes and times); else the profiles themselves,
        read now and stored for the next process."""
        names = os.listdir(profile_directory)  # langdetect's order, and its count, decide the indices
        path, settings = _table_path(profile_directory, names)
        data = read_checked(path) if path else None
        if data is not None:
            try:
                first = data.find(b"\n") + 1
                second = data.find(b"\n", first) + 1
                if first and second and data[:first - 1] == settings:
                    languages, totals = json.loads(data[first:second - 1])
                    self.langlist.extend(languages)
                    self.word_lang_prob_map = _Probabilities(
                        len(names), stored=(data, second, totals),
                        read_profiles=lambda: _read_profiles(profile_directory, names)[1])
                    return
            except ValueError:
                pass  # another layout: read the profiles again (a missing or damaged file too)
        languages, profiles = _read_profiles(profile_directory, names)
        self.langlist.extend(languages)
        self.word_lang_prob_map = _Probabilities(len(names), profiles)
        stored = _table_bytes(settings, languages, profiles) if path else None
        if path and stored is not None:
            store_checked(path, stored)  # (a read-only cache folder: the profiles still serve this process)

    def _create_detector(self):
        return _Detector(self)
