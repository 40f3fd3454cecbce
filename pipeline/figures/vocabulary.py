"""The words around a number: qualifiers, scales, measure words and what kind of figure each makes.

Every list is about Chinese quantity phrases in general (see ``docs/figures.md``), never
about one bulletin. Longer words come first where one is a prefix of another (不超过 before 超过).
"""

from __future__ import annotations

import logging
import warnings
from decimal import Decimal

from pipeline.memo import per_bulletin

# Qualifier words before a number, longest first, and what they mean.
PRE_QUALIFIERS: dict[str, str] = {
    "不少于": "at_least", "不低于": "at_least", "不超过": "at_most", "不高于": "at_most",
    "不多于": "at_most", "将近": "nearly", "接近": "nearly", "大约": "about", "多于": "over",
    "超过": "over", "高于": "over", "少于": "under", "低于": "under", "不足": "under", "不到": "under",
    "至少": "at_least", "至多": "at_most", "最多": "at_most", "最少": "at_least", "约": "about",
    "超": "over", "逾": "over", "近": "nearly",
}
# NOTE: a modal verb may stand inside a negated bound (不应低于6%, 不得少于10人, 不能超过3天): the
# bound is the same as without it.
_MODALS = "应得能宜可准要"
for _m in _MODALS:
    PRE_QUALIFIERS.update({f"不{_m}低于": "at_least", f"不{_m}少于": "at_least",
                           f"不{_m}高于": "at_most", f"不{_m}超过": "at_most", f"不{_m}多于": "at_most"})
# NOTE: 约 with a verb between it and the number still qualifies it (约投入40万元, 约有300人); the
# gap is one or two Han characters. Words that begin with 约 and are verbs themselves are not
# qualifiers (约谈3家企业 summons three firms).
GAP_QUALIFIERS = ("大约", "约")
NOT_AFTER_YUE = "谈定请束见"
# NOTE: a one-character qualifier is also the tail of ordinary words (最近, 赶超); after these
# characters it is part of the word, not a qualifier. For 约 the word is found by the segmenter
# (``ends_word``), not by a list: 签约, 协约, 合约, 公约, 节约, 预约, 制约… are all words ending in 约.
BLOCKED_BEFORE: dict[str, str] = {
    "约": "",
    "近": "最附就亲靠贴邻走",
    "超": "赶高反",
    "逾": "",
}
# NOTE: a linking verb may stand between a qualifier and its number (约达3万人, 超过了50家).
LINKS = "达为有占了计"
# Qualifier words after the number and its unit.
POST_QUALIFIERS: dict[str, str] = {
    "或以上": "at_least", "及以上": "at_least", "或以下": "at_most", "及以下": "at_most",
    "以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "about", "上下": "about",
}
# 内 after a duration is a bound (3天内, 一年内): at most that long.
POST_AFTER_DURATION = {"内": "at_most"}
# 余/多 between or after the number and its scale: "a little more than".
APPROX_MORE = "余多"

SCALES: dict[str, Decimal] = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
                              "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
                              "百": Decimal(100), "十": Decimal(10)}
# Only 万 and 亿 follow 余/多 (十余万, 60余万元); 千, 百, 十 after Arabic digits (3千名) come before it.
SCALES_AFTER_APPROX = ("万亿", "亿", "万")

# Time units make a duration. 月 and 日 alone after a number are dates (4月, 28日), so months need
# 个 (三个月) and days are counted in 天.
DURATION_UNITS = ("个工作日", "工作日", "个小时", "个月", "个星期", "星期", "周年", "小时", "分钟",
                  "年", "天", "周", "秒")
# Currencies other than 元 (every …元 is one already): money in any unit that names them.
CURRENCIES = ("新台币", "台币", "澳门币", "港币", "人民币", "英镑")
# Measure words for counts (and 元 for money). Longer first so 人次 wins over 人.
COUNT_UNITS = (
    "个百分点", "人次", "件次", "场次", "批次", "户次", "班次", "期次", "台次", "车次", "架次", "家次",
    "平方公里", "平方米", "立方米", "公里", "千米", "公顷", "千瓦时", "千瓦", "公斤", "千克",
    "澳门元", "新加坡元", "美元", "港元", "澳元", "欧元", "日元", "韩元", "加元", "元", "周岁",
    *CURRENCIES, "分",
    "个", "名", "人", "位", "家", "项", "次", "场", "处", "件", "篇", "份", "条", "支", "届", "类",
    "张", "期", "级", "所", "座", "套", "户", "台", "辆", "种", "本", "册", "部", "门", "节", "堂",
    "轮", "笔", "起", "例", "宗", "株", "棵", "亩", "米", "吨", "岁", "倍", "层", "栋", "间", "床",
    "只", "头", "批", "组", "队", "单", "桩", "首", "集", "款", "封", "幅", "块", "枚", "字", "道",
    "片", "口", "个次", "班",
    # NOTE: measure words of Taiwanese and Hong Kong usage as much as mainland: 梯次 (a batch of
    # a course, 辦理2梯次), 工时 (man-hours), 课时 and 学时 (class periods). They count units of
    # work or teaching, not a length of time, so the figure is a count.
    "梯次", "工时", "课时", "学时",
)
# Words that begin with a measure word but are not one: 3年级 is a grade, 2023年度 a year.
NOT_UNITS = ("年级", "年度", "年代", "点钟", "时许", "届中", "级别", "次方", "点半",
             # 分 begins many words (分会 a branch, 分为 divided into): after them 分 is no score.
             "分之", "分别", "分为", "分成", "分会", "分局", "分行", "分院", "分公司", "分队", "分站",
             "分中心", "分批", "分期", "分类", "分级", "分散", "分工", "分享", "分析", "分解", "分配",
             "分布", "分红", "分包", "分流")
# Sub-units of a compound rate: 元/人/月, 次/年.
RATE_PARTS = ("小时", "人次", "人", "月", "年", "天", "日", "次", "户", "件", "周", "季度", "平方米", "亩",
              "时", "场", "班", "份", "课时", "节")

DATE_UNITS = ("月", "日", "号")  # 4月, 28日, 每月9号: dates, not figures

# 日 after a number is a date unless the words around it make it a length (see ``extract.py``);
# as a length it is a duration.
DAY = "日"
KIND_OF_UNIT = {u: "duration" for u in (*DURATION_UNITS, DAY)}


@per_bulletin(4096)
def _last_word(text: str) -> str:
    """The last word of ``text`` as jieba segments it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba 0.42.1 imports the deprecated pkg_resources
        import jieba
    jieba.setLogLevel(logging.WARNING)
    words = jieba.lcut(text, HMM=False)  # dictionary words only: no guessed new words (率约)
    return words[-1] if words else ""


def ends_word(text: str, i: int) -> bool:
    """Whether the character ``text[i]`` ends a longer word that begins before it (协约, 签约),
    as segmentation by jieba's dictionary says (no HMM guesses), reading the Han characters that
    lead up to it."""
    a = i
    while a > 0 and i - a < 6 and "\u4e00" <= text[a - 1] <= "\u9fff":
        a -= 1
    return a < i and len(_last_word(text[a:i + 1])) > 1


def kind_of(unit: str) -> str:
    """``money`` for 元, ``percent`` for %, ``duration`` for time units, else ``count``."""
    if "元" in unit or unit.split("/")[0] in CURRENCIES:
        return "money"
    if unit == "%":
        return "percent"
    if unit in KIND_OF_UNIT:
        return "duration"
    return "count"


def canonical_unit(unit: str) -> str:
    """The unit as published, without spaces: 个小时 → 小时, 个工作日 → 工作日,
    ``元 / 人 / 月`` → ``元/人/月``."""
    unit = "".join(unit.split())
    # NOTE: 个 is the measure word, not part of a time unit: it is dropped wherever the unit reads
    # the same without it (3个小时 → 小时, 3个工作日 → 工作日, 3个星期 → 星期) and kept only where
    # Chinese needs it, in 个月 (3月 is March).
    if unit.startswith("个") and unit[1:] in DURATION_UNITS:
        return unit[1:]
    return unit
