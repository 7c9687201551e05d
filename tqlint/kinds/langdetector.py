"""langdetect, as the language kind uses it, made cheap without changing a single answer.

langdetect's own factory turns every n-gram of its 55 profiles into a list of 55 probabilities
before the first detection: about 0.7 s of CPU per process, spent for the handful of sentences a
folder of articles ever sends it. Here the profiles are read as they are and an n-gram's list is
computed the first time a detection asks for it, with the very arithmetic langdetect uses
(count / n-grams of that length in the language), in the profile order langdetect itself uses
(the folder's listing). The detector's two inner loops (updating and normalising the
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


class _Probabilities:
    """n-gram → its probability in each language, computed on first use (what langdetect's
    `word_lang_prob_map` holds, for the two questions a detector asks of it: `in` and `[]`)."""

    def __init__(self, profiles: list[tuple[dict, list]], size: int):
        self._profiles, self._size = profiles, size
        self._known: dict[str, list[float] | None] = {}

    def _lookup(self, word: str) -> list[float] | None:
        try:
            return self._known[word]
        except KeyError:
            pass
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

    def __contains__(self, word) -> bool:
        return self._lookup(word) is not None

    def __getitem__(self, word) -> list[float]:
        found = self._lookup(word)
        if found is None:
            raise KeyError(word)
        return found


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


class Factory(DetectorFactory):
    """A DetectorFactory whose profiles are read lazily (see the module's docstring)."""

    def __init__(self):
        super().__init__()
        self.answers: dict[str, tuple[str, float]] = {}  # text -> detect()'s answer (see there)

    def load_profile(self, profile_directory):
        names = os.listdir(profile_directory)  # langdetect's order, and its count, decide the indices
        profiles = []
        for name in names:
            path = os.path.join(profile_directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data["name"] in self.langlist:
                raise ValueError(f"two langdetect profiles for {data['name']!r}")
            self.langlist.append(data["name"])
            profiles.append((data.get("freq") or {}, data.get("n_words") or [0, 0, 0]))
        self.word_lang_prob_map = _Probabilities(profiles, len(names))

    def _create_detector(self):
        return _Detector(self)
