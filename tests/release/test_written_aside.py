"""A release written with its workbook, Parquet files and validation in other processes, and its
case pages linked from the previous release, is the same bytes as one written in one process."""

from __future__ import annotations

import os

import pytest

from pipeline.release import package
from pipeline.release.package import validate_release, write_release
from tests.release_folder import VERSION


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_release_in_one_process_and_beside_it(frames, tmp_path, monkeypatch):
    b, c, f = frames
    tables = {"bulletins": b, "cases": c, "figures": f}
    monkeypatch.setattr(package, "ASIDE_ROWS", 10**9)
    here = write_release(tmp_path / "here", tables, VERSION)
    monkeypatch.setattr(package, "ASIDE_ROWS", 0)
    aside = package.write_release(tmp_path / "aside", tables, VERSION, validate_tables=True)
    assert _files(here.parent) == _files(aside.parent)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # the pickle is gone
    validate_release(aside, tables_validated=True)
    # the next release of the same tables links every case page from this one
    tables_written = package.write_tables(tmp_path / "next", tables)
    nxt = package.finish_release(tmp_path / "next", tables, tables_written, VERSION, previous=tmp_path / "aside")
    assert _files(nxt.parent) == _files(aside.parent)
    pages = sorted((tmp_path / "next" / "site" / "cases").iterdir())
    assert pages and all(os.path.samefile(p, tmp_path / "aside" / "site" / "cases" / p.name) for p in pages)
    validate_release(nxt)


def test_an_error_of_the_parquet_writer_aside_is_raised(frames, tmp_path, monkeypatch):
    from decimal import InvalidOperation

    b, c, f = frames
    monkeypatch.setattr(package, "ASIDE_ROWS", 0)
    bad = f.copy()
    bad["value"] = bad["value"].astype(object)
    bad.loc[bad.index[0], "value"] = "not a number"  # drawn on a page; no Decimal for Parquet
    with pytest.raises(InvalidOperation):
        write_release(tmp_path / "x", {"bulletins": b, "cases": c, "figures": bad}, VERSION)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("aside", [True, False])
def test_the_database_is_made_from_the_release_parquet_files(frames, tmp_path, monkeypatch, aside):
    import duckdb

    b, c, f = frames
    tables = {"bulletins": b, "cases": c, "figures": f}
    monkeypatch.setattr(package, "ASIDE_ROWS", 0 if aside else 10**9)
    written = package.write_tables(tmp_path / "r", tables)
    package.finish_release(tmp_path / "r", tables, written, VERSION, database=tmp_path / "db.duckdb")
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    try:
        for name, frame in tables.items():
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(frame)
        assert con.execute("SELECT sum(value) FROM figures").fetchone()[0] == \
            con.execute("SELECT sum(value) FROM read_parquet(?)", [str(tmp_path / "r" / "figures.parquet")]).fetchone()[0]
    finally:
        con.close()
    assert not (tmp_path / "r" / "db.duckdb").exists()


def test_writers_prestarted_for_the_same_frames_are_taken_others_stopped(frames, tmp_path, monkeypatch):
    b, c, f = frames
    tables = {"bulletins": b, "cases": c, "figures": f}
    monkeypatch.setattr(package, "ASIDE_ROWS", 0)
    started = []
    real = package.ReleaseWriters.start
    monkeypatch.setattr(package.ReleaseWriters, "start", lambda self: started.append(self.folder) or real(self))
    folder = tmp_path / "r"
    package.prestart(folder, tables, database=tmp_path / "db.duckdb")
    assert started == [folder] and package.prestarted(folder, tables, database=tmp_path / "db.duckdb")
    # Other frames (equal, not the same objects) or another database: not these writers.
    assert not package.prestarted(folder, {**tables, "figures": f.copy()}, database=tmp_path / "db.duckdb")
    assert not package.prestarted(folder, tables, database=tmp_path / "db.duckdb")  # stopped by the above
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # their pickle is gone
    package.prestart(folder, tables, database=tmp_path / "db.duckdb")
    written = package.write_tables(folder, tables)
    with package.release_writers(folder, tables, database=tmp_path / "db.duckdb") as writers:
        assert isinstance(writers, package.ReleaseWriters)
        package.finish_release(folder, tables, written, VERSION, database=tmp_path / "db.duckdb",
                               writers=writers, validate_tables=True)
    assert started == [folder, folder]  # taken, not started again
    here = tmp_path / "here"
    monkeypatch.setattr(package, "ASIDE_ROWS", 10**9)
    write_release(here, tables, VERSION)
    assert _files(here) == _files(folder)
    package.stop_prestarted()  # nothing left to stop
    assert package._prestarted == {}
