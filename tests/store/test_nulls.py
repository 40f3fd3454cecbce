"""A missing value means the same in every output: an empty CSV cell, a Parquet null, a DuckDB NULL.

An empty string is never stored: a figure without a unit has ``unit`` NULL in DuckDB as in
Parquet, and an empty cell in the CSV (which cannot tell '' from missing).
"""

import csv

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.metadata.tables import load_table_schema
from pipeline.release.csvfiles import write_csv
from pipeline.release.parquetfiles import write_parquet
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL

TABLES = ("bulletins", "cases", "figures")


@pytest.fixture(scope="module")
def outputs(frames, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nulls")
    tables = dict(zip(TABLES, frames, strict=True))
    for name, frame in tables.items():
        write_csv(frame, folder / f"{name}.csv")
        write_parquet(name, frame, folder / f"{name}.parquet")
    write_database(folder / "db.duckdb", tables, duckdb_ddl(), views=VIEWS_SQL)
    return folder


def _key(name: str) -> str:
    return load_table_schema(name)["primaryKey"][0]


def _missing_csv(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    key = _key(name)
    return {col: {r[key] for r in rows if r[col] == ""} for col in rows[0]}


def _missing_parquet(folder, name):
    table = pq.read_table(folder / f"{name}.parquet").to_pylist()
    key = _key(name)
    return {col: {r[key] for r in table if r[col] is None} for col in table[0]}


def _missing_duckdb(folder, name):
    con = duckdb.connect(str(folder / "db.duckdb"), read_only=True)
    cols = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?",
                                      [name]).fetchall()]
    key = _key(name)
    out = {c: {r[0] for r in con.execute(f'SELECT "{key}" FROM "{name}" WHERE "{c}" IS NULL').fetchall()}
           for c in cols}
    empty = {c: con.execute(f'SELECT count(*) FROM "{name}" WHERE CAST("{c}" AS VARCHAR) = \'\'').fetchone()[0]
             for c in cols}
    con.close()
    return out, empty


@pytest.mark.parametrize("name", TABLES)
def test_missing_values_are_the_same_rows_in_csv_parquet_and_duckdb(outputs, name):
    in_csv, in_parquet = _missing_csv(outputs, name), _missing_parquet(outputs, name)
    in_duckdb, empty_strings = _missing_duckdb(outputs, name)
    assert set(in_csv) == set(in_parquet) == set(in_duckdb)
    for col in in_csv:
        assert in_csv[col] == in_parquet[col] == in_duckdb[col], col
    assert {c: n for c, n in empty_strings.items() if n} == {}


def test_figures_without_a_unit_are_null_everywhere(outputs):
    con = duckdb.connect(str(outputs / "db.duckdb"), read_only=True)
    mentions = sorted(r[0] for r in con.execute("SELECT mention FROM figures WHERE unit IS NULL").fetchall())
    con.close()
    assert mentions == sorted(["超千万", "近800万", "超过50万", "超630万", "400余万"])
    assert len(_missing_csv(outputs, "figures")["unit"]) == 5
    assert len(_missing_parquet(outputs, "figures")["unit"]) == 5
