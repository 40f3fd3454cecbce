"""Writing tables as Parquet with types from the Table Schemas: DECIMAL for numbers, DATE for dates.

The Arrow schema is built from ``schemas/<table>.schema.json`` (never from pandas' guesses), so a
number column is ``decimal128(38, decimalPlaces)`` and exact, and no pandas metadata or build time
lands in the file: two builds write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.metadata.tables import load_table_schema


def _arrow_type(field: dict) -> pa.DataType:
    kind = field["type"]
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.decimal128(38, int(field.get("decimalPlaces", 6)))
    if kind == "date":
        return pa.date32()
    if kind == "boolean":
        return pa.bool_()
    return pa.string()


def _cell(v: object, kind: str) -> object:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if kind == "integer":
        return int(v)
    if kind == "number":
        return v if isinstance(v, Decimal) else Decimal(str(v))
    if kind == "date":
        return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
    if kind == "string":
        # NOTE: an empty string and a missing value are one thing in the CSV; Parquet follows it.
        return str(v) or None
    return v


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table typed by the Table Schema of ``name`` (with field descriptions)."""
    fields, arrays = [], []
    for field in load_table_schema(name)["fields"]:
        col = field["name"]
        atype = _arrow_type(field)
        values = [_cell(v, field["type"]) for v in frame[col].tolist()]
        arrays.append(pa.array(values, type=atype))
        meta = {key: field.get(key, "") for key in ("description", "description_zh")}
        required = field.get("constraints", {}).get("required", False)
        fields.append(pa.field(col, atype, nullable=not required,
                               metadata={k: v.encode("utf-8") for k, v in meta.items()}))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet(name: str, frame: pd.DataFrame, path: Path) -> None:
    """Write table ``name`` to ``path`` (zstd-compressed, one row group, no statistics timestamps)."""
    pq.write_table(arrow_table(name, frame), str(path), compression="zstd", row_group_size=max(len(frame), 1))
