"""The second edition of the figure rules (docs/figures.md), one parametrized test per rule, on
sentences written for these tests in the style of mainland, Hong Kong, Macau and Taiwan union texts."""

from decimal import Decimal

import pytest

from pipeline.figures import extract_figures

D = Decimal


def one(text):
    (f,) = extract_figures(text)
    assert text[f.start:f.end] == f.mention
    return (f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind)


def exact(mention, value, unit, kind="count"):
    return (mention, D(value), unit, "exact", D(value), D(value), kind)


# --- Number forms ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("全市新增会员１２３万人，", exact("１２３万人", 1230000, "人")),
    ("入会率达到５０％。", exact("５０％", 50, "%", "percent")),
    ("共投入资金３．５亿元用于帮扶", exact("３．５亿元", 350000000, "元", "money")),
])
def test_full_width_digits_read_like_ascii(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("工會現有會員2,480名", exact("2,480名", 2480, "名")),
    ("每人補助12,000元", exact("12,000元", 12000, "元", "money")),
    ("發放慰問金12，000元", exact("12，000元", 12000, "元", "money")),
    ("受惠人數達1,234,567人次", exact("1,234,567人次", 1234567, "人次")),
    ("會員共1\u00a0234人", exact("1\u00a0234人", 1234, "人")),
    ("會員共1\u2009234人", exact("1\u2009234人", 1234, "人")),
])
def test_thousands_separators(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("参训职工3万5千人", exact("3万5千人", 35000, "人")),
    ("投入资金2亿3000万元", exact("2亿3000万元", 230000000, "元", "money")),
    ("服務會員1萬2000人", exact("1萬2000人", 12000, "人")),
    ("累计筹集四千二百万元", exact("四千二百万元", 42000000, "元", "money")),
    ("惠及职工3万5千余人", ("3万5千余人", D(35000), "人", "over", D(35000), D(36000), "count")),
    ("惠及職工1萬2000餘人", ("1萬2000餘人", D(12000), "人", "over", D(12000), D(13000), "count")),
])
def test_mixed_scales_are_one_number(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("九成会员表示满意", exact("九成", 90, "%", "percent")),
    ("出勤率约为7.5成", ("约为7.5成", D(75), "%", "about", None, None, "percent")),
    ("四成半的企业建会", exact("四成半", 45, "%", "percent")),
    ("超过九成的職工參與", ("超过九成", D(90), "%", "over", D(90), None, "percent")),
    ("近四成受访者认为", ("近四成", D(40), "%", "nearly", None, D(40), "percent")),
    ("七成以上的企业签订合同", ("七成以上", D(70), "%", "at_least", D(70), None, "percent")),
    ("覆盖率在六至七成之间", ("六至七成", D(60), "%", "about", D(60), D(70), "percent")),
])
def test_cheng_is_tenths_as_a_percentage(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", ["制度一成不变", "新成员加入", "三成员国"])
def test_cheng_in_words_is_not_tenths(text):
    assert all(f.unit != "%" for f in extract_figures(text))


@pytest.mark.parametrize("text, expected", [
    ("培训为期半年", exact("半年", D("0.5"), "年", "duration")),
    ("項目歷時兩年半完成", exact("兩年半", D("2.5"), "年", "duration")),
    ("每次培训一个半小时", exact("一个半小时", D("1.5"), "小时", "duration")),
    ("集中学习半个月", exact("半个月", D("0.5"), "个月", "duration")),
    ("工资提高到1.5倍", exact("1.5倍", D("1.5"), "倍", "count")),
    ("收入增长两倍", exact("两倍", 2, "倍", "count")),
    ("用了1个半月", exact("1个半月", D("1.5"), "个月", "duration")),
])
def test_halves(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "过半企业建立工会", "三分之一的会员", "上半年工作总结", "下半年召开会议", "一半以上", "大半年时间",
    "每半年召开一次例会",
])
def test_halves_that_are_not_figures(text):
    assert [f.mention for f in extract_figures(text) if "半" in f.mention] == []


@pytest.mark.parametrize("text, expected", [
    ("吸引超万名职工参加", ("超万名", D(10000), "名", "over", D(10000), None, "count")),
    ("逾千家企业簽約", ("逾千家", D(1000), "家", "over", D(1000), None, "count")),
    ("撬动资金近亿元", ("近亿元", D(10**8), "元", "nearly", None, D(10**8), "money")),
])
def test_a_bare_scale_after_a_qualifier_is_the_number(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u00a0", " "])
@pytest.mark.parametrize("where", [1, 2, 3])
def test_invisible_characters_never_change_a_number(invisible, where):
    number = "7.61"
    text = "新增技能人才" + number[:where] + invisible + number[where:] + "万人，"
    got = [(f.value, f.unit) for f in extract_figures(text)]
    assert got in ([], [(D(76100), "人")])


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u00ad", "\u00a0"])
def test_an_invisible_character_before_the_scale_keeps_the_number(invisible):
    assert one(f"新增技能人才7.61{invisible}万人")[1] == D(76100)


@pytest.mark.parametrize("text", ["会员共1 234人", "會員共1\u200b234人", "共5 000元"])
def test_a_number_split_by_a_space_is_no_figure(text):
    assert extract_figures(text) == []


# --- Qualifier words ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("工作滿3年或以上的會員", ("3年或以上", D(3), "年", "at_least", D(3), None, "duration")),
    ("60岁及以上的退休职工", ("60岁及以上", D(60), "岁", "at_least", D(60), None, "count")),
    ("月薪1万元或以下者", ("1万元或以下", D(10000), "元", "at_most", None, D(10000), "money")),
    ("50人及以下的小微企业", ("50人及以下", D(50), "人", "at_most", None, D(50), "count")),
    ("在3天内答复", ("3天内", D(3), "天", "at_most", None, D(3), "duration")),
    ("須於十四日內完成", ("十四日內", D(14), "日", "at_most", None, D(14), "duration")),  # 日內: a length
    ("在一年内完成整改", ("一年内", D(1), "年", "at_most", None, D(1), "duration")),
    ("控制在5%以内", ("5%以内", D(5), "%", "at_most", None, D(5), "percent")),
])
def test_qualifiers_after_the_unit(text, expected):
    if expected is None:
        assert extract_figures(text) == []
    else:
        assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("增幅多于5%", ("多于5%", D(5), "%", "over", D(5), None, "percent")),
    ("工资高于3000元", ("高于3000元", D(3000), "元", "over", D(3000), None, "money")),
    ("增长幅度不应低于6%", ("不应低于6%", D(6), "%", "at_least", D(6), None, "percent")),
    ("每班不得少于10人", ("不得少于10人", D(10), "人", "at_least", D(10), None, "count")),
    ("加班時間不得超過36小時", ("不得超過36小時", D(36), "小时", "at_most", None, D(36), "duration")),
    ("约有300人参加", ("约有300人", D(300), "人", "about", None, None, "count")),
    ("约投入40万元", ("约投入40万元", D(400000), "元", "about", None, None, "money")),
    ("女职工约占30%", ("约占30%", D(30), "%", "about", None, None, "percent")),
    ("大約培訓了200名", ("大約培訓了200名", D(200), "名", "about", None, None, "count")),
])
def test_qualifiers_before_the_number(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("服务站点多达63个", exact("63个", 63, "个")),
    ("参与人数高达5万人", exact("5万人", 50000, "人")),
    ("覆盖企业达1200家", exact("1200家", 1200, "家")),
    ("约谈3家企业负责人", exact("3家", 3, "家")),
    ("签约5家企业", exact("5家", 5, "家")),
])
def test_words_that_are_no_qualifier(text, expected):
    assert one(text) == expected


# --- Units and kinds ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("补助300 元 / 人 / 月", exact("300 元 / 人 / 月", 300, "元/人/月", "money")),
    ("時薪60港元 / 小時", exact("60港元 / 小時", 60, "港元/小时", "money")),
    ("每日工作8小時", exact("8小時", 8, "小时", "duration")),
    ("服務1200人(次)", exact("1200人(次)", 1200, "人次")),
    ("服務300人（次）", exact("300人（次）", 300, "人次")),
    ("舉辦講座5場(次)", exact("5場(次)", 5, "场次")),
])
def test_canonical_units(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, unit", [
    ("捐款100美元", "美元"), ("津貼50港元", "港元"), ("資助20澳門元", "澳门元"), ("費用30日元", "日元"),
    ("預算40歐元", "欧元"), ("補助100港幣", "港币"), ("慰問金50澳門幣", "澳门币"), ("獎金300新臺幣", "新台币"),
    ("基金20英鎊", "英镑"), ("發放2萬元新台幣", "元"), ("最低工資190新台币/日", "新台币/日"),
])
def test_currencies_are_money(text, unit):
    (f,) = [f for f in extract_figures(text)][:1]
    assert (f.unit, f.kind) == (unit, "money")


@pytest.mark.parametrize("text, expected", [
    ("考核得分92分", exact("92分", 92, "分")),
    ("用时10分钟", exact("10分钟", 10, "分钟", "duration")),
])
def test_fen_is_points_and_fenzhong_minutes(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", ["工作十分重要", "三分天注定", "分为3类"[0:2]])
def test_fen_after_chinese_numerals_is_not_points(text):
    assert extract_figures(text) == []


# --- Not figures (added) --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "民國113年通過修法", "民国113年", "本會112年度工作計畫", "勞基法95年修正", "103年6月成立", "108至110年間",
    "自112年起實施", "108年及109年", "第二季度召开", "一季度增长", "3-5月开展活动", "上午9时开会", "8点30分签到",
    "上午9時30分", "2023年11月30日",
])
def test_dates_in_any_calendar_are_not_figures(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("最近6个月的数据", exact("6个月", 6, "个月", "duration")),
    ("前8个月累计", exact("8个月", 8, "个月", "duration")),
    ("未来三年内", ("三年内", D(3), "年", "at_most", None, D(3), "duration")),
    ("未来三年将", exact("三年", 3, "年", "duration")),
    ("5年来共", exact("5年", 5, "年", "duration")),
    ("從事工會工作30年", exact("30年", 30, "年", "duration")),
    ("近5年来", exact("近5年", 5, "年", "duration")),
])
def test_time_windows_are_exact_durations(text, expected):
    assert one(text) == expected


# --- Values the release cannot hold -----------------------------------------------------------

@pytest.mark.parametrize("text", ["编号" + "1" * 45 + "人", "共" + "9" * 33 + "元", "满意度91.414213562373%",
                                  "0.0000001万元"[:0] + "比例为0.0000001%"])
def test_values_beyond_the_release_decimal_are_not_figures(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize("text, value", [("共" + "9" * 32 + "元", D("9" * 32)), ("满意度91.414213%", D("91.414213")),
                                         ("资金1.234567万元", D("12345.67"))])
def test_values_the_release_holds_stay_exact(text, value):
    assert one(text)[1] == value
