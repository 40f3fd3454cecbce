"""basis, per and measure of a figure, read from its clause (pipeline/figures/about.py)."""

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.about import edit_distance
from pipeline.figures import extract_figures
from pipeline.figures.about import BASES, About, describe, describe_all
from tests.conftest import read_gold_about, read_gold_cases, read_gold_preface

SENTENCES = Path(__file__).with_name("about_sentences.csv")


def about_of(sentence: str, mention: str) -> About:
    figure = next(f for f in extract_figures(sentence) if f.mention == mention)
    return describe(sentence, figure)


# Sentences written for these tests, one group per basis: (sentence, mention, basis, per, measure).
CASES = [
    # total: a count or amount as stated
    ("覆盖5000家企业。", "5000家", "total", "", "企业"),
    ("涉案金额近千万元。", "近千万元", "total", "", "涉案金额"),
    ("选取100家试点企业开展改革。", "100家", "total", "", "试点企业"),
    ("参赛职工达到3.6万人。", "3.6万人", "total", "", "参赛职工"),
    # cumulative: 累计, 共计, 先后…
    ("累计发布时政要闻7000余篇。", "7000余篇", "cumulative", "", "时政要闻"),
    ("全市共召开座谈会120场。", "120场", "cumulative", "", "座谈会"),
    ("先后培训农民工8万人、退役军人2000人。", "2000人", "cumulative", "", "退役军人"),
    # average: 人均, 日均, 场均, 单篇平均
    ("日均活跃用户超过50万。", "超过50万", "average", "日", "活跃用户"),
    ("户均增收3000元。", "3000元", "average", "户", "增收"),
    ("单篇平均阅读量超2.2万次。", "超2.2万次", "average", "篇", "平均阅读量"),
    # change: a difference or a growth rate
    ("职工收入同比增长6.5%。", "6.5%", "change", "", "职工收入"),
    ("投诉数量减少了120件。", "120件", "change", "", "投诉数量"),
    # a change verb before 到 names the new level, not a change
    ("服务站数量增加到300个。", "300个", "total", "", "服务站数量"),
    # rate: 每…, a rate unit, an annual or monthly quantity
    ("每年培养1万名技能人才。", "1万名", "rate", "年", "技能人才"),
    ("每月发放高温补贴300元。", "300元", "rate", "月", "高温补贴"),
    ("给予300元/人/月的补助。", "300元/人/月", "rate", "人/月", "补助"),
    ("社工年流失率低于1%。", "低于1%", "rate", "年", "社工年流失率"),
    # limit: a standard, a target, a floor per period
    ("补助标准为800元/户。", "800元/户", "limit", "", "补助标准"),
    ("力争到年底建成200个爱心驿站。", "200个", "limit", "", "爱心驿站"),
    ("社工月工资不低于3100元。", "不低于3100元", "limit", "", "社工月工资"),
    ("每年邀请不少于5名代表列席。", "不少于5名", "limit", "", "代表"),
    # durations measure only what follows them
    ("经过四年探索，形成了新模式。", "四年", "total", "", "探索"),
    ("市总工会连续六年发布报告。", "六年", "total", "", ""),
]


@pytest.mark.parametrize(("sentence", "mention", "basis", "per", "measure"), CASES)
def test_written_sentences(sentence, mention, basis, per, measure):
    a = about_of(sentence, mention)
    assert (a.basis, a.per) == (basis, per)
    # The bar for a measure: the phrase, or one differing by at most two characters (the
    # tagger reads 涉案金额 as verb + noun and gives 金额).
    assert edit_distance(a.measure, measure) <= 2, a.measure


@pytest.mark.parametrize(("sentence", "mention", "measure"), [
    ("覆盖5000家企业。", "5000家", "企业"),
    ("新增技能人才7.61万人。", "7.61万人", "技能人才"),
    ("职工60多万人。", "60多万人", "职工"),
    ("累计发布时政要闻7000余篇。", "7000余篇", "时政要闻"),
    ("建成劳动公园、职工书屋等160余处。", "160余处", "劳动公园、职工书屋"),
    ("开展“送温暖”活动300场。", "300场", "“送温暖”活动"),
])
def test_measure_exactly(sentence, mention, measure):
    assert about_of(sentence, mention).measure == measure


def test_every_basis_is_covered_by_the_written_sentences():
    assert {c[2] for c in CASES} == set(BASES)


def _written_set() -> list[dict]:
    with open(SENTENCES, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", _written_set(), ids=lambda r: r["mention"])
def test_second_labelled_set_basis_and_per(row):
    a = about_of(row["sentence"], row["mention"])
    assert (a.basis, a.per) == (row["basis"], row["per"])


def test_seed_figures_against_hand_labels():
    """The issue's bar: basis and per right on 95 %, measure within two characters on 85 %."""
    texts = {0: read_gold_preface()}
    texts.update({int(c["seq"]): c["body"] for c in read_gold_cases()})
    found = {s: {(f.start, f.end): f for f in extract_figures(t)} for s, t in texts.items()}
    scored = basis = per = measure = 0
    for g in read_gold_about():
        f = found[int(g["seq"])].get((int(g["start"]), int(g["end"])))
        if f is None:  # an optional gold figure the extractor leaves out
            continue
        a = describe(texts[int(g["seq"])], f)
        scored += 1
        basis += a.basis == g["basis"]
        per += a.per == g["per"]
        measure += edit_distance(a.measure, g["measure"]) <= 2
    assert scored >= 105
    assert basis / scored >= 0.95
    assert per / scored >= 0.95
    assert measure / scored >= 0.85


def test_a_cue_in_another_clause_does_not_count():
    # 累计 belongs to the first clause; the second states a plain count.
    a = about_of("累计培训职工3万人，新建驿站50个。", "50个")
    assert a.basis == "total" and a.measure.endswith("驿站")


def test_words_that_contain_a_cue_are_not_cues():
    # 公共 and 共享 contain 共 but say nothing about a sum.
    assert about_of("建成公共服务站80个。", "80个").basis == "total"
    assert about_of("共享单车投放300辆。", "300辆").basis == "total"


def test_traditional_script_reads_like_simplified():
    a = about_of("日均活躍用戶超過50萬。", "超過50萬")
    assert (a.basis, a.per) == ("average", "日")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="每年日均累计共增长标准元人个万0123456789，。、的企业职工“”达到不低于/月", max_size=40))
def test_any_text_gives_an_answer_never_a_crash(text):
    for f in extract_figures(text):
        a = describe(text, f)
        assert a.basis in BASES
        assert a.per == "" or a.basis in ("average", "rate")
        assert isinstance(a.measure, str)


def test_describing_all_figures_of_a_text_at_once_gives_each_figures_own_answer():
    """describe_all cuts each clause once for all its figures; the answers are describe's, one by one
    (seed texts, a traditional text, and lists whose figures share a clause)."""
    texts = [read_gold_preface(), *(c["body"] for c in read_gold_cases()),
             "先后培育7名全国劳模、140名省级工匠，累计培训职工3万人；日均活躍用戶超過50萬，同比增長9%。"]
    checked = 0
    for text in texts:
        found = extract_figures(text)
        assert describe_all(text, found) == [describe(text, f) for f in found]
        checked += len(found)
    assert checked > 100


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="每年日均累计共增长标准元人个万0123456789，。、的企业职工“”达到不低于/月", max_size=60))
def test_describe_all_equals_describe_on_any_text(text):
    found = extract_figures(text)
    assert describe_all(text, found) == [describe(text, f) for f in found]
