"""The `set-phrases` option (tqlint.kinds.setphrases): Latin set phrases English keeps are masked
before a language test, as whole words only, offsets kept."""

from __future__ import annotations

import pytest

from tqlint.kinds import RuleError
from tqlint.kinds.setphrases import compile_set_phrases, mask, spans

PHRASES = {"set-phrases": ["ne bis in idem", "de facto", "ad hoc"]}


def test_mask_blanks_whole_phrases_and_keeps_length():
    pattern = compile_set_phrases(PHRASES)
    text = "OK, Ne  bis in idem, said the de facto judge."
    masked = mask(text, pattern)
    assert len(masked) == len(text)
    assert "idem" not in masked and "facto" not in masked
    assert masked.startswith("OK, ") and masked.endswith("judge.")


def test_part_of_a_word_is_not_masked():
    pattern = compile_set_phrases(PHRASES)
    assert mask("The road hoc ad hocking.", pattern) == "The road hoc ad hocking."
    assert spans("Grad hoc stayed.", pattern) == []
    assert spans("An ad hoc panel.", pattern) == [(3, 9)]


def test_no_list_means_no_mask():
    assert compile_set_phrases({}) is None
    assert mask("de facto", None) == "de facto"


def test_bad_list_is_a_rule_error():
    with pytest.raises(RuleError):
        compile_set_phrases({"set-phrases": "de facto"})
    with pytest.raises(RuleError):
        compile_set_phrases({"set-phrases": ["de facto", " "]})
