"""Page furniture: found by shape and repetition, dropped, and the word or number it split joined."""

import pytest

from pipeline.geo import is_union_name
from pipeline.text import Line, segment_bulletin
from pipeline.text.furniture import drop_furniture, is_furniture_by_shape


@pytest.mark.parametrize("line", [
    "5", "- 12 -", "— 3 —", "第5版", "第 6 页", "Page 7",
    "2024年4月26日 星期五 工人日报 5版",
    "工人日报 2024年4月26日 星期五",
    "2023.11.30 劳动时报 第3版 要闻",
    "2024年4月26日 星期五",
    "职工周刊 第12版 理论 2019-06-01",
])
def test_furniture_by_shape(line):
    assert is_furniture_by_shape(line)


@pytest.mark.parametrize("line", [
    "2024年4月26日，全国总工会召开会议",     # a date opening a sentence
    "2024年4月26日全总召开会议",             # a date run into prose
    "2023年11月30日",                        # a date alone, once: could be a wrapped body line
    "等 11 个区的",                           # a number amid prose
    "要闻 5",                                # one token and a name, once
    "技能培训 11.3万人，",
    "北京市总工会",
])
def test_not_furniture_by_shape(line):
    assert not is_furniture_by_shape(line)


def test_a_running_head_that_repeats_is_furniture_even_with_one_token():
    lines = [Line(1, "正文第一行，"), Line(2, "要闻 5"), Line(3, "正文第二行。"), Line(4, "要闻 6"),
             Line(5, "等 11 个区的"), Line(6, "第5版：理论")]
    kept, furniture = drop_furniture(lines, is_union_name)
    assert [x.lineno for x in furniture] == [2, 4]
    assert [x.lineno for x in kept] == [1, 3, 5, 6]


def test_a_union_line_is_never_furniture():
    lines = [Line(1, "北京市总工会"), Line(2, "北京市总工会")]
    kept, furniture = drop_furniture(lines, is_union_name)
    assert kept == lines and furniture == []


def test_a_number_split_by_a_running_head_is_joined_again():
    text = "\n".join([
        "实践地建成劳动公园、劳模广场、工匠园、劳模林、劳模精神宣",
        "传长廊等 16",
        "2024年4月26日 星期五 工人日报 5版",
        "0 余处，在机场开通绿色通道 5",
        "6",
        "0 多处，让劳模精神走进生活。",
        "宁夏回族自治区总工会",
        "创新建设实践地",
    ])
    (case,) = segment_bulletin(text, is_union_line=is_union_name, path="b.txt").cases
    # `通道 5` / `6` / `0 多处`: the `6` alone is a page number, and 50 is joined from 5 and 0.
    assert case.body == ("实践地建成劳动公园、劳模广场、工匠园、劳模林、劳模精神宣传长廊等160余处，"
                         "在机场开通绿色通道50多处，让劳模精神走进生活。")


def test_furniture_between_union_and_title_and_inside_a_title():
    text = "\n".join(["工会组织职工开展技能竞赛，成效显著。", "北京市总工会", "- 7 -", "打造科技节创新平台",
                      "劳动时报 2024年5月1日 星期三", "激发职工创新创造活力"])
    result = segment_bulletin(text, is_union_line=is_union_name, path="b.txt")
    (case,) = result.cases
    assert case.title == "打造科技节创新平台 激发职工创新创造活力"
    assert result.furniture_lines == (3, 5)
