"""The figure grammar on real sentences, its exclusions, Traditional script, and arbitrary text."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures import extract_figures, sentence_at


def one(text):
    (f,) = extract_figures(text)
    return (f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind)


D = Decimal


# The worked examples of docs/figures.md, and sentences of the same grammar from union texts.
@pytest.mark.parametrize("text, expected", [
    ("目前已发布两期案例", ("两期", D(2), "期", "exact", D(2), D(2), "count")),
    ("传长廊等160余处", ("160余处", D(160), "处", "over", D(160), D(170), "count")),
    ("见面会累计在线观看人数超千万，", ("超千万", D(10**7), "", "over", D(10**7), None, "count")),
    ("不少于5名劳模代表", ("不少于5名", D(5), "名", "at_least", D(5), None, "count")),
    ("同比增长9%", ("9%", D(9), "%", "exact", D(9), D(9), "percent")),
    ("新增技能人才7.61万人", ("7.61万人", D(76100), "人", "exact", D(76100), D(76100), "count")),
    ("社工年流失率低于1%", ("低于1%", D(1), "%", "under", None, D(1), "percent")),
    ("300元/人/月补助", ("300元/人/月", D(300), "元/人/月", "exact", D(300), D(300), "money")),
    ("涉案金额近千万元", ("近千万元", D(10**7), "元", "nearly", None, D(10**7), "money")),
    ("平台注册用户近800万，", ("近800万", D(8 * 10**6), "", "nearly", None, D(8 * 10**6), "count")),
    ("信息总阅读量超过4.1亿次", ("超过4.1亿次", D(41 * 10**7), "次", "over", D(41 * 10**7), None, "count")),
    ("广州市总工会连续六年发布", ("六年", D(6), "年", "exact", D(6), D(6), "duration")),
    ("近三年聚焦货车司机", ("近三年", D(3), "年", "exact", D(3), D(3), "duration")),
    ("职工咨询人数84.43万人", ("84.43万人", D(844300), "人", "exact", D(844300), D(844300), "count")),
    ("促进劳动者稳定就业22万余人。", ("22万余人", D(220000), "人", "over", D(220000), D(230000), "count")),
    ("受理劳动争议咨询千余件", ("千余件", D(1000), "件", "over", D(1000), D(2000), "count")),
    ("挽回经济损失60余万元。", ("60余万元", D(600000), "元", "over", D(600000), D(700000), "money")),
    ("服务女职工130多万人次。", ("130多万人次", D(1300000), "人次", "over", D(1300000), D(1400000), "count")),
    ("办理各类工会业务410余万件次", ("410余万件次", D(4100000), "件次", "over", D(4100000), D(4200000), "count")),
    ("举办线上线下招聘会9311场次", ("9311场次", D(9311), "场次", "exact", D(9311), D(9311), "count")),
    ("实现维权服务24小时“不打烊”", ("24小时", D(24), "小时", "exact", D(24), D(24), "duration")),
    ("满意度达到91.4%", ("91.4%", D("91.4"), "%", "exact", D("91.4"), D("91.4"), "percent")),
    ("百分之九十的会员", ("百分之九十", D(90), "%", "exact", D(90), D(90), "percent")),
    ("发放补助3至5万元", ("3至5万元", D(30000), "元", "about", D(30000), D(50000), "money")),
    ("增长三点五个百分点", ("三点五个百分点", D("3.5"), "个百分点", "exact", D("3.5"), D("3.5"), "count")),
    ("投入三点五亿元", ("三点五亿元", D(350000000), "元", "exact", D(350000000), D(350000000), "money")),
    ("出版30万余字", ("30万余字", D(300000), "字", "over", D(300000), D(310000), "count")),
    ("两年多来", ("两年多", D(2), "年", "over", D(2), D(3), "duration")),
    ("满意度在80%—90%之间", ("80%—90%", D(80), "%", "about", D(80), D(90), "percent")),
    ("期限为三到五年", ("三到五年", D(3), "年", "about", D(3), D(5), "duration")),
    ("约300人参加", ("约300人", D(300), "人", "about", None, None, "count")),
    ("覆盖100人以上的企业", ("100人以上", D(100), "人", "at_least", D(100), None, "count")),
    ("工期不超过3个月", ("不超过3个月", D(3), "个月", "at_most", None, D(3), "duration")),
    ("建成驿站十余万个", ("十余万个", D(100000), "个", "over", D(100000), D(200000), "count")),
    ("共有会员两千零五名", ("两千零五名", D(2005), "名", "exact", D(2005), D(2005), "count")),
    ("每年几十家媒体转发", ("几十家", None, "家", "about", None, None, "count")),
    ("参与职工约达3万人", ("约达3万人", D(30000), "人", "about", None, None, "count")),
    ("全国工会会员3亿多人", ("3亿多人", D(3 * 10**8), "人", "over", D(3 * 10**8), D(4 * 10**8), "count")),
    ("年满18周岁", ("18周岁", D(18), "周岁", "exact", D(18), D(18), "count")),
    ("坚持二十余年", ("二十余年", D(20), "年", "over", D(20), D(30), "duration")),
    ("覆盖十几万人", ("十几万人", None, "人", "about", None, None, "count")),
    ("历时1个多月", ("1个多月", D(1), "个月", "over", D(1), D(2), "duration")),
    ("培训职工一百多万人", ("一百多万人", D(10**6), "人", "over", D(10**6), D(2 * 10**6), "count")),
    ("新建驿站近百家", ("近百家", D(100), "家", "nearly", None, D(100), "count")),
    ("入会率提高了2.5个百分点", ("2.5个百分点", D("2.5"), "个百分点", "exact", D("2.5"), D("2.5"), "count")),
])
def test_figure(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "2017年，河北省总工会开展活动", "4月28日举行", "截至2023 年 11 月 30 日", "每月9号举办", "每年三月全省联动",
    "与省总工会第21次联席会议", "第一件大事", "一是领导重视；二、完善制度", "首创“1+6+N”组织协调保障机制",
    "创新打造“一地六园N点”", "“鏖战100天”", "聚焦工程“六项世界之最”", "开展“七比一创”", "落实中国工会十八大精神",
    "一批服务品牌", "活跃在基层一线", "一体化服务", "全省一盘棋", "140名三秦工匠"[4:], "自2019年起", "四川省总工会",
    "三亚市", "三番五次", "千家万户", "5G基站", "学习十九届五中全会精神", "拨打12351热线", "2023-2024年",
    "最近", "签约", "三分之一", "做到两个维护", "增强四个意识", "落实中央八项规定精神", "数字化", "几个方面", "一点一滴", "统筹推进五位一体总体布局",
])
def test_not_figures(text):
    assert extract_figures(text) == []


def test_a_qualifier_inside_a_word_is_not_a_qualifier():
    assert one("签约5家企业")[3] == "exact"
    assert one("最近三年")[:4] == ("三年", D(3), "年", "exact")


def test_traditional_script_reads_like_simplified():
    text = "培訓職工萬餘人，閱讀量超過4.1億次，共3個項目，舉辦12場"
    got = [(f.mention, f.value, f.unit, f.qualifier) for f in extract_figures(text)]
    assert got == [("萬餘人", D(10000), "人", "over"), ("超過4.1億次", D(410000000), "次", "over"),
                   ("3個", D(3), "个", "exact"), ("12場", D(12), "场", "exact")]
    for f in extract_figures(text):
        assert text[f.start:f.end] == f.mention


def test_web_text_with_spaces_and_full_width_digits():
    text = "累计超过 4.1亿次，新增１２３名会员，共 262 个"
    got = [(f.mention, f.value, f.unit) for f in extract_figures(text)]
    assert got == [("超过 4.1亿次", D(410000000), "次"), ("１２３名", D(123), "名"), ("262 个", D(262), "个")]


def test_sentence_at():
    text = "前一句。目前已发布两期案例共262个，现节选15个。后一句"
    f = extract_figures(text)[1]
    assert sentence_at(text, f.start, f.end) == "目前已发布两期案例共262个，现节选15个。"


def _invariants(text):
    for f in extract_figures(text):
        assert text[f.start:f.end] == f.mention
        assert f.qualifier in ("exact", "over", "at_least", "under", "at_most", "nearly", "about")
        assert f.kind in ("count", "money", "percent", "duration")
        if f.lower is not None and f.value is not None:
            assert f.lower <= f.value
        if f.upper is not None and f.value is not None:
            assert f.value <= f.upper


@settings(max_examples=300)
@given(st.text())
def test_any_unicode_text_gives_figures_or_nothing(text):
    _invariants(text)


FIGURE_ALPHABET = "0123456789.,%零〇一二两三四五六七八九十百千万亿余多近超过约至到—-第年月日个名人次元/“”《》 \n，。"


@settings(max_examples=500)
@given(st.text(alphabet=FIGURE_ALPHABET, max_size=40))
def test_dense_number_text_never_crashes(text):
    _invariants(text)


def test_a_run_on_sentence_is_cut_to_the_figures_clause():
    from pipeline.figures.extract import SENTENCE_MAX

    text = "职工人数达到1万人，" * 5000
    figures = extract_figures(text)
    assert len(figures) == 5000
    for f in (figures[0], figures[2500], figures[-1]):
        assert sentence_at(text, f.start, f.end) == "职工人数达到1万人，"
    one_clause = "职工人数达到" + "很" * 1000 + "1万人" + "多" * 1000
    (f,) = [f for f in extract_figures(one_clause) if f.mention == "1万人"]
    window = sentence_at(one_clause, f.start, f.end)
    assert len(window) <= SENTENCE_MAX and "1万人" in window


def test_a_short_sentence_is_whole_even_at_the_edges_of_the_text():
    text = "共有会员262个"
    f = extract_figures(text)[0]
    assert sentence_at(text, f.start, f.end) == text
