"""The `phrase` kind: whole words, case kept, context regexes on either side."""

from tqlint.kinds import phrase
from tqlint.text.document import plain_document


class _Context:
    @staticmethod
    def regex_timeout(doc):
        return 5.0


def _hits(options, text):
    find = phrase.compile(options, {})
    return [(text[h.start:h.end], [f[0].replacement for f in h.fixes]) for h in find(plain_document(text), _Context())]


def test_whole_words_only_and_case_kept():
    options = {"phrases": {"the most part of": "most of"}}
    assert _hits(options, "The most part of it") == [("The most part of", ["Most of"])]
    assert _hits(options, "for the most part, yes") == []
    assert _hits(options, "the most part ofx") == []


def test_longest_phrase_wins_and_alternatives_keep_their_order():
    options = {"phrases": {"in what": None, "in what concerns": ["as for", "regarding"]}}
    assert _hits(options, "In what concerns pay") == [("In what concerns", ["As for", "Regarding"])]


def test_before_and_after_must_both_hold():
    options = {"phrases": {"actual": "current"}, "after": r"\s+(?:president|government)\b", "before": r"\bthe\s+"}
    assert _hits(options, "the actual president") == [("actual", ["current"])]
    assert _hits(options, "an actual president") == []
    assert _hits(options, "the actual cost") == []


def test_unless_sees_both_sides_of_the_phrase():
    options = {"phrases": {"SUA": "US"}, "case-sensitive": True,
               "unless": r"(?<=\bwith\s)SUA(?=\s+have\b)"}
    assert _hits(options, "talks with SUA have stalled") == []
    assert _hits(options, "talks with SUA officials") == [("SUA", ["US"])]
    assert _hits(options, "SUA have stalled") == [("SUA", ["US"])]


def test_case_sensitive_tables_leave_other_cases_alone():
    options = {"phrases": {"UE": "EU"}, "case-sensitive": True}
    assert _hits(options, "the UE said") == [("UE", ["EU"])]
    assert _hits(options, "the ue said") == []
