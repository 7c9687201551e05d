"""`dash-consistency`: a spaced hyphen standing for a dash in a text that sets real dashes between
words elsewhere ("Others — writers, artists — were shocked … and Moscow is so beautiful - and").

Whether a desk writes " - " for a dash is house style (careful translators of German and Czech do,
throughout), so a spaced hyphen alone proves nothing. A text that sets a spaced em or en dash
between words and, elsewhere, a spaced hyphen between words has two styles: MT of Russian and
Ukrainian keeps some of the source's dashes and turns others into hyphens, which a person typing
one article does not. The fix is the dash the text itself uses most. Needs the whole text, which
a regular expression cannot see at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tqlint.cache.patterns import compile_pattern
from tqlint.kinds import Hit, count_option

OPTIONS = {
    "min-dashes": "how many spaced dashes between words the text must set before its spaced hyphens "
    "count as stand-ins (default 1)",
}
REQUIRED = ()

# The literal first, the letters round it checked from there (a leading lookbehind is tried at every position).
_HYPHEN = compile_pattern(r" - (?<=\p{L}[,;]? - )(?=\p{L})")
_DASH = compile_pattern(r" ([—–]) (?<=\p{L}[,;]? [—–] )(?=\p{L})")


def has_fix(options) -> bool:
    return True


def compile(options: dict, rule) -> Callable:
    least = count_option(options, "min-dashes", 1)

    def find(doc, context):
        view = doc.view
        if " - " not in view or ("—" not in view and "–" not in view):
            return
        dashes = Counter(_DASH.findall(view))
        if sum(dashes.values()) < least:
            return
        dash = dashes.most_common(1)[0][0]
        message = f"A spaced hyphen where this text sets '{dash}' between words elsewhere: use the same dash here."
        for match in _HYPHEN.finditer(view):
            yield Hit.replace(match.start(), match.end(), (f" {dash} ",), message)

    return find
