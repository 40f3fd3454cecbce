"""Writing the published tables into a fresh DuckDB file (never into the live one)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.release.csvfiles import format_decimal


def _for_duckdb(frame: pd.DataFrame) -> pd.DataFrame:
    # Exact decimals travel as text and are cast by the DECIMAL column on insert: handing DuckDB
    # Python Decimals inside an object column would go through float.
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, Decimal)).any():
            out[col] = out[col].map(lambda v: format_decimal(v) if isinstance(v, Decimal) else None)
        elif out[col].map(lambda v: isinstance(v, str) and v == "").any():
            # NOTE: an empty string is a missing value (NULL), as in the CSV and Parquet files:
            # `unit IS NULL` finds the figures without a unit in every output.
            out[col] = out[col].map(lambda v: None if isinstance(v, str) and v == "" else v)
    return out


def write_database(path: Path, frames: dict[str, pd.DataFrame], ddl: str, views: str = "") -> None:
    """Create ``path`` (which must not exist) from ``ddl`` and load ``frames`` in the given order."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path}: the database is built in a fresh file; remove the stale one")
    con = duckdb.connect(str(path))
    try:
        con.execute(ddl)
        for name, frame in frames.items():
            data = _for_duckdb(frame)  # noqa: F841 (read by DuckDB's replacement scan)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM data')
        if views:
            con.execute(views)
        con.execute("CHECKPOINT")
    finally:
        con.close()
