"""How long a translation into English runs, per source language: (ratio, variance) of the
length model that the aligner (tqlint.text.align) and the omission check use. `ratio` is English
characters per source character (white space not counted), `variance` their spread per character.
Learned from the human references of WMT22 (bench/bilingual_lengths.py prints this table);
languages without data get the model of their script's nearest neighbour, else 1.0 and 6.8
(Gale and Church's figures for European pairs)."""

from __future__ import annotations

MODELS = {
    "cs": (1.098, 2.43),
    "de": (0.927, 1.23),
    "ja": (2.211, 13.11),
    "ru": (0.991, 2.05),
    "uk": (1.053, 2.16),
    "zh": (3.375, 37.44),
}
# Languages with no data, by the learned language whose writing behaves most like theirs.
NEAREST = {"ko": "ja", "be": "ru", "bg": "ru", "sr": "ru", "mk": "ru", "sk": "cs", "pl": "cs", "sl": "cs",
           "hr": "cs", "nl": "de", "fr": "de", "es": "de", "it": "de", "pt": "de", "ro": "de"}
DEFAULT = (1.0, 6.8)


def model_for(language: str | None) -> tuple[float, float]:
    language = (language or "").lower()
    return MODELS.get(language) or MODELS.get(NEAREST.get(language, ""), DEFAULT)
