"""LSP positions ⇄ code-point offsets (tqlint/lsp/positions.py): UTF-16, UTF-8 and UTF-32
columns, emoji, CJK, combining marks, and LSP's three line breaks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqlint.lsp.positions import UTF8, UTF16, UTF32, LineMap, apply_change, choose_encoding, index_for_units, units

# 'e' + combining acute, a CJK pair, an emoji outside the BMP, a flag (two code points).
TEXT = "Café\u0301 北京 😀 said 🇷🇴 ,\r\nsecond\rthird\nlast"


@pytest.mark.parametrize("offered, chosen", [
    (None, UTF16), ([], UTF16), ([UTF16], UTF16), ([UTF16, UTF8], UTF8),
    ([UTF8, UTF16, UTF32], UTF32), (["utf-7", UTF16], UTF16),
])
def test_choose_encoding_prefers_code_points(offered, chosen):
    assert choose_encoding(offered) == chosen


def test_columns_in_each_encoding():
    lines = LineMap(TEXT)
    comma = TEXT.index(",")
    # Before the comma: 'Café' + combining mark (5 code points), CJK, 😀, 🇷🇴 (two regional indicators).
    prefix = TEXT[:comma]
    assert lines.position(comma, UTF32) == (0, len(prefix)) == (0, 19)
    assert lines.position(comma, UTF16) == (0, len(prefix.encode("utf-16-le")) // 2) == (0, 22)
    assert lines.position(comma, UTF8) == (0, len(prefix.encode("utf-8"))) == (0, 34)
    for encoding in (UTF8, UTF16, UTF32):
        assert lines.offset(*lines.position(comma, encoding), encoding) == comma


def test_emoji_start_and_end():
    lines = LineMap("a😀b")
    assert [lines.position(i) for i in range(4)] == [(0, 0), (0, 1), (0, 3), (0, 4)]
    assert [lines.offset(0, c) for c in range(5)] == [0, 1, 1, 2, 3]  # column 2 is inside the pair
    assert [lines.offset(0, c, UTF8) for c in range(7)] == [0, 1, 1, 1, 1, 2, 3]


def test_three_line_breaks_and_only_those():
    lines = LineMap(TEXT)
    assert lines.line_count == 4
    assert [lines.line_text(i) for i in range(1, 4)] == ["second", "third", "last"]
    assert lines.position(TEXT.index("second")) == (1, 0)
    assert lines.position(TEXT.index("third")) == (2, 0)
    assert LineMap("a\u2028b\x0cc\x85d").line_count == 1  # str.splitlines would say 4


def test_columns_past_a_line_end_stay_on_the_line():
    lines = LineMap("ab\r\ncd")
    assert lines.offset(0, 99) == 2  # the end of 'ab', not inside '\r\n'
    assert lines.offset(7, 0) == 6 and lines.offset(-1, 3) == 0
    assert lines.position(3) == (0, 2)  # between '\r' and '\n': the end of the line


def test_apply_change_replaces_an_lsp_range():
    text = "Prices 😀 grew with 10 percent.\nNext line."
    start = (0, text.index("with") + 1)  # +1: the emoji is two UTF-16 units
    new, first, last = apply_change(text, start, (start[0], start[1] + 4), "by")
    assert new == "Prices 😀 grew by 10 percent.\nNext line."
    assert text[first:last] == "with"
    assert apply_change(text, None, None, "all new") == ("all new", 0, len(text))
    assert apply_change("ab", (0, 2), (0, 2), "\n")[0] == "ab\n"


texts = st.text(alphabet=st.sampled_from(list("ab \t\r\n,é\u0301北😀🇷\u2028\ud800")), max_size=40)


@given(texts)
def test_offsets_round_trip(text):
    lines = LineMap(text)
    for offset in range(len(text) + 1):
        inside_crlf = 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"
        for encoding in (UTF8, UTF16, UTF32):
            line, column = lines.position(offset, encoding)
            if not inside_crlf:
                assert lines.offset(line, column, encoding) == offset


@given(texts, st.integers(0, 40))
def test_utf16_columns_match_the_encoded_line(text, offset):
    offset = min(offset, len(text))
    lines = LineMap(text)
    line, column = lines.position(offset, UTF16)
    start = lines.offset(line, 0)
    assert column == len(text[start:min(offset, lines.line_end(line))].encode("utf-16-le", "surrogatepass")) // 2


@given(st.text(max_size=30), st.integers(0, 130))
def test_index_for_units_never_splits_a_character(line, column):
    for encoding in (UTF8, UTF16, UTF32):
        index = index_for_units(line, column, encoding)
        assert 0 <= index <= len(line)
        assert units(line[:index], encoding) <= max(column, 0)
        if index < len(line):
            assert units(line[:index + 1], encoding) > column
