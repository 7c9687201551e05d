"""Is a word English? The question the untranslated checks ask of a word the translation shares
with its source (wordfreq's frequency lists, loaded on first use: the bilingual and eval extras)."""

from __future__ import annotations


class EnglishLexicon:
    """"Is this an English word?" from wordfreq's frequency lists (imported on first use).

    A word is English when it is at least as common as `min_zipf` in English (2.5: three times
    in ten million words, so `amok` and `grandiose` are English) and not far more common in the source language (`margin` on the Zipf scale,
    3.0: a thousand times), so German `und`, frequent in English text only inside German names,
    is no English word while `die` and `war` are."""

    def __init__(self, source_language: str | None = None, min_zipf: float = 2.5, margin: float = 3.0):
        self.source_language = source_language
        self.min_zipf = min_zipf
        self.margin = margin
        self._known: dict[str, bool] = {}
        self._frequencies: dict[str, tuple[float, float]] = {}

    def __call__(self, word: str) -> bool:
        key = word.casefold()
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._decide(key)
        return known

    def _decide(self, word: str) -> bool:
        from wordfreq import zipf_frequency  # optional (the eval extra), and slow to load

        english = zipf_frequency(word, "en")
        if english < self.min_zipf:
            return False
        if not self.source_language or self.source_language == "en":
            return True
        try:
            source = zipf_frequency(word, self.source_language)
        except (ImportError, LookupError):  # no list for it, or one that needs a tokenizer not installed (ja, zh)
            return True
        return source < english + self.margin

    def frequencies(self, word: str) -> tuple[float, float]:
        """How common `word` is (Zipf scale) in English and in the source language (0 where
        there is no list for it)."""
        key = word.casefold()
        known = self._frequencies.get(key)
        if known is not None:
            return known
        from wordfreq import zipf_frequency  # optional (the eval and bilingual extras), and slow to load

        try:
            source = zipf_frequency(key, self.source_language) if self.source_language else 0.0
        except (ImportError, LookupError):  # no list for the language
            source = 0.0
        found = self._frequencies[key] = (zipf_frequency(key, "en"), source)
        return found

    def common_in_source(self, word: str, min_zipf: float = 3.0) -> bool:
        """Is `word` a common word of the source language (not a name, a brand, a drug)?"""
        if not self.source_language:
            return False
        from wordfreq import zipf_frequency  # optional (the eval and bilingual extras), and slow to load

        try:
            return zipf_frequency(word.casefold(), self.source_language) >= min_zipf
        except (ImportError, LookupError):  # no list for the language
            return False
