"""Writing the published tables into a fresh DuckDB file (never into the live one).

The file is checkpointed and closed before it is published, so no write-ahead log travels with it.
DuckDB's own failures become one line saying what to do: a full disk (DuckDB reports it as a
"FATAL Error … No space left on device") and running out of memory. The memory DuckDB may use is
set with ``ACFTU_DUCKDB_MEMORY_LIMIT`` (e.g. ``2GB``); by default DuckDB takes 80% of the RAM.
"""

from __future__ import annotations

import errno
import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.release.csvfiles import format_decimal

MEMORY_LIMIT_ENV = "ACFTU_DUCKDB_MEMORY_LIMIT"


class DatabaseError(RuntimeError):
    """DuckDB could not write the database; the message says what to do."""


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


def _config() -> dict[str, str]:
    limit = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    return {"memory_limit": limit} if limit else {}


def _translate(error: duckdb.Error, path: Path) -> Exception | None:
    text = str(error)
    if "No space left on device" in text or "disk is full" in text.lower():
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    if (isinstance(error, duckdb.OutOfMemoryException) or "Out of Memory" in text
            or "could not allocate" in text):
        limit = _config().get("memory_limit", "80% of the RAM")
        return DatabaseError(f"{path}: DuckDB ran out of memory writing the database (limit {limit}). "
                             f"Close other programs, or raise the limit with {MEMORY_LIMIT_ENV}=4GB, "
                             "then run again; the previous release is unchanged")
    return None


def write_database(path: Path, frames: dict[str, pd.DataFrame], ddl: str, views: str = "") -> None:
    """Create ``path`` (which must not exist) from ``ddl`` and load ``frames`` in the given order.

    On failure the partial file is removed; a full disk is raised as OSError(ENOSPC), running out
    of memory as DatabaseError.
    """
    def load(con: duckdb.DuckDBPyConnection) -> None:
        for name, frame in frames.items():
            data = _for_duckdb(frame)  # noqa: F841 (read by DuckDB's replacement scan)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM data')

    _write(Path(path), load, ddl, views)


def write_database_from_parquet(path: Path, parquet: dict[str, Path], ddl: str, views: str = "") -> None:
    """Like ``write_database``, loading each table from a release's Parquet file in one statement.

    NOTE: the release's Parquet files are typed by the Table Schemas (exact decimals, dates, empty
    text as NULL), so DuckDB copies them column by column into the DDL's tables, by name; no rows
    travel through pandas. Same errors and clean-up as ``write_database``.
    """
    def load(con: duckdb.DuckDBPyConnection) -> None:
        for name, file in parquet.items():
            con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM read_parquet(?)', [str(file)])

    _write(Path(path), load, ddl, views)


def _write(path: Path, load, ddl: str, views: str) -> None:
    if path.exists():
        raise FileExistsError(f"{path}: the database is built in a fresh file; remove the stale one")
    try:
        con = duckdb.connect(str(path), config=_config())
        try:
            con.execute(ddl)
            load(con)
            if views:
                con.execute(views)
            con.execute("CHECKPOINT")
        finally:
            try:
                con.close()
            except duckdb.Error:
                pass  # after a fatal error the instance is gone; the first error is the one to report
    except duckdb.Error as e:
        _remove(path)
        translated = _translate(e, path)
        if translated is None:
            raise
        raise translated from None
    except BaseException:
        _remove(path)
        raise
    wal = Path(f"{path}.wal")
    if wal.exists():  # NOTE: a database is published alone; a log beside it would be a second truth
        _remove(path)
        raise DatabaseError(f"{path}: DuckDB left a write-ahead log after the checkpoint. Run again")


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}.wal"), Path(f"{path}.tmp")):
        try:
            if p.is_dir():
                import shutil

                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
        except OSError:
            pass
