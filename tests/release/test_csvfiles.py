"""CSV files of a release: exact decimals, RFC 4180 quoting, UTF-8."""

import csv
import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from pipeline.release.csvfiles import format_decimal, write_csv


@pytest.mark.parametrize("value, text", [
    (Decimal("76100"), "76100"), (Decimal("7.61E+4"), "76100"), (Decimal("91.4"), "91.4"),
    (Decimal("844300.00"), "844300"), (Decimal("0.5"), "0.5"), (Decimal("410000000"), "410000000"),
])
def test_format_decimal(value, text):
    assert format_decimal(value) == text


def test_write_csv_quotes_and_round_trips(tmp_path):
    frame = pd.DataFrame([{"id": "a", "body": "第一段，含“引号”, 逗号\n第二段",
                           "value": Decimal("7.61E+4"), "date": dt.date(2024, 4, 26), "empty": None}])
    path = tmp_path / "t.csv"
    write_csv(frame, path)
    raw = path.read_bytes()
    assert raw.startswith(b"id,body,value,date,empty\r\n")
    with open(path, encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row == {"id": "a", "body": "第一段，含“引号”, 逗号\n第二段", "value": "76100",
                   "date": "2024-04-26", "empty": ""}
