"""The Excel workbook: one sheet per table and a columns sheet, Chinese intact, byte-reproducible."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from pipeline.metadata.tables import load_table_schema
from pipeline.release.xlsx import COLUMNS_SHEET, MAX_CELL, WorkbookError, write_xlsx
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


def _book(tmp_path, frames, name="t.xlsx"):
    path = tmp_path / name
    write_xlsx(path, frames, version="1.2.3", created="2026-12-01")
    return openpyxl.load_workbook(path)


def test_cells_keep_their_types_and_text_is_never_read_as_a_number_formula_or_link(tmp_path):
    frames = {
        "bulletins": pd.DataFrame({
            "bulletin_id": ["b1", "b2", "b3"],
            "title": ["=SUM(A1:A2)", "0012", "https://example.org/x"],
            "event_date": [dt.date(2024, 4, 26), None, "2023-01-05"],
            "raw_bytes": [12345, 7, 0],
            "preface": ["前言 & <标签>", "", None],
            "publisher": [130000, 2, 3],  # a text column of integers: text all the same
        }),
        "figures": pd.DataFrame({
            "figure_id": ["f1", "f2", "f3"],
            "value": [Decimal("1.5"), None, Decimal("12000000")],
            "start": pd.array([3, None, 5], dtype="Int64"),
            "per": ["", "人", None],
        }),
    }
    ws = _book(tmp_path, frames)["bulletins"]
    assert [c.value for c in ws[1]] == ["bulletin_id", "title", "event_date", "raw_bytes", "preface", "publisher"]
    titles = [ws.cell(r, 2) for r in (2, 3, 4)]
    assert [(c.value, c.data_type) for c in titles] == [("=SUM(A1:A2)", "s"), ("0012", "s"),
                                                          ("https://example.org/x", "s")]
    assert ws.cell(2, 2).hyperlink is None
    dates = [ws.cell(r, 3) for r in (2, 3, 4)]
    assert [c.value for c in dates] == [dt.datetime(2024, 4, 26), None, dt.datetime(2023, 1, 5)]
    assert dates[0].is_date and dates[0].number_format == "yyyy-mm-dd"
    assert [ws.cell(r, 4).value for r in (2, 3, 4)] == [12345, 7, 0]
    assert ws.cell(2, 4).data_type == "n"
    # NOTE: an empty text is a missing value, as in the CSV files: no cell, like None.
    assert [ws.cell(r, 5).value for r in (2, 3, 4)] == ["前言 & <标签>", None, None]
    assert [(ws.cell(r, 6).value, ws.cell(r, 6).data_type) for r in (2, 3, 4)] == [("130000", "s"), ("2", "s"),
                                                                                      ("3", "s")]
    figures = _book(tmp_path, frames, "u.xlsx")["figures"]
    assert [[c.value for c in row] for row in figures.iter_rows(min_row=2)] == [
        ["f1", 1.5, 3, None], ["f2", None, None, "人"], ["f3", 12000000, 5, None]]


def test_header_widths_frozen_header_filter_and_properties(tmp_path):
    frames = {"cases": pd.DataFrame({"case_id": ["c1", "c2"], "body": ["正文", "正文二"]})}
    book = _book(tmp_path, frames)
    ws = book["cases"]
    head = ws["A1"]
    assert head.font.b and head.alignment.wrap_text and head.alignment.vertical == "top"
    assert head.fill.fgColor.rgb.endswith("DDEBF7")
    assert not ws["A2"].font.b
    assert round(ws.column_dimensions["A"].width) == 17 and round(ws.column_dimensions["B"].width) == 41
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"
    columns = book[COLUMNS_SHEET]
    assert columns.freeze_panes == "A2" and columns["E2"].alignment.wrap_text
    assert [c.value for c in columns[1]] == ["table", "column", "type", "required", "description", "说明"]
    p = book.properties
    assert p.title == "ACFTU national trade-union innovation cases / 全国工会重点工作创新案例 v1.2.3"
    assert (p.subject, p.creator, p.keywords) == ("Open dataset release", "acftu-innovation-cases maintainers",
                                                   "ACFTU, trade unions, 全国总工会, 创新案例")
    assert p.description.startswith("Tables as in the CSV files")
    assert p.created == p.modified == dt.datetime(2026, 12, 1)


def test_the_only_dates_inside_are_the_cut_date(tmp_path):
    """The library stamps the time of writing; the file must carry the cut date alone (reproducible)."""
    frames = {"cases": pd.DataFrame({"case_id": ["c1"], "body": ["正文"]})}
    write_xlsx(tmp_path / "a.xlsx", frames, version="1.2.3", created="2026-12-01T08:00:00Z")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as book:
        assert book.testzip() is None
        core = book.read("docProps/core.xml").decode("utf-8")
        assert {i.date_time for i in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", core) == ["2026-12-01T00:00:00Z"] * 2


def test_a_member_replaced_in_a_zip_leaves_the_others_as_they_were(tmp_path):
    from pipeline.release.xlsx import _replaced

    members = {"a.xml": "甲" * 5000, "b/c.xml": "<x/>", "d.txt": "丁" * 3000}
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            with z.open(name, "w") as f:  # streamed: with data descriptors, as the library writes
                f.write(text.encode("utf-8"))
    out = _replaced(raw.getvalue(), "b/c.xml", "<y>新</y>".encode())
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
        assert z.namelist() == list(members)
        assert {n: z.read(n).decode("utf-8") for n in z.namelist()} == {**members, "b/c.xml": "<y>新</y>"}


def test_tables_written_in_chunks_read_back_whole_and_errors_name_the_row(tmp_path, monkeypatch):
    from pipeline.release import xlsx

    monkeypatch.setattr(xlsx, "CHUNK_ROWS", 2)
    ids = [f"c{k}" for k in range(7)]
    frames = {"cases": pd.DataFrame({"case_id": ids, "seq": range(7), "body": [f"正文{k}" for k in range(7)]})}
    rows = list(_book(tmp_path, frames)["cases"].iter_rows(min_row=2, values_only=True))
    assert rows == [(f"c{k}", k, f"正文{k}") for k in range(7)]
    frames["cases"].loc[5, "body"] = "长" * (MAX_CELL + 1)
    with pytest.raises(WorkbookError, match=f"cases row 6 column body: {MAX_CELL + 1} characters"):
        write_xlsx(tmp_path / "x.xlsx", frames, version="1.0.0", created="2026-12-01")
