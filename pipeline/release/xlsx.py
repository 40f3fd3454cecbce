"""The release as one Excel workbook: a sheet per table and a sheet explaining every column.

What belongs here: writing ``acftu.xlsx`` with XlsxWriter, from the tables in memory or from
their pickle (``write_xlsx_when_told``, for a writer in another process, which is told the version
once it is decided). An .xlsx file stores text as Unicode, so Chinese shows right in Excel whatever
the system's code page (unlike a CSV without a byte-order mark). The workbook is
byte-reproducible: its document properties carry the version's cut date, not the time of a build,
and XlsxWriter stores the zip members with a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import math
import pickle
from pathlib import Path

import pandas as pd
import xlsxwriter

from pipeline.metadata.tables import load_table_schema

XLSX_FILE = "acftu.xlsx"
COLUMNS_SHEET = "columns"
# Excel's limit on the characters of one cell.
MAX_CELL = 32767
# Rows of a table turned into Python values at a time (the whole figures table at once is some
# 140 MB of Python objects beside XlsxWriter's own copy of every cell).
CHUNK_ROWS = 10_000


class WorkbookError(ValueError):
    """A value cannot be stored in Excel; the message names the table, row and column."""


def _created(created: str) -> dt.datetime:
    return dt.datetime.fromisoformat(str(created)[:10])


def _write_cell(ws, row: int, col: int, value: object, kind: str, fmt_date, table: str, column: str) -> None:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return
    if kind in ("integer", "number"):
        # NOTE: Excel holds numbers as doubles (15 significant digits); the exact decimals are in
        # the CSV and Parquet files. Every value of this dataset fits a double exactly enough.
        ws.write_number(row, col, float(value) if not isinstance(value, int) else value)
    elif kind == "date":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        ws.write_datetime(row, col, dt.datetime(day.year, day.month, day.day), fmt_date)
    else:
        text = str(value)
        if len(text) > MAX_CELL:
            raise WorkbookError(f"{table} row {row} column {column}: {len(text)} characters exceed Excel's "
                                f"{MAX_CELL} per cell; the CSV and Parquet files hold the full text")
        ws.write_string(row, col, text)


def write_xlsx(path: Path, frames: dict[str, pd.DataFrame], *, version: str, created: str) -> None:
    """Write ``frames`` (table name → rows) and the column explanations to ``path``."""
    wb = _filled_workbook(path, frames)
    _set_properties(wb, version, created)
    wb.close()


def _set_properties(wb: xlsxwriter.Workbook, version: str, created: str) -> None:
    # Stored by XlsxWriter and written at close(): set before or after the cells, the same bytes.
    wb.set_properties({
        "title": f"ACFTU national trade-union innovation cases / 全国工会重点工作创新案例 v{version}",
        "subject": "Open dataset release", "author": "acftu-innovation-cases maintainers",
        "keywords": "ACFTU, trade unions, 全国总工会, 创新案例", "created": _created(created),
        "comments": "Tables as in the CSV files; exact decimals are in the CSV and Parquet files.",
    })


def _filled_workbook(path: Path, frames: dict[str, pd.DataFrame]) -> xlsxwriter.Workbook:
    """A workbook for ``path`` with every sheet and cell, not yet closed (nothing written yet)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
    fmt_date = wb.add_format({"num_format": "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    for name, frame in frames.items():
        ws = wb.add_worksheet(name)
        fields = load_table_schema(name)["fields"]
        kinds = {f["name"]: f["type"] for f in fields}
        columns = list(frame.columns)
        for c, col in enumerate(columns):
            ws.write_string(0, c, col, header)
            ws.set_column(c, c, 40 if kinds.get(col) == "string" and col in ("body", "sentence", "preface")
                          else 16)
        column_kinds = [kinds.get(col, "string") for col in columns]
        texts = [k not in ("integer", "number", "date") for k in column_kinds]
        write_string = ws.write_string
        # Column lists, not itertuples: pandas' text columns iterate one boxed value at a time.
        for first in range(0, len(frame), CHUNK_ROWS):
            chunk = frame.iloc[first:first + CHUNK_ROWS]
            for r, row in enumerate(zip(*(chunk[col].tolist() for col in columns), strict=True),
                                    start=first + 1):
                for c, value in enumerate(row):
                    # Most cells are text: the same call _write_cell makes, without its dispatch.
                    if type(value) is str and texts[c] and len(value) <= MAX_CELL:
                        write_string(r, c, value)
                    else:
                        _write_cell(ws, r, c, value, column_kinds[c], fmt_date, name, columns[c])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)
    ws = wb.add_worksheet(COLUMNS_SHEET)
    heads = ["table", "column", "type", "required", "description", "说明"]
    for c, h in enumerate(heads):
        ws.write_string(0, c, h, header)
    for c, width in enumerate([12, 18, 10, 9, 70, 60]):
        ws.set_column(c, c, width, wrap if c >= 4 else None)
    r = 1
    for name in frames:
        for f in load_table_schema(name)["fields"]:
            required = "yes" if f.get("constraints", {}).get("required") else ""
            for c, v in enumerate([name, f["name"], f["type"], required, f.get("description", ""),
                                   f.get("description_zh", "")]):
                ws.write_string(r, c, v)
            r += 1
    ws.freeze_panes(1, 0)
    return wb


def write_xlsx_when_told(path: Path, pickled: Path, versions) -> None:
    """The workbook of the tables pickled in ``pickled``, its cells made at once and the file written
    once ``versions`` (a multiprocessing connection) sends ``(version, created)``; nothing is
    written when it sends None or is closed.

    NOTE: the cells are nearly all of the work (some 10 s of one core on 1,000 bulletins) and do not
    depend on the version, which is known only once the tables were compared with the latest
    release; a writer started before that comparison has its cells ready when it ends. The file is
    read here, so the build's memory is neither copied (as a fork would) nor sent through a pipe;
    pickle keeps every value as it is in the frames (an empty text apart from a missing one,
    Decimal, date), so the workbook is the bytes ``write_xlsx`` of the frames gives.
    """
    with open(pickled, "rb") as f:
        frames = pickle.load(f)
    wb = _filled_workbook(path, frames)
    del frames
    try:
        told = versions.recv()
    except EOFError:
        return
    if told is None:
        return
    version, created = told
    _set_properties(wb, version, created)
    wb.close()
