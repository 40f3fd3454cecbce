"""The DuckDB file: built fresh from the generated DDL, exact decimals, analyst views."""

from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL


def test_database_keeps_decimals_exact_and_has_the_views(frames, tmp_path):
    b, c, f = frames
    db = tmp_path / "x.duckdb"
    write_database(db, {"bulletins": b, "cases": c, "figures": f}, duckdb_ddl(), views=VIEWS_SQL)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM figures WHERE mention = '7.61万人'").fetchone()[0] == Decimal(76100)
    assert con.execute("SELECT count(*) FROM figures_with_context").fetchone()[0] == len(f)
    assert con.execute("SELECT count(*) FROM case_overview").fetchone()[0] == len(c)
    comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' "
                          "AND column_name = 'value'").fetchone()[0]
    assert comment and "/" in comment  # English / Chinese description from the Table Schema


def test_an_existing_file_is_never_written_into(tmp_path):
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"")
    with pytest.raises(FileExistsError):
        write_database(db, {"bulletins": pd.DataFrame()}, duckdb_ddl())


def test_a_duplicate_primary_key_is_refused(frames, tmp_path):
    b, c, f = frames
    with pytest.raises(duckdb.ConstraintException):
        write_database(tmp_path / "y.duckdb", {"bulletins": pd.concat([b, b]), "cases": c, "figures": f},
                       duckdb_ddl())


def _dump(db) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()
                for t in ("bulletins", "cases", "figures", "figures_with_context", "case_overview")}
    finally:
        con.close()


def test_a_database_loaded_from_the_release_parquet_equals_one_loaded_from_the_frames(frames, tmp_path):
    from pipeline.release.parquetfiles import write_parquet
    from pipeline.store import write_database_from_parquet

    tables = dict(zip(("bulletins", "cases", "figures"), frames, strict=True))
    parquet = {}
    for name, frame in tables.items():
        parquet[name] = tmp_path / f"{name}.parquet"
        write_parquet(name, frame, parquet[name])
    write_database(tmp_path / "a.duckdb", tables, duckdb_ddl(), views=VIEWS_SQL)
    write_database_from_parquet(tmp_path / "b.duckdb", parquet, duckdb_ddl(), views=VIEWS_SQL)
    a, b = _dump(tmp_path / "a.duckdb"), _dump(tmp_path / "b.duckdb")
    assert a == b
    assert len(a["figures"]) == len(tables["figures"]) and any(r[7] is None for r in a["figures"])  # NULL units
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'figures'").fetchall())
    con.close()
    assert types["value"].startswith("DECIMAL(38") and types["start"] == "BIGINT"


def test_a_duplicate_key_in_the_parquet_is_refused_and_no_file_is_left(frames, tmp_path):
    from pipeline.release.parquetfiles import write_parquet
    from pipeline.store import write_database_from_parquet

    b, c, f = frames
    write_parquet("bulletins", pd.concat([b, b]), tmp_path / "b.parquet")
    with pytest.raises(duckdb.ConstraintException):
        write_database_from_parquet(tmp_path / "y.duckdb", {"bulletins": tmp_path / "b.parquet"}, duckdb_ddl())
    assert not (tmp_path / "y.duckdb").exists()
