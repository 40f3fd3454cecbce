"""Reading printed lines: real line breaks only, cleaned characters, blank-line spacing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import read_lines


def test_line_numbers_are_an_editors_line_numbers():
    text = "一\u2028二\x85三\x0c四\r\n\r\n五\r六\n\n\n七"
    assert [(x.lineno, x.text) for x in read_lines(text)] == [(1, "一 二 三 四"), (3, "五"), (4, "六"), (7, "七")]


def test_blank_lines_before_a_line_are_recorded():
    assert [x.after_blank for x in read_lines("一\n\n二\n三\n  \n四")] == [False, True, False, True]


@pytest.mark.parametrize("raw, text", [
    ("\u3000\u3000为职工办实事", "  为职工办实事"),   # an ideographic indent stays an indent
    ("共 １６０ 余处\u200b", "共 160 余处"),
])
def test_characters_are_cleaned_per_line(raw, text):
    (line,) = read_lines(raw)
    assert line.text == text


@given(st.lists(st.text(alphabet="工会\u2028\x85\x0c\u200b 1２", max_size=8), max_size=20))
def test_line_numbers_follow_newlines_only(parts):
    text = "\n".join(parts)
    for line in read_lines(text):
        assert line.stripped == line.stripped.strip()
        assert 1 <= line.lineno <= len(parts)
        assert parts[line.lineno - 1].strip()
