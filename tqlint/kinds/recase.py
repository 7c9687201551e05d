"""`recase`: a word in the wrong case, mended by changing its case only.

A regular expression finds the word (the `word` group, or the whole match); the fix gives it the
case `to` asks for: `lower` ("and The spirit" → "the"), `upper` ("imho" → "IMHO"), `title`
("russia's" → "Russia's").
"""

from __future__ import annotations

from collections.abc import Callable

from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError
from tqlint.kinds.pattern import compile_regex

OPTIONS = {
    "pattern": "the regular expression; its `word` group (or the whole match) is the word to recase",
    "to": "`lower`, `upper` or `title` (first letter upper case, the rest as written)",
}
REQUIRED = ("pattern", "to")

_CASES = {
    "lower": str.lower,
    "upper": str.upper,
    "title": lambda word: word[:1].upper() + word[1:],
}


def has_fix(options) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    pattern = compile_regex(options["pattern"], "pattern")
    to = options["to"]
    if to not in _CASES:
        raise RuleError("`to` must be `lower`, `upper` or `title`", "to")
    change = _CASES[to]
    group = "word" if "word" in pattern.groupindex else 0

    def find(doc, context):
        view = doc.view
        for match in pattern.finditer(view):
            start, end = match.span(group)
            word = view[start:end]
            new = change(word)
            if new == word:
                continue
            yield Hit(start, end, ((Edit(start, end, new),),))

    return find

