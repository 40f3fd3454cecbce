"""Hostile text the segmentation must survive: an unclosed quotation in a title, a title of only
punctuation, line separators that are not line breaks, and a union name wrapped inside a body."""

from __future__ import annotations

import pytest

from pipeline.geo import is_union_name
from pipeline.text import BulletinFormatError, segment_bulletin
from tests.text.corpus import assemble, cut_seed, squash
from tests.text.synth import render_bulletin


def segment(text: str):
    return segment_bulletin(text, is_union_line=is_union_name, path="bulletin.txt")


@pytest.fixture(scope="module")
def seed(raw_text, gold_cases):
    return cut_seed(raw_text, gold_cases)


def test_an_unclosed_quote_in_a_title_does_not_swallow_the_next_body(seed, gold_cases):
    k = next(i for i, b in enumerate(seed.blocks) if len(b.title) == 1 and "”" in b.title[0])
    block = seed.blocks[k]
    block_title = block.title
    try:
        block.title = [block_title[0].replace("”", "", 1)]  # an opening quote left unclosed
        result = segment(assemble(seed))
    finally:
        block.title = block_title
    assert squash(result.cases[k].title) == squash(block_title[0].replace("”", "", 1))
    after = result.cases[k + 1]
    assert after.body == gold_cases[k + 1]["body"]  # no character of the next body lost
    assert [c.body for c in result.cases] == [g["body"] for g in gold_cases]


@pytest.mark.parametrize("title", ["。", "，。", "……", "“”", "——"])
def test_a_title_of_only_punctuation_is_refused_naming_the_line(title):
    text = "\n".join(["工会组织职工开展技能竞赛，成效显著。", "北京市总工会", title, ""])
    with pytest.raises(BulletinFormatError, match=r"^bulletin\.txt:3: expected the case title") as e:
        segment(text)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"])
def test_line_numbers_count_only_real_line_breaks(separator):
    lines = [f"导语一句。{separator}导语还在这一行。", "", "正文内容在这里。", "", "河北省总工会", "", "，这一行不是标题"]
    with pytest.raises(BulletinFormatError, match=r"^bulletin\.txt:7: ") as e:
        segment("\n".join(lines))
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_real_line_break_counts(newline):
    text = newline.join(["正文内容在这里。", "河北省总工会", "，这一行不是标题"])
    with pytest.raises(BulletinFormatError, match=r"^bulletin\.txt:3: "):
        segment(text)


def _case(body_lines: list[str], union: str, title: str) -> list[str]:
    return [*body_lines, union, title]


def test_a_body_line_that_is_exactly_a_union_name_does_not_split_the_case():
    # A column 12 cells wide: 北京市总工会 fills a line of the body, mid-paragraph.
    first = _case(["  为职工办实", "事，市里的", "北京市总工会", "联合各区建立", "服务站点。"], "北京市总工会", "职工服务站点建设")
    second = _case(["  河北省总工", "会开展技能竞", "赛，成效显著", "，参赛职工达", "到十万人。"], "河北省总工会", "技能竞赛")
    for layout in ("print", "web-title-body-union"):
        if layout == "print":
            lines = [*first, *second]
        else:
            lines = [first[-1], *first[:-2], first[-2], second[-1], *second[:-2], second[-2]]
        result = segment("\n".join(lines))
        assert [c.union_name for c in result.cases] == ["北京市总工会", "河北省总工会"], layout
        assert result.cases[0].body == "为职工办实事，市里的北京市总工会联合各区建立服务站点。"
        assert [c.title for c in result.cases] == ["职工服务站点建设", "技能竞赛"]


@pytest.mark.parametrize("dense", [False, True])
def test_a_union_name_filling_a_body_s_first_line_is_body(gold_cases, gold_preface, dense):
    # At 16 cells a first line holds six characters after its indent: 云南省总工会, 北京市总工会
    # and 重庆市总工会 (the openings of those bodies) stand alone on a line after a title.
    picks = [gold_cases[k] for k in (0, 2, 14, 6, 1, 3)]
    assert sum(is_union_name(g["body"][:6]) for g in picks) == 3
    text = render_bulletin(gold_preface, picks, 16, seed=3)
    result = segment(text.replace("\n\n", "\n") if dense else text)
    assert [c.union_name for c in result.cases] == [g["union_name"] for g in picks]
    assert [squash(c.title) for c in result.cases] == [squash(g["title"]) for g in picks]
    assert [squash(c.body) for c in result.cases] == [squash(g["body"]) for g in picks]
