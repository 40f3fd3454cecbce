"""Rules found missing by the hand-labelled blind texts, each on sentences written for these tests:
ranges with the unit on both ends, mixed scales with thousands separators, 约 that ends a word,
a currency between a qualifier and its number, measure words of Taiwanese and Hong Kong usage,
congress sessions numbered without 第, N日 as a length of days, and 个 in time units."""

from decimal import Decimal as D

import pytest

from pipeline.figures import extract_figures


def _one(text: str) -> tuple:
    figures = extract_figures(text)
    assert len(figures) == 1, [f.mention for f in figures]
    f = figures[0]
    assert text[f.start:f.end] == f.mention
    return (f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind)


@pytest.mark.parametrize("text, expected", [
    ("培訓期為2個月至4個月。", ("2個月至4個月", D(2), "个月", "about", D(2), D(4), "duration")),
    ("每户补贴800元至1200元不等", ("800元至1200元", D(800), "元", "about", D(800), D(1200), "money")),
    ("每月房租約為3,000港元至4,500港元", ("約為3,000港元至4,500港元", D(3000), "港元", "about", D(3000),
                                        D(4500), "money")),
    ("每班20人到30人", ("20人到30人", D(20), "人", "about", D(20), D(30), "count")),
    ("资助3万元至5万元", ("3万元至5万元", D(30000), "元", "about", D(30000), D(50000), "money")),
    ("为期三天至五天", ("三天至五天", D(3), "天", "about", D(3), D(5), "duration")),
    ("培训为期15日至20日", ("15日至20日", D(15), "日", "about", D(15), D(20), "duration")),
])
def test_range_with_the_unit_on_both_ends_is_one_figure(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, mentions", [
    ("招收3人至5名学员", ["3人", "5名"]),            # different units: two figures
    ("发放5万元至3万元", ["5万元", "3万元"]),         # not rising: no range
    ("2020年至2023年", []),                           # a span of years
    ("4月1日至15日", []),                             # dates
])
def test_no_range_unless_both_units_agree(text, mentions):
    assert [f.mention for f in extract_figures(text)] == mentions


@pytest.mark.parametrize("text, mention, value", [
    ("總預算達3億4,500萬元", "3億4,500萬元", D(345000000)),
    ("共有2万1,500名会员", "2万1,500名", D(21500)),
    ("投入5亿3,000万元", "5亿3,000万元", D(530000000)),
])
def test_mixed_scale_with_a_thousands_separator_is_one_number(text, mention, value):
    f = _one(text)
    assert (f[0], f[1], f[3]) == (mention, value, "exact")


@pytest.mark.parametrize("text, expected", [
    ("全年續簽合約20家以上", ("20家以上", "at_least")),
    ("今年新簽勞動契約300份", ("300份", "exact")),
    ("推动集体协约10家", ("10家", "exact")),
    ("累计节约50万元", ("50万元", "exact")),
    ("线上预约2000人次", ("2000人次", "exact")),
    ("项目经费约80万元", ("约80万元", "about")),       # 经费 is the word, 约 qualifies
    ("现有约300名会员", ("约300名", "about")),
    ("增长率约6%", ("约6%", "about")),
    ("需要约3天", ("约3天", "about")),
])
def test_yue_ending_a_word_is_no_qualifier(text, expected):
    f = _one(text)
    assert (f[0], f[3]) == expected


@pytest.mark.xfail(strict=True, reason="月租 is not in jieba's dictionary, so 月租約為 segments as 月/租約/為 "
                                       "and 約 is read as the end of 租約: a known limit of the segmenter")
def test_yue_after_a_word_the_dictionary_lacks():
    assert _one("月租約為3,000港元")[3] == "about"


@pytest.mark.parametrize("text, expected", [
    ("活動總開支約為港幣12萬元。", ("約為港幣12萬元", D(120000), "元", "about", "money")),
    ("補助超過新台幣500萬元", ("超過新台幣500萬元", D(5000000), "元", "over", "money")),
    ("基金不少于人民币200万元", ("不少于人民币200万元", D(2000000), "元", "at_least", "money")),
    ("捐款超过新台币1亿。", ("超过新台币1亿", D(100000000), "新台币", "over", "money")),
])
def test_a_currency_between_qualifier_and_number(text, expected):
    f = _one(text)
    assert (f[0], f[1], f[2], f[3], f[6]) == expected


@pytest.mark.parametrize("text, mention, unit", [
    ("研習營共辦理3梯次", "3梯次", "梯次"),
    ("累计投入志愿服务1200工时", "1200工时", "工时"),
    ("每名学员完成40课时", "40课时", "课时"),
    ("培训不少于24学时", "不少于24学时", "学时"),
])
def test_measure_words_of_regional_usage(text, mention, unit):
    f = _one(text)
    assert (f[0], f[2], f[6]) == (mention, unit, "count")


@pytest.mark.parametrize("text", [
    "在十五届五次全委会议上", "十九届五中全会精神", "出席十五届人大一次会议", "二十届三中全会",
    "九届二次理事会审议通过",
])
def test_a_session_numbered_without_di_is_a_name(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize("text, mention", [
    ("他连续三届当选", "三届"), ("已举办五届", "五届"),
])
def test_a_count_of_terms_stays_a_figure(text, mention):
    assert [f.mention for f in extract_figures(text)] == [mention]


@pytest.mark.parametrize("text, expected", [
    ("申请须在15日内办结", ("15日内", D(15), "at_most")),
    ("应于七日之内答复", ("七日之内", D(7), "at_most")),
    ("停工10日以上的", ("10日以上", D(10), "at_least")),
    ("活動為期3日", ("3日", D(3), "exact")),
    ("連續5日高溫", ("5日", D(5), "exact")),
    ("侍產假由5日延長至7日", None),  # two figures, see below
    ("展期长达45日", ("45日", D(45), "exact")),
    ("审批时限缩短至20日", ("20日", D(20), "exact")),
    ("产假98日", ("98日", D(98), "exact")),            # above 31: no day of a month
    ("不超过30日", ("不超过30日", D(30), "at_most")),
    ("年假再增加3日", ("3日", D(3), "exact")),         # a difference of days
    ("假期延长5日", ("5日", D(5), "exact")),
])
def test_n_ri_as_a_length_of_days(text, expected):
    if expected is None:
        assert [(f.mention, f.unit, f.kind) for f in extract_figures(text)] == [
            ("5日", "日", "duration"), ("7日", "日", "duration")]
        return
    f = _one(text)
    assert (f[0], f[1], f[2], f[3], f[6]) == (expected[0], expected[1], "日", expected[2], "duration")


@pytest.mark.parametrize("text", [
    "会议于4月28日召开", "本月15日举行", "15日召开座谈会", "每月10日发放", "截至30日",
    "由15日起施行", "从1日到15日", "2023年12月31日内完成",
])
def test_n_ri_stays_a_date(text):
    assert [f for f in extract_figures(text) if f.unit == "日"] == []


@pytest.mark.parametrize("text, mention, unit", [
    ("3个工作日内答复", "3个工作日内", "工作日"),
    ("需時5個工作日", "5個工作日", "工作日"),
    ("培训3个小时", "3个小时", "小时"),
    ("休息两个星期", "两个星期", "星期"),
    ("用了3个月", "3个月", "个月"),                # 3月 is March: 个 stays
    ("一个半小时", "一个半小时", "小时"),
])
def test_ge_is_dropped_from_a_time_unit_unless_chinese_needs_it(text, mention, unit):
    f = _one(text)
    assert (f[0], f[2], f[6]) == (mention, unit, "duration")
