"""``load.sql`` of a release: the database rebuilt from the release folder alone.

What belongs here: the SQL text. It creates the tables with the same DDL as ``outputs/acftu.duckdb``
(types, keys, checks, comments), fills them from the release's Parquet files by relative path, and
creates the analyst views. Run it inside the release folder: ``duckdb -c ".read load.sql"`` or
``duckdb.connect().execute(open("load.sql").read())``.
"""

from __future__ import annotations

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.store.views import VIEWS_SQL

LOAD_SQL = "load.sql"


def load_sql(tables: list[str]) -> str:
    """The script for ``tables`` (in foreign-key order: bulletins, cases, figures)."""
    inserts = "\n".join(
        # NOTE: BY NAME matches the Parquet columns to the table's, whatever their order.
        f"INSERT INTO \"{name}\" BY NAME SELECT * FROM read_parquet('{name}.parquet');" for name in tables)
    return (
        "-- Loads this release into DuckDB. Run it in this folder (Parquet paths are relative):\n"
        "--   duckdb acftu.duckdb -c \".read load.sql\"      (a file)   or   duckdb -c \".read load.sql\"\n"
        "--   python: duckdb.connect().execute(open('load.sql', encoding='utf-8').read())\n"
        f"{duckdb_ddl().strip()}\n\n{inserts}\n{VIEWS_SQL.strip()}\n")
