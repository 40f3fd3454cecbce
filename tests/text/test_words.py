"""The word evidence of the segmentation: line breaks inside words, and how lines open."""

from __future__ import annotations

import pytest

from pipeline.text import Line
from pipeline.text.roles import TITLE_BREAK_CLEAN, TITLE_BREAK_RUNS_ON, opening_fit, runs_on, title_break_fit
from pipeline.text.words import OTHER, PREPOSITION, SENTENCE, VERB, breaks_word, opening


@pytest.mark.parametrize("before, after, expected", [
    ("新时代产业工人思想政治教育引", "领力，2023年以来", True),   # 引领
    ("陕西省职工科技节 2", "010 年由省政府", True),            # a number split
    ("组建楼宇工会联", "合会18 个", True),                     # 联合会
    ("破解建会入会难题", "陕西省职工科技节", False),           # between words
    ("深化“双沟通”", "破解建会入会难题", False),
    ("", "工会", False),
])
def test_breaks_word(before, after, expected):
    assert breaks_word(before, after) is expected


@pytest.mark.parametrize("line, kind", [
    ("深入推进产业工人队伍建设改革", VERB),
    ("破解建会入会难题", VERB),
    ("激活一线职工成长新动能", VERB),        # an adjective is a predicate (激活: a)
    ("北京市总工会贯彻落实", SENTENCE),
    ("2023 年，福建省", SENTENCE),
    ("狮山镇有规模以上工业企业", SENTENCE),  # a town jieba does not know
    ("针对集体协商工作中", PREPOSITION),
    ("以数字化助推工会工作", PREPOSITION),
    ("以上工业企业1200", OTHER),              # a locality word follows what it locates
    ("员占常住人口六成", OTHER),              # a line broken inside a word (人员)
    ("", OTHER),
])
def test_opening(line, kind):
    assert opening(line) == kind


@pytest.mark.parametrize("a, b, expected", [
    ("合会—企业工会”的", "“小三级”组织体系，", True),   # a line ending with 的
    ("推动建立完善工会与", "企业协商机制", True),         # ending with a conjunction
    ("职工满意度分别达到 9", "1.4%、92.8%。", True),
    ("全市", "的职工", True),                               # 的 cannot open a phrase
    ("建会难度大", "，流动性强", True),
    ("深化“双沟通”", "破解建会入会难题", False),
    ("助力乡村产业振兴", "工地分散、工期紧张，", False),
])
def test_runs_on(a, b, expected):
    assert runs_on(Line(1, a), Line(2, b)) is expected


def test_a_title_break_inside_a_word_is_unlikely_and_a_clean_one_likely():
    assert TITLE_BREAK_RUNS_ON < -2 < 0 < TITLE_BREAK_CLEAN < 1
    assert title_break_fit(Line(1, "陕西省职工科技节 2"), Line(2, "010 年由"), False) == TITLE_BREAK_RUNS_ON
    assert title_break_fit(Line(1, "深化“双沟通”"), Line(2, "破解建会入会难题"), False) == TITLE_BREAK_CLEAN
    # inside a quotation a title line was forced to wrap: no evidence either way
    assert title_break_fit(Line(1, "请“工匠”走进省政府新闻发布厅“讲"), Line(2, "故事”"), True) == 0.0


def test_a_headline_opens_with_a_verb_a_paragraph_with_its_subject():
    headline, subject = Line(1, "破解建会入会难题"), Line(2, "陕西省职工科技节 2")
    assert opening_fit(headline, "title") > 0 > opening_fit(headline, "first")
    assert opening_fit(subject, "first") > 0 > opening_fit(subject, "title")
