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
