"""Paragraph rebuilding from printed lines."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import Line, rebuild_paragraphs
from tests.conftest import examples


def lines_of(*texts: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(texts)]


def test_short_line_ending_a_sentence_ends_the_paragraph():
    block = lines_of(
        "为不断提升新时代产业工人思想政治",
        "教育引领力，2023 年以来，宁夏回族自治区",
        "总工会创新打造“一地六园 N 点”新时代产",
        "业工人思想政治教育实践地。",
        "实践地采取“一地六园”模式，主要打造",
        "思政园、文化园、劳模园、劳动园、工匠园、产",
        "改园和各具特色的实践点，以更加直观的方",
        "式，全景展示全区广大产业工人的拼搏精神",
        "和时代风采。",
    )
    assert rebuild_paragraphs(block) == [
        "为不断提升新时代产业工人思想政治教育引领力，2023年以来，宁夏回族自治区总工会创新打造“一地六园N点”"
        "新时代产业工人思想政治教育实践地。",
        "实践地采取“一地六园”模式，主要打造思政园、文化园、劳模园、劳动园、工匠园、产改园和各具特色的实践点，"
        "以更加直观的方式，全景展示全区广大产业工人的拼搏精神和时代风采。",
    ]


def test_full_line_ending_a_sentence_does_not_end_the_paragraph():
    block = lines_of(
        "级优胜集体 297 个、优秀个人 803 名，其中全",
        "型和模范培养工作成效显著。助力全面创",
        "新，聚焦工程“六项世界之最”和“十大世界级",
        "技术难题”，成功打造段朝杰、白芝勇等各类",
        "创新工作室 5家，持续为科技攻关搭建平台。",
        "积极评选创新先进集体和标兵，激发参建职",
        "工创造热情。",
    )
    assert len(rebuild_paragraphs(block)) == 1


def test_full_line_followed_by_an_indented_line_ends_the_paragraph():
    block = lines_of(
        "精神，进一步深化完善以职工沟通会和企业",
        "沟通会为主要形式的“双沟通”工作机制，推",
        "动工会组建、发展会员，破解建会入会难题。",
        "职工沟通会是指利用职工休息时间在职",
        "工密集区域“摆摊设点”，面对面宣传政策、推",
        "介服务，吸引零散就业人员。",
    )
    assert len(rebuild_paragraphs(block)) == 2


def test_empty_block():
    assert rebuild_paragraphs([]) == []


_PRINTED = st.text(alphabet="工会职工服务站点建设一二三123,.%“”，。；！？ ", min_size=1, max_size=30)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_PRINTED, min_size=1, max_size=30))
def test_rebuilding_paragraphs_never_loses_or_adds_text(printed):
    from pipeline.text import read_lines

    lines = read_lines("\n\n".join(printed))
    paragraphs = rebuild_paragraphs(lines)
    squash = lambda s: "".join(s.split())  # noqa: E731
    assert squash("".join(paragraphs)) == squash("".join(line.stripped for line in lines))
    assert all("\n" not in p for p in paragraphs)
