"""Running headers: a phrase printed twice on one line, and its later repeats."""

import pytest

from pipeline.text import Line, drop_running_headers
from pipeline.text.headers import doubled_phrase


@pytest.mark.parametrize("line, phrase", [
    ("全国工会重点工作创新案例选登全国工会重点工作创新案例选登", "全国工会重点工作创新案例选登"),
    ("工人日报 要闻工人日报 要闻", "工人日报要闻"),
    ("创新案例创新案例", "创新案例"),
    ("全国工会重点工作创新案例选登", None),          # once is not a doubled header
    ("好好", None),                                # too short to be a heading
    ("一是领导重视、一是领导重视、", None),           # prose punctuation: not a heading
])
def test_doubled_phrase(line, phrase):
    assert doubled_phrase(line) == phrase


def test_headers_dropped_everywhere_once_known():
    lines = [Line(1, "正文第一行。"), Line(3, "案例选登汇编案例选登汇编"), Line(5, "正文第二行，"),
             Line(7, "案例选登汇编"), Line(9, "正文第三行。")]
    kept, headers = drop_running_headers(lines)
    assert [x.lineno for x in kept] == [1, 5, 9]
    assert [x.lineno for x in headers] == [3, 7]


def test_no_header_keeps_everything():
    lines = [Line(1, "河北省总工会"), Line(2, "河北省总工会")]
    kept, headers = drop_running_headers(lines)
    assert kept == lines and headers == []
