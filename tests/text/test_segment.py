"""Segmentation into preface and cases: the real bulletin against gold, bulletins this test prints
itself at other column widths with other cases in another order, and malformed text."""

from __future__ import annotations

import random
import re

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.figures import extract_figures
from pipeline.geo import is_union_name
from pipeline.text import BulletinFormatError, segment_bulletin
from pipeline.text.paragraphs import SENTENCE_END
from tests.conftest import examples
from tests.text.synth import render_bulletin, wrap_paragraph


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def segment(text: str):
    return segment_bulletin(text, is_union_line=is_union_name, path="bulletin.txt")


def test_real_bulletin_matches_gold(raw_text, gold_cases, gold_preface):
    result = segment(raw_text)
    assert result.preface == gold_preface
    assert len(result.cases) == len(gold_cases) == 15
    for case, gold in zip(result.cases, gold_cases, strict=True):
        assert case.seq == int(gold["seq"])
        assert case.union_name == gold["union_name"]
        # NOTE: the gold joins title lines inconsistently after a closing quote (case 9 with
        # nothing, case 14 with a space), so titles are compared without spaces, as the scorer does.
        assert squash(case.title) == squash(gold["title"])
        assert case.body == gold["body"]
        assert len(case.paragraphs) == int(gold["n_paragraphs"])
    assert len(result.header_lines) == 1
    assert len(result.duplicate_footer_lines) == 2


def test_title_over_two_lines_is_one_title_joined_by_a_space(raw_text):
    titles = [c.title for c in segment(raw_text).cases]
    assert "打造科技节创新平台 激发职工创新创造活力" in titles
    assert "坚持“三性”带“三力” 以数字化助推工会工作高质量发展" in titles


def test_line_break_inside_a_quotation_joins_with_nothing():
    text = render_bulletin("前言一句。", [], 40) + "\n".join([
        "这是案例正文的第一段，讲述了工会的工作。", "", "河北省总工会", "", "请“工匠”走进省政府新闻发布厅“讲",
        "", "故事”", ""])
    (case,) = segment(text).cases
    assert case.title == "请“工匠”走进省政府新闻发布厅“讲故事”"


def test_body_line_starting_with_a_union_name_is_body(raw_text):
    cases = segment(raw_text).cases
    beijing = next(c for c in cases if c.union_name == "北京市总工会")
    assert beijing.body.startswith("北京市总工会贯彻落实中国工会十八大精神")


@pytest.mark.parametrize("width, seed", [(38, 1), (44, 2), (50, 3), (56, 4)])
def test_bulletin_printed_at_other_widths_with_other_cases(gold_cases, gold_preface, width, seed):
    rng = random.Random(seed)
    chosen = rng.sample(gold_cases, k=9)
    text = render_bulletin(gold_preface, chosen, width, seed=seed, double_footer=rng.randrange(9))
    result = segment(text)
    assert squash(result.preface) == squash(gold_preface)
    assert [c.union_name for c in result.cases] == [g["union_name"] for g in chosen]
    assert [squash(c.title) for c in result.cases] == [squash(g["title"]) for g in chosen]
    assert [squash(c.body) for c in result.cases] == [squash(g["body"]) for g in chosen]
    # Paragraph breaks are only ever placed after a sentence ends (a full last line followed by a
    # kinsoku-widened first line can hide one; the text itself is always whole).
    assert all(SENTENCE_END.search(p) for c in result.cases for p in c.paragraphs)


def test_no_footer_is_a_clear_error():
    with pytest.raises(BulletinFormatError, match=r"bulletin\.txt:1: no case footer found"):
        segment("这是一段文字。\n\n没有任何案例署名。\n")


def test_empty_text_is_a_clear_error():
    with pytest.raises(BulletinFormatError, match="has no text"):
        segment("\n\n  \n")


def test_truncated_bulletin_names_the_line(raw_text):
    lines = raw_text.split("\n")
    cut = "\n".join(lines[: len(lines) - 60])  # ends in the middle of the last case's body
    with pytest.raises(BulletinFormatError, match=r"bulletin\.txt:\d+: .*truncated"):
        segment(cut)


def test_footer_without_title_is_a_clear_error():
    with pytest.raises(BulletinFormatError, match="no title line"):
        segment("正文内容在这里。\n\n河北省总工会\n")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_result_or_a_clear_error(text):
    try:
        segment(text)
    except BulletinFormatError as e:
        assert str(e).startswith("bulletin.txt")


_S2T = opencc.OpenCC("s2t")


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_bulletin_gives_a_result_or_a_clear_error(raw_text, data):
    lines = raw_text.split("\n")
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "double", "wrap", "control", "script"]))
        if op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "wrap" and len(lines[i]) > 2:
            k = data.draw(st.integers(1, len(lines[i]) - 1))
            lines[i:i + 1] = [lines[i][:k], lines[i][k:]]
        elif op == "control":
            lines[i] += data.draw(st.sampled_from(["\x0b", "\x1c", "\u2028", "\x00"]))
        elif op == "script":  # one line in Traditional characters: mixed scripts
            lines[i] = _S2T.convert(lines[i])
    try:
        result = segment("\n".join(lines))
    except BulletinFormatError as e:
        assert str(e).startswith("bulletin.txt")
        return
    assert all(c.body and c.title for c in result.cases)
    for case in result.cases:  # the figure extractor takes whatever the segmentation gives
        for f in extract_figures(case.body):
            assert case.body[f.start:f.end] == f.mention


@pytest.mark.parametrize("width", [40, 52])
def test_other_kinds_of_union_sign_cases(gold_cases, gold_preface, width):
    unions = ["中国海员建设工会", "延边州总工会", "杭州市西湖区总工会", "新疆生产建设兵团总工会", "广西总工会",
              "国家电网有限公司工会"]
    chosen = [dict(g, union_name=u) for g, u in zip(gold_cases[3:9], unions, strict=True)]
    result = segment(render_bulletin(gold_preface, chosen, width, seed=width))
    assert [c.union_name for c in result.cases] == unions
    assert [squash(c.body) for c in result.cases] == [squash(g["body"]) for g in chosen]


_BODY = "重庆市总工会注重充分发挥劳模示范引领作用，推动将劳模参政议政纳入制度性安排，组织劳模列席重要会议、参与调研视察，提出意见建议，并推动建议办理落实。"
_NEXT = "河北省总工会在全省开展了大工匠寻访宣传活动，推动各级工会讲好工匠故事，组织工匠走进新闻发布厅，让劳动光荣、技能宝贵的风尚深入人心。"


def _wrapped_title_bulletin(title: list[str]) -> str:
    """Two cases in a column of 14 cells (a paragraph's first line 4 cells short), the first's title
    as given."""
    rng = random.Random(0)
    body = wrap_paragraph(_BODY, 14, rng)
    nxt = wrap_paragraph(_NEXT, 14, rng)
    lines = [*body, "重庆市总工会", *title, *nxt, "河北省总工会", "请工匠讲故事"]
    return render_bulletin("前言一句。", [], 14) + "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("title, expected", [
    # wrapped by force at 14 cells, and between phrases (a short line, a space)
    (["推动劳模参政议", "政纳入制度性安", "排"], "推动劳模参政议政纳入制度性安排"),
    (["创新开展劳动和", "技能竞赛", "助推滇中引水工", "程高质量建设"], "创新开展劳动和技能竞赛 助推滇中引水工程高质量建设"),
    (["坚持和发展新时", "代“枫桥经", "验” 全面推行", "“驿站枫桥”维", "权服务机制"], "坚持和发展新时代“枫桥经验” 全面推行“驿站枫桥”维权服务机制"),
    # two phrases, the first filling the column: a clean break before a verb keeps the space
    (["打造科技节创新", "激发职工创新创", "造活力"], "打造科技节创新 激发职工创新创造活力"),
])
def test_a_title_wrapped_at_the_column_is_read_whole_and_joined_where_it_wrapped(title, expected):
    """Set in a column of 14 cells, a title takes more than three lines; a line filling the column
    was wrapped by force and joins the next with nothing (a phrase break keeps its space)."""
    first, second = segment(_wrapped_title_bulletin(title)).cases
    assert first.title == expected
    assert (first.body, second.body) == (_BODY, _NEXT)
    assert second.title == "请工匠讲故事"


def test_a_title_has_at_most_three_lines_of_its_own():
    """Lines that do not fill the column are the title's own breaks: three at most, so a fourth
    short titleish line is the next body's (here refused as a footer-like line without a union)."""
    from pipeline.text.lines import read_lines
    from pipeline.text.segment import LONGEST_TITLE, title_room

    lines = read_lines("\n".join(["推动劳模", "参政议政", "纳入制度", "性安排", "重庆市"]))
    assert title_room(lines, 0, len(lines), 14) == 3
    full = read_lines("\n".join(["推动劳模参政议"] * 12))
    assert title_room(full, 0, len(full), 14) == MAX_LINES_AT_14 == 3 + LONGEST_TITLE // 14
    assert title_room(full, 11, len(full), 14, step=-1) == MAX_LINES_AT_14


MAX_LINES_AT_14 = 8
