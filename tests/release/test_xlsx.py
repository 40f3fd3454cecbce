"""The Excel workbook: one sheet per table and a columns sheet, Chinese intact, byte-reproducible."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from pipeline.metadata.tables import load_table_schema
from pipeline.release.xlsx import MAX_CELL, WorkbookError, write_xlsx
from tests.release_folder import VERSION, written_release


@pytest.fixture(scope="module")
def release(frames, tmp_path_factory):
    return written_release(frames, tmp_path_factory.mktemp("release"))


def test_one_sheet_per_table_and_a_columns_sheet(release):
    folder, tables = release
    wb = openpyxl.load_workbook(folder / "acftu.xlsx", read_only=True)
    assert wb.sheetnames == ["bulletins", "cases", "figures", "columns"]
    for name, frame in tables.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(frame.columns)
        assert len(rows) - 1 == len(frame)


def test_chinese_text_and_values_read_back(release):
    folder, tables = release
    wb = openpyxl.load_workbook(folder / "acftu.xlsx", read_only=True)
    cases = list(wb["cases"].iter_rows(values_only=True))
    head = cases[0]
    for r, row in enumerate(tables["cases"].itertuples(index=False), start=1):
        assert cases[r][head.index("union_name")] == row.union_name
        assert cases[r][head.index("body")] == row.body
    figures = list(wb["figures"].iter_rows(values_only=True))
    fh = figures[0]
    for r, row in enumerate(tables["figures"].itertuples(index=False), start=1):
        assert figures[r][fh.index("mention")] == row.mention
        cell = figures[r][fh.index("value")]
        assert (None if cell is None else Decimal(str(cell))) == (None if pd.isna(row.value) else row.value)
    bulletins = list(wb["bulletins"].iter_rows(values_only=True))
    event = bulletins[1][bulletins[0].index("event_date")]
    assert event == dt.datetime(2024, 4, 26)


def test_columns_sheet_explains_every_column_in_both_languages(release):
    folder, tables = release
    wb = openpyxl.load_workbook(folder / "acftu.xlsx", read_only=True)
    rows = list(wb["columns"].iter_rows(values_only=True))
    assert rows[0] == ("table", "column", "type", "required", "description", "说明")
    expected = [(t, f["name"], f.get("description_zh")) for t in tables for f in load_table_schema(t)["fields"]]
    assert [(r[0], r[1], r[5]) for r in rows[1:]] == expected
    assert ("cases", "union_name") in {(r[0], r[1]) for r in rows[1:]}


def test_document_properties_carry_the_cut_date(release):
    folder, _ = release
    wb = openpyxl.load_workbook(folder / "acftu.xlsx")
    assert wb.properties.created == dt.datetime(2026, 12, 1)
    assert "全国工会重点工作创新案例" in wb.properties.title


def test_two_writes_give_the_same_bytes(release, tmp_path):
    _, tables = release
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_xlsx(a, tables, version=VERSION.version, created=VERSION.created)
    write_xlsx(b, tables, version=VERSION.version, created=VERSION.created)
    assert a.read_bytes() == b.read_bytes()


def test_a_text_too_long_for_excel_is_refused_with_its_place(tmp_path):
    frames = {"bulletins": pd.DataFrame({"bulletin_id": ["x"], "title": ["长" * (MAX_CELL + 1)]})}
    with pytest.raises(WorkbookError, match="bulletins row 1 column title"):
        write_xlsx(tmp_path / "x.xlsx", frames, version="1.0.0", created="2026-12-01")


def _aside(monkeypatch):
    from pipeline.release import package

    monkeypatch.setattr(package, "ASIDE_ROWS", 0)  # the small test tables get writers of their own
    return package


def test_an_error_of_the_workbook_written_aside_is_raised_in_the_build(frames, tmp_path, monkeypatch):
    package = _aside(monkeypatch)
    b, c, f = frames
    c = c.copy()
    c.loc[0, "body"] = "字" * (MAX_CELL + 1)
    with pytest.raises(WorkbookError, match="cases row 1 column body"), \
            package.release_writers(tmp_path / "x", {"bulletins": b, "cases": c, "figures": f}) as writers:
        writers.publish_as(VERSION)
        writers.wait()


def test_a_failure_beside_the_writers_stops_them(frames, tmp_path, monkeypatch):
    package = _aside(monkeypatch)
    b, c, f = frames
    with pytest.raises(RuntimeError, match="body failed"), \
            package.release_writers(tmp_path / "x", {"bulletins": b, "cases": c, "figures": f}):
        raise RuntimeError("body failed")
    assert not (tmp_path / "x" / "acftu.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no pickle left


def test_the_writers_never_look_like_a_stop_to_the_build(release, tmp_path, monkeypatch):
    """Writers started, waited for or stopped must not stop the build (its signal wakeup socket)."""
    from pipeline.interrupts import interrupted, stop_on_interrupt

    package = _aside(monkeypatch)
    _, tables = release

    @stop_on_interrupt()
    def build() -> int | None:
        for k in range(2):
            with package.release_writers(tmp_path / f"{k}", tables) as writers:
                writers.publish_as(VERSION)
                writers.wait()
        with package.release_writers(tmp_path / "cancelled", tables) as writers:
            writers.cancel()  # nothing to publish
        with pytest.raises(RuntimeError), package.release_writers(tmp_path / "x", tables):
            raise RuntimeError("the body failed; the writers are killed")
        return interrupted()

    assert build() is None
    assert (tmp_path / "0" / "acftu.xlsx").read_bytes() == (tmp_path / "1" / "acftu.xlsx").read_bytes()
    assert not (tmp_path / "cancelled" / "acftu.xlsx").exists()


def test_a_workbook_told_its_version_later_is_the_same_file(release, tmp_path):
    import multiprocessing
    import pickle

    from pipeline.release.xlsx import write_xlsx_when_told

    _, tables = release
    write_xlsx(tmp_path / "a.xlsx", tables, version=VERSION.version, created=VERSION.created)
    with open(tmp_path / "t.pickle", "wb") as f:
        pickle.dump(tables, f)
    told, tell = multiprocessing.Pipe(duplex=False)
    tell.send((VERSION.version, VERSION.created))
    write_xlsx_when_told(tmp_path / "b.xlsx", tmp_path / "t.pickle", told)
    assert (tmp_path / "b.xlsx").read_bytes() == (tmp_path / "a.xlsx").read_bytes()
    tell.send(None)  # nothing to publish: no file
    write_xlsx_when_told(tmp_path / "c.xlsx", tmp_path / "t.pickle", told)
    tell.close()  # the build is gone: no file either
    write_xlsx_when_told(tmp_path / "d.xlsx", tmp_path / "t.pickle", told)
    assert not (tmp_path / "c.xlsx").exists() and not (tmp_path / "d.xlsx").exists()
