"""Each bulletin's rows as Parquet partitioned by ``bulletin_id`` (hive layout), for direct reading.

``<out>/parquet/<table>/bulletin_id=<id>/part-0.parquet``, typed like the release's Parquet files
(the ``bulletin_id`` column lives in the folder name). DuckDB reads the corpus with
``read_parquet('outputs/parquet/cases/*/*.parquet', hive_partitioning = true)``, pandas and Spark
with their hive readers. Only re-parsed bulletins are rewritten; removed bulletins' folders go.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.release.parquetfiles import arrow_table

PARQUET_DIR = "parquet"


def partition_dir(out_dir: Path, table: str, bulletin_id: str) -> Path:
    return Path(out_dir) / PARQUET_DIR / table / f"bulletin_id={bulletin_id}"


def partition_files(frames: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """One bulletin's frames as the bytes of each table's ``part-0.parquet``."""
    out = {}
    for table, frame in frames.items():
        buf = pa.BufferOutputStream()
        pq.write_table(arrow_table(table, frame).drop_columns(["bulletin_id"]), buf)
        out[table] = buf.getvalue().to_pybytes()
    return out


def write_partition(out_dir: Path, bulletin_id: str, frames: dict[str, pd.DataFrame]) -> None:
    """Write one bulletin's frames, each as ``part-0.parquet`` of its partition (aside, then renamed)."""
    write_partition_files(out_dir, bulletin_id, partition_files(frames))


def write_partition_files(out_dir: Path, bulletin_id: str, files: dict[str, bytes]) -> None:
    """Write one bulletin's ``part-0.parquet`` bytes of each table (aside, then renamed)."""
    for table, data in files.items():
        folder = partition_dir(out_dir, table, bulletin_id)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / ".part-0.parquet.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / "part-0.parquet")


def drop_partitions(out_dir: Path, keep: set[str]) -> None:
    """Remove the partitions of bulletins that are not in ``keep``."""
    root = Path(out_dir) / PARQUET_DIR
    if not root.is_dir():
        return
    for folder in root.glob("*/bulletin_id=*"):
        if folder.name.removeprefix("bulletin_id=") not in keep:
            shutil.rmtree(folder, ignore_errors=True)
