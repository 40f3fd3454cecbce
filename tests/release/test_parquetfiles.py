"""pipeline/release/parquetfiles.py: a column handed to Arrow whole gives the array ``_cell`` gives."""

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.release.parquetfiles import _array, _cell, arrow_table

STRINGS = st.one_of(st.none(), st.just(""), st.just(math.nan), st.text(max_size=5))
DECIMALS = st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2,
                                            min_value=-10**6, max_value=10**6))
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))


def _by_cell(column: pd.Series, kind: str, atype: pa.DataType) -> pa.Array:
    return pa.array([_cell(v, kind) for v in column.tolist()], type=atype)


@settings(max_examples=200, deadline=None)
@given(st.lists(STRINGS, max_size=12))
def test_string_columns(values: list) -> None:
    for column in (pd.Series(values, dtype="str"), pd.Series(values, dtype=object)):
        got = _array(column, "string", pa.string())
        assert got.equals(_by_cell(column, "string", pa.string()))
        assert "" not in got.to_pylist()  # an empty string is a missing value, as in the CSV


@settings(max_examples=100, deadline=None)
@given(st.lists(DECIMALS, max_size=12))
def test_number_columns(values: list) -> None:
    column = pd.Series(values, dtype=object)
    atype = pa.decimal128(38, 2)
    assert _array(column, "number", atype).equals(_by_cell(column, "number", atype))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=-2**62, max_value=2**62), max_size=12), st.lists(DATES, max_size=12))
def test_integer_and_date_columns(ints: list, dates: list) -> None:
    column = pd.Series(ints, dtype="int64")
    assert _array(column, "integer", pa.int64()).equals(_by_cell(column, "integer", pa.int64()))
    column = pd.Series(dates, dtype=object)
    assert _array(column, "date", pa.date32()).equals(_by_cell(column, "date", pa.date32()))


def test_other_columns_go_by_cell() -> None:
    # Floats in a number column and ISO strings in a date column are read value by value.
    column = pd.Series([0.1, None, 2.5], dtype=object)
    assert _array(column, "number", pa.decimal128(38, 6)).to_pylist() == [Decimal("0.1"), None, Decimal("2.5")]
    column = pd.Series(["2024-04-26", None], dtype=object)
    assert _array(column, "date", pa.date32()).to_pylist() == [dt.date(2024, 4, 26), None]


def test_arrow_table_of_a_bulletins_row() -> None:
    frame = pd.DataFrame([{
        "bulletin_id": "b1", "title": "标题", "publisher": "", "event_date": dt.date(2024, 4, 26),
        "preface": None, "raw_path": "raw/b1/bulletin.txt", "raw_sha256": "0" * 64, "raw_bytes": 12,
        "encoding": "utf-8", "script": "simplified", "layout": "plain"}]).astype({"title": "str"})
    row = arrow_table("bulletins", frame).to_pylist()[0]
    assert row["title"] == "标题" and row["publisher"] is None and row["preface"] is None
    assert row["raw_bytes"] == 12 and row["event_date"] == dt.date(2024, 4, 26)
