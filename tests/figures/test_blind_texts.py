"""Blind texts: four texts written for the tests in the style of public union writing (a mainland
city federation's annual work report, a Hong Kong union's statement, a Taiwanese union's report and
a Macau union's submission), whose figures were labelled by hand per docs/figures.md and committed
before the extractor was ever run on them.

Every required gold figure is its own test: the extractor must find that span with every field
right. The figures it gets wrong today are strict xfails naming the rule, so a fix shows as an
XPASS to be moved to the passing side. Optional gold figures (truly ambiguous readings) are neither
required nor forbidden."""

import csv
from functools import cache

import pytest

from pipeline.figures import extract_figures
from tests.figures.test_gold import _cell
from tests.figures.test_traditional_texts import FIELDS, HERE

TEXTS = ("blind_mainland_work_report", "blind_hk_statement", "blind_taiwan_union_report",
         "blind_macau_submission")

_N_RI = "`N日` counting days is a length of time (docs §7 makes every `N日` a date)"
_GONGZUORI = "the measure word 个 is no part of the unit: `N个工作日` → `工作日`, like `个小时` → `小时`"
_RANGE = "a range with the unit written on both ends is one figure, `about` [first, second]"

# (text, gold mention) -> why the extractor gets it wrong today.
KNOWN_WRONG = {
    ("blind_mainland_work_report", "3个工作日内"): _GONGZUORI,
    ("blind_mainland_work_report", "30日内"): _N_RI + "; missed",
    ("blind_hk_statement", "約為港幣48萬元"):
        "`約` + linking verb + the currency named before the number still qualifies it: `about`, "
        "mention from 約; read as exact `48萬元`",
    ("blind_hk_statement", "14日"): _N_RI + "; missed",
    ("blind_hk_statement", "17日"): _N_RI + "; missed",
    ("blind_taiwan_union_report", "1億2,000萬元"):
        "mixed scales with a thousands separator are one number (120000000 元); read as `1億` + `2,000萬元`",
    ("blind_taiwan_union_report", "5家以上"):
        "the 約 ending the word 協約 is no qualifier (like 签约5家); read as `約5家以上`, about",
    ("blind_taiwan_union_report", "2梯次"): "梯次 is a measure word (count); missed",
    ("blind_macau_submission", "1個月至3個月"): _RANGE + "; read as two exact figures",
    ("blind_macau_submission", "約為1,500澳門幣至2,300澳門幣"): _RANGE + "; read as two figures",
    ("blind_macau_submission", "6個工作日"): _GONGZUORI,
    ("blind_macau_submission", "10個工作日"): _GONGZUORI,
    ("blind_macau_submission", "70日"): _N_RI + "; missed",
    ("blind_macau_submission", "90日"): _N_RI + "; missed",
}

# (text, mention) of figures the extractor reports where the text states none.
KNOWN_SPURIOUS = {
    ("blind_mainland_work_report", "十五届"):
        "`十五届五次全委会` names a session (an ordinal without 第), not 15 届",
}


@cache
def _text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


@cache
def _gold(name: str) -> tuple[dict, ...]:
    with open(HERE / f"{name}.gold.csv", encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@cache
def _found(name: str) -> dict:
    return {(f.start, f.end): f for f in extract_figures(_text(name))}


def _spurious(name: str) -> list[str]:
    """Mentions of extracted figures that overlap no gold figure, required or optional."""
    spans = [(int(g["start"]), int(g["end"])) for g in _gold(name)]
    return [f.mention for (s, e), f in _found(name).items()
            if not any(a < e and s < b for a, b in spans)]


def _gold_params():
    for name in TEXTS:
        for g in _gold(name):
            if g["required"] != "1":
                continue
            reason = KNOWN_WRONG.get((name, g["mention"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(name, g, id=f"{name}-{g['start']}", marks=marks)


def test_labels_are_consistent():
    for name in TEXTS:
        text = _text(name)
        for g in _gold(name):
            assert text[int(g["start"]):int(g["end"])] == g["mention"]
    # each known-wrong figure names exactly one gold figure
    for name, mention in KNOWN_WRONG:
        assert [g["mention"] for g in _gold(name) if g["required"] == "1"].count(mention) == 1, mention


@pytest.mark.parametrize("name, gold", list(_gold_params()))
def test_gold_figure_is_found_with_every_field(name, gold):
    span = (int(gold["start"]), int(gold["end"]))
    found = _found(name)
    assert span in found, [f.mention for (s, e), f in found.items() if s < span[1] and span[0] < e]
    got = {k: _cell(getattr(found[span], k)) for k in FIELDS}
    assert got == {k: gold[k] for k in FIELDS}


@pytest.mark.parametrize("name", TEXTS)
def test_no_new_figure_outside_the_labels(name):
    known = [m for (n, m) in KNOWN_SPURIOUS if n == name]
    assert [m for m in _spurious(name) if m not in known] == []


@pytest.mark.parametrize("name, mention", [
    pytest.param(n, m, id=f"{n}-spurious", marks=pytest.mark.xfail(strict=True, reason=r))
    for (n, m), r in KNOWN_SPURIOUS.items()])
def test_known_false_figure_is_gone(name, mention):
    assert mention not in _spurious(name)
