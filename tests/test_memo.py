"""pipeline/memo.py: memos keyed on lines are emptied when the next bulletin is parsed."""

from pipeline.memo import forget_bulletin, per_bulletin
from pipeline.paths import DEFAULT_RAW
from pipeline.sources import discover_bulletin_ids, load_snapshot
from pipeline.tables import parse_bulletin
from pipeline.text.lines import display_width


def test_a_memo_forgets_when_told():
    calls = []

    @per_bulletin(16)
    def width(s: str) -> int:
        calls.append(s)
        return len(s)

    assert width("工会") == width("工会") == 2
    assert calls == ["工会"]
    forget_bulletin()
    assert width("工会") == 2
    assert calls == ["工会", "工会"]


def test_parsing_a_bulletin_starts_with_empty_line_memos():
    display_width("全国总工会")
    assert display_width.cache_info().currsize >= 1
    snap = load_snapshot(DEFAULT_RAW, discover_bulletin_ids(DEFAULT_RAW)[0])
    forget_bulletin()
    parse_bulletin(snap)
    after_one = display_width.cache_info()
    parse_bulletin(snap)
    # cache_clear also resets the counts: the second parse of the same bulletin misses exactly as
    # often as the first, so nothing was remembered from it.
    assert display_width.cache_info().misses == after_one.misses
    assert display_width.cache_info().currsize == after_one.currsize
