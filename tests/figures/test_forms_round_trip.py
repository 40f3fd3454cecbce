"""Property tests: the independent writer renders second-edition number forms and the figure
grammar reads each one back exactly, in Simplified and full-width forms, inside a sentence."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pipeline.figures import extract_figures
from tests.figures.chinese_writer import full_width, write_cheng, write_half, write_mixed


def read_one(text: str):
    found = extract_figures(text)
    assert len(found) == 1, (text, found)
    f = found[0]
    assert text[f.start:f.end] == f.mention
    return f


@given(st.integers(1, 9999), st.integers(1, 9), st.booleans())
def test_mixed_scale_with_a_qian_tail(head, tail, wide):
    rendered = write_mixed(head, tail, tail_scale="千")
    rendered = full_width(rendered) if wide else rendered
    f = read_one(f"全年服务职工{rendered}人，")
    assert (f.value, f.unit, f.qualifier) == (Decimal(head * 10**4 + tail * 1000), "人", "exact")


@given(st.integers(1, 9999), st.integers(1000, 9999))
def test_mixed_scale_with_a_bare_tail(head, tail):
    f = read_one(f"覆盖会员{write_mixed(head, tail, tail_scale='')}人。")
    assert f.value == Decimal(head * 10**4 + tail)


@given(st.integers(1, 99), st.integers(1, 9999), st.booleans())
def test_mixed_scale_yi_and_wan(head, tail, more):
    f = read_one(f"投入资金{write_mixed(head, tail, tail_scale='亿万')}{'余' if more else ''}元。")
    value = Decimal(head * 10**8 + tail * 10**4)
    assert (f.value, f.unit, f.kind) == (value, "元", "money")
    if more:
        step = Decimal(10**4)  # 余 after 万 steps one 万, as in 22万余人
        assert (f.qualifier, f.lower, f.upper) == ("over", value, value + step)


@given(st.integers(1, 9), st.booleans(), st.booleans())
def test_cheng(tenths, half, arabic):
    f = read_one(f"约{write_cheng(tenths, half, arabic=arabic)}的会员表示满意")
    assert (f.value, f.unit, f.kind, f.qualifier) == (Decimal(tenths * 10 + (5 if half else 0)), "%", "percent", "about")


@given(st.integers(0, 30), st.sampled_from(["年", "天", "小时", "个月"]))
def test_halves(n, unit):
    f = read_one(f"培训为期{write_half(n, unit)}，")
    assert (f.value, f.unit, f.kind) == (Decimal(n) + Decimal("0.5"), unit, "duration")


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("", 1)]), st.sampled_from(["人", "元", "%"]))
def test_full_width_digits_read_like_ascii(d, scale, unit):
    mark, size = scale
    if unit == "%":
        mark, size = "", 1
    ascii_text = f"共计{d}{mark}{unit}。"
    a, w = read_one(ascii_text), read_one(full_width(ascii_text))
    assert a.value == w.value == d * size
    assert (a.unit, a.kind) == (w.unit, w.kind)
