"""The DuckDB DDL: runs, carries types, keys and bilingual comments, and loads the tables exactly."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from pipeline.metadata.ddl import duckdb_ddl, quote_literal
from pipeline.metadata.tables import TABLES, field_names, load_table_schema
from pipeline.store.database import write_database


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(duckdb_ddl())
    yield con
    con.close()


def test_every_table_and_column_in_schema_order(con):
    for name in TABLES:
        cols = con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                           "ORDER BY column_index", [name]).fetchall()
        assert [c for (c,) in cols] == field_names(name)


def test_column_types(con):
    types = dict(con.execute("SELECT table_name || '.' || column_name, data_type FROM duckdb_columns()")
                 .fetchall())
    assert types["figures.value"] == "DECIMAL(38,6)"
    assert types["figures.lower"] == types["figures.upper"] == "DECIMAL(38,6)"
    assert types["figures.start"] == types["figures.end"] == "BIGINT"
    assert types["bulletins.event_date"] == "DATE"
    assert types["cases.province_code"] == "VARCHAR"


def test_not_null_follows_required(con):
    nullable = dict(con.execute("SELECT table_name || '.' || column_name, is_nullable FROM duckdb_columns()")
                    .fetchall())
    for name in TABLES:
        for f in load_table_schema(name)["fields"]:
            assert nullable[f"{name}.{f['name']}"] == (not f["constraints"]["required"]), f["name"]


def test_comments_are_english_then_chinese(con):
    comments = dict(con.execute("SELECT table_name || '.' || column_name, comment FROM duckdb_columns()")
                    .fetchall())
    for name in TABLES:
        for f in load_table_schema(name)["fields"]:
            assert comments[f"{name}.{f['name']}"] == f"{f['description']} / {f['description_zh']}"
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    assert tables["cases"].startswith("One row per innovation case") and "每个创新案例" in tables["cases"]


def test_keys_are_declared(con):
    constraints = con.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')").fetchall()
    got = {(t, k, tuple(cols)) for t, k, cols in constraints}
    assert ("figures", "PRIMARY KEY", ("figure_id",)) in got
    assert ("figures", "FOREIGN KEY", ("case_id",)) in got
    assert ("cases", "FOREIGN KEY", ("bulletin_id",)) in got


def test_database_refuses_what_the_schema_forbids(con):
    con.execute("INSERT INTO bulletins VALUES ('b', 't', 'p', DATE '2024-04-26', NULL, 'raw/b', "
                "repeat('a', 64), 10, 'utf-8', 'Hans', 'print')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO figures VALUES ('f', 'b-01', 'b', 0, 2, '两期', 2, '期', 'exact', 2, 2, "
                    "'count', 'total', NULL, NULL, 's')")  # no such case
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO figures VALUES ('f', NULL, 'b', 0, 2, '两期', 2, '期', 'roughly', 2, 2, "
                    "'count', 'total', NULL, NULL, 's')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO bulletins VALUES ('b', 't', 'p', DATE '2024-04-26', NULL, 'raw/b', "
                    "repeat('a', 64), 10, 'utf-8', 'Hans', 'print')")  # duplicate key
    # A preface figure has no case: a NULL foreign key is allowed.
    con.execute("INSERT INTO figures VALUES ('f', NULL, 'b', 0, 2, '两期', '844300.5', '期', 'exact', "
                "'844300.5', '844300.5', 'count', 'total', NULL, NULL, 's')")
    assert con.execute('SELECT value, "end" FROM figures').fetchone() == (Decimal("844300.5"), 2)


def test_quotes_are_escaped():
    assert quote_literal("raw file's metadata") == "'raw file''s metadata'"
    assert "file''s metadata" in duckdb_ddl()


def test_gold_tables_load_with_exact_decimals(tmp_path, tables):
    db = tmp_path / "t.duckdb"
    write_database(db, tables, duckdb_ddl())
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
        assert counts == {t: len(tables[t]) for t in TABLES}
        value = con.execute("SELECT value FROM figures WHERE mention = '7.61万人'").fetchone()[0]
        assert value == Decimal("76100") and isinstance(value, Decimal)
        pct = con.execute("SELECT value FROM figures WHERE unit = '%' ORDER BY start LIMIT 1").fetchone()[0]
        assert isinstance(pct, Decimal) and pct == pct.quantize(Decimal("0.000001"))
    finally:
        con.close()
