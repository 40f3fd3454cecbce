"""Writing tables as Parquet with types from the Table Schemas: DECIMAL for numbers, DATE for dates.

The Arrow schema is built from ``schemas/<table>.schema.json`` (never from pandas' guesses), so a
number column is ``decimal128(38, decimalPlaces)`` and exact, and no pandas metadata or build time
lands in the file: two builds write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.metadata.tables import load_table_schema, schema_path


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


def _array(column: pd.Series, kind: str, atype: pa.DataType) -> pa.Array:
    """One column as an Arrow array of ``atype``: what ``_cell`` makes of each value.

    NOTE: the columns the tables are built with (int64, pandas strings, Decimal or date objects
    with None) are handed to Arrow whole; any other column goes value by value through ``_cell``.
    Either way the array, and so the Parquet bytes, are the same.
    """
    if kind == "integer" and column.dtype.kind in "iu":
        return pa.array(column.to_numpy(), type=atype)
    values = column.tolist()
    if kind == "string" and isinstance(column.dtype, pd.StringDtype):
        # A pandas string column holds str or NaN (missing): Arrow reads NaN as null.
        return pa.array([v or None for v in values], type=atype, from_pandas=True)
    if kind == "string" and all(v is None or v.__class__ is str for v in values):
        return pa.array([v or None for v in values], type=atype)
    if kind == "number" and all(v is None or v.__class__ is Decimal for v in values):
        return pa.array(values, type=atype)
    if kind == "date" and all(v is None or isinstance(v, dt.date) for v in values):
        return pa.array(values, type=atype)
    return pa.array([_cell(v, kind) for v in values], type=atype)


_Schema = tuple[pa.Schema, tuple[tuple[str, str], ...]]  # the Arrow schema, (column, kind) of each field


def _schema_of(table: dict) -> _Schema:
    """The Arrow schema of a Table Schema (with field descriptions), and each column's kind."""
    fields, kinds = [], []
    for field in table["fields"]:
        atype = _arrow_type(field)
        meta = {key: field.get(key, "") for key in ("description", "description_zh")}
        required = field.get("constraints", {}).get("required", False)
        fields.append(pa.field(field["name"], atype, nullable=not required,
                               metadata={k: v.encode("utf-8") for k, v in meta.items()}))
        kinds.append((field["name"], field["type"]))
    return pa.schema(fields), tuple(kinds)


@lru_cache(maxsize=32)
def _schema_of_file(name: str, path: str, mtime_ns: int, size: int) -> _Schema:
    return _schema_of(load_table_schema(name))


def _arrow_schema(name: str) -> _Schema:
    # NOTE: made once per schema file (each bulletin's hive files need it); a changed file, by
    # its time or size, is read again.
    path = schema_path(name)
    try:
        stat = path.stat()
    except OSError:
        return _schema_of(load_table_schema(name))  # which says what is wrong
    return _schema_of_file(name, str(path), stat.st_mtime_ns, stat.st_size)


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table typed by the Table Schema of ``name`` (with field descriptions)."""
    schema, kinds = _arrow_schema(name)
    arrays = [_array(frame[col], kind, schema.field(i).type) for i, (col, kind) in enumerate(kinds)]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(name: str, frame: pd.DataFrame, path: Path) -> None:
    """Write table ``name`` to ``path`` (zstd-compressed, one row group, no statistics timestamps)."""
    pq.write_table(arrow_table(name, frame), str(path), compression="zstd", row_group_size=max(len(frame), 1))
