"""Writing tables as CSV: UTF-8, a header row, RFC 4180 quoting, exact decimals, stable order."""

from __future__ import annotations

import csv
import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pandas as pd


def format_decimal(d: Decimal) -> str:
    """Plain notation without exponent or trailing zeros: 76100, 91.4, 0.5."""
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def format_cell(v: object) -> str:
    if type(v) is str:
        return v
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    if isinstance(v, Decimal):
        return format_decimal(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as RFC 4180 CSV (CRLF line ends, minimal quoting) in its row order."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(list(frame.columns))
        # Column lists, not itertuples: pandas' text columns iterate one boxed value at a time.
        for row in zip(*(frame[c].tolist() for c in frame.columns), strict=True):
            w.writerow([format_cell(v) for v in row])
