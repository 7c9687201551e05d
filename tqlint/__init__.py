"""tqlint: catch the marks machine translation leaves in English news text."""

__version__ = "0.1.0"
