"""The extractor's shortcuts change its speed, never its output.

Four shortcuts keep time where the numbers are (see ``docs/figures.md`` §9): one regex scan that
passes over what can make no figure, one pattern that reads the commonest figure, an early rule
for dates and plain years, and quoted names found by one pattern. Each is checked here against
the slow way it replaces, on the test texts and on generated text made of the grammar's own words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures import extract as ex
from pipeline.figures import quotes
from pipeline.figures.folding import fold
from pipeline.figures.vocabulary import COUNT_UNITS, DURATION_UNITS, NOT_UNITS, POST_QUALIFIERS, SCALES

TEXTS = sorted((Path(__file__).parent / "texts").glob("*.txt"))

# Pieces of figures and of what surrounds them, combined at random.
TOKENS = sorted({
    "0", "3", "12", "2023", "108", "1.5", "7.61", "2,480", "12，000", "1\u00a0234", "３２",
    "一", "两", "三", "十", "十二", "一百", "三千二百", "五万", "两亿", "几", "十几", "数百", "半", "百分之",
    "四成", "一个半", *SCALES, *COUNT_UNITS[:40], *DURATION_UNITS, *NOT_UNITS[:10], *POST_QUALIFIERS,
    "余", "多", "个", "内", "%", "成", "年", "月", "日", "号", "/", "/人", "(次)", "（", "）",
    "至", "到", "—", "-", "~", " ", "\t", "约", "近", "超过", "不少于", "达", "第", "民国", "修正", "起",
    "“", "”", "《", "》", "，", "。", "\n", "G", "V", "+", ".", "职工", "工会", "服务", "的", "日元", "台币",
    "萬", "億", "個", "約", "十九届五中全会", "三番五次", "两个维护",
})
texts = st.lists(st.sampled_from(TOKENS), max_size=24).map("".join)


def _without_shortcuts(text: str, monkeypatch: pytest.MonkeyPatch) -> list[ex.Figure]:
    with monkeypatch.context() as m:
        m.setattr(ex, "_plain_reading", lambda *a: None)
        m.setattr(ex, "_plainly_date_or_year", lambda *a: False)
        m.setattr(ex, "_QUALIFIER_NEAR", _EVERYTHING)
        return ex.extract_figures(text)


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_test_texts_read_the_same_without_shortcuts(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    found = ex.extract_figures(text)
    assert found and found == _without_shortcuts(text, monkeypatch)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_generated_text_reads_the_same_without_shortcuts(text: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        assert ex.extract_figures(text) == _without_shortcuts(text, mp)


@pytest.mark.parametrize("text, mention", [
    ("共投入3200万元。", "3200万元"),        # the plain pattern
    ("长度3千米。", "3千米"),                # 千米 is a measure word, not 千 and 米
    ("发放20台币及以下", "20台币及以下"),     # 台币 is never cut to 台 to skip the qualifier
    ("历时3年多，", "3年多"),                 # 多 after a time unit: the full grammar
    ("发放100日元。", "100日元"),             # 日元 is a unit, not the date 100日
    ("新建100余家，", "100余家"),             # 余 in the plain pattern
    ("覆盖30多万人。", "30多万人"),           # 多 with 万 after it
    ("覆盖30多 万人。", "30多"),              # a space after 多: the full grammar (as it reads it today)
])
def test_plain_pattern_hands_over_what_it_does_not_read(text: str, mention: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    found = ex.extract_figures(text)
    assert [f.mention for f in found] == [mention]
    assert found == _without_shortcuts(text, monkeypatch)


def _stops_slowly(norm: str) -> list[int]:
    """Where the scan should stop: every match of the number grammar, from left to right, except
    a Chinese numeral with no scale word at its end and nothing a figure needs after it."""
    stops, pos = [], 0
    start = re.compile(f"[{ex._START_CHARS}]")
    while (s := start.search(norm, pos)) is not None:
        m = ex._NUMBER.match(norm, s.start())
        if m is None:
            pos = s.start() + 1
            continue
        cn = m.group("cn")
        if cn is not None and cn[-1] not in "万亿" and (m.end() == len(norm) or norm[m.end()] not in ex._CN_NEXT):
            pos = m.end()
            continue
        stops.append(m.start())
        pos = m.end()
    return stops


def _stops(norm: str) -> list[int]:
    stops, pos = [], 0
    while (pos := ex._SKIP.match(norm, pos).end()) < len(norm):
        stops.append(pos)
        pos = ex._NUMBER.match(norm, pos).end()
    return stops


@settings(max_examples=400, deadline=None)
@given(texts)
def test_scan_stops_where_the_number_grammar_does(text: str) -> None:
    norm = fold(text)
    assert _stops(norm) == _stops_slowly(norm)


def test_scan_passes_over_numerals_that_need_nothing_after_them() -> None:
    norm = "统一思想，一线职工3人，第二十几万元"  # 二十 is passed over: 几 is no unit; 几万 is a number
    assert [norm[p] for p in _stops(norm)] == ["3", "几"]
    assert _stops(norm) == _stops_slowly(norm)


def _name_spans_slowly(text: str) -> list[tuple[int, int]]:
    """Quoted names read one opener at a time (what the single pattern replaces)."""
    spans, i = [], 0
    while i < len(text):
        if text[i] not in quotes.PAIRS:
            i += 1
            continue
        close = quotes.PAIRS[text[i]]
        limit = min(len(text), i + 1 + 10 * quotes.MAX_NAME)
        j, newline = text.find(close, i + 1, limit), text.find("\n", i + 1, limit)
        if j == -1 or (newline != -1 and newline < j):
            i += 1
            continue
        inner = text[i + 1:j]
        if text[i] in "《〈" or (len(inner) <= quotes.MAX_NAME and not quotes.SPEECH_MARKS.intersection(inner)):
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "「", "」", "《", "》", "〈", "〉", "\"", "，", "。", "\n", "职工", "3人",
                                 "x" * 45, "y" * 400]), max_size=16).map("".join))
def test_name_spans_match_reading_one_opener_at_a_time(text: str) -> None:
    assert quotes.name_spans(text) == _name_spans_slowly(text)
