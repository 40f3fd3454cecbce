"""The number grammar: parametrized readings and a round trip through a numeral writer."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.figures.numerals import NumeralError, last_digit_place, parse_chinese, parse_number
from tests.figures.chinese_writer import write_chinese


@pytest.mark.parametrize("text, value", [
    ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千零五", 2005),
    ("三千二百万", 32_000_000), ("千万", 10_000_000), ("百", 100), ("一亿零五百万", 105_000_000),
    ("四百一十万", 4_100_000), ("一万零一", 10_001), ("三千五", 3500), ("万", 10_000),
    ("1.61万", 16_100), ("4.1亿", 410_000_000), ("84.43万", 844_300), ("1,200", 1200), ("7.61", Decimal("7.61")),
])
def test_reads(text, value):
    assert parse_number(text) == Decimal(value)


def test_decimals_stay_exact():
    assert str(parse_number("84.43万").normalize()) == "8.443E+5"
    assert parse_number("0.1万") * 3 == Decimal(3000)


@pytest.mark.parametrize("text", ["五一", "三八", "二〇二三", "十四五", "一十百", "", "万万", "1.2.3", "abc"])
def test_not_numerals(text):
    with pytest.raises(NumeralError):
        parse_number(text)


@pytest.mark.parametrize("value, place", [(160, 10), (2200, 100), (5000, 1000), (Decimal("7.61"), Decimal("0.01")),
                                          (1, 1), (0, 1)])
def test_last_digit_place(value, place):
    assert last_digit_place(Decimal(value)) == place


@given(st.integers(min_value=1, max_value=10**16 - 1), st.booleans())
def test_chinese_numerals_round_trip(n, liang):
    assert parse_chinese(write_chinese(n, liang=liang)) == n


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("千", 1000)]))
def test_arabic_with_a_scale_is_exact(d, scale):
    mark, size = scale
    assert parse_number(f"{d}{mark}") == d * size


@given(st.text(max_size=12))
def test_any_text_reads_or_raises_numeral_error(text):
    try:
        parse_number(text)
    except NumeralError:
        pass
