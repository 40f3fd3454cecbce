"""The release as one Excel workbook: a sheet per table and a sheet explaining every column.

What belongs here: writing ``acftu.xlsx`` with rvgsrust-xlsxwriter (Python bindings of
rust_xlsxwriter, the Rust port of XlsxWriter by XlsxWriter's author), from the tables in memory or
from their pickle (``write_xlsx_when_told``, for a writer in another process, which is told the
version once it is decided). The cells go to the library a chunk of rows at a time as Arrow
arrays, so no Python call is made per cell. An .xlsx file stores text as Unicode, so Chinese shows
right in Excel whatever the system's code page (unlike a CSV without a byte-order mark). The
workbook is byte-reproducible: the library stores the zip members with a fixed timestamp, and the
document's created date, which it stamps with the time of writing, is set to the version's cut date
here (``_dated``).
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import rvgsrust_xlsxwriter as xlsx

from pipeline.metadata.tables import load_table_schema

XLSX_FILE = "acftu.xlsx"
COLUMNS_SHEET = "columns"
# Excel's limit on the characters of one cell.
MAX_CELL = 32767
# Rows of a table turned into Arrow arrays at a time: the workbook's sheets are streamed to
# temporary files (constant-memory worksheets), so the writer holds one chunk of cells at a time.
CHUNK_ROWS = 10_000
CORE_PROPERTIES = "docProps/core.xml"


class WorkbookError(ValueError):
    """A value cannot be stored in Excel; the message names the table, row and column."""


def write_xlsx(path: Path, frames: dict[str, pd.DataFrame], *, version: str, created: str) -> None:
    """Write ``frames`` (table name → rows) and the column explanations to ``path``."""
    _save(_filled_workbook(frames), path, version, created)


def write_xlsx_when_told(path: Path, pickled: Path, versions) -> None:
    """The workbook of the tables pickled in ``pickled``, its cells made at once and the file written
    once ``versions`` (a multiprocessing connection) sends ``(version, created)``; nothing is
    written when it sends None or is closed.

    NOTE: the cells do not depend on the version, which is known only once the tables were compared
    with the latest release; a writer started before that comparison has its sheets ready (in
    temporary files) when it ends, and then only packs them into the file. The pickle is read here,
    so the build's memory is neither copied (as a fork would) nor sent through a pipe; pickle keeps
    every value as it is in the frames (Decimal, date, the kind of missing value), so
    the workbook is the bytes ``write_xlsx`` of the frames gives.
    """
    with open(pickled, "rb") as f:
        frames = pickle.load(f)
    wb = _filled_workbook(frames)
    del frames
    try:
        told = versions.recv()
    except EOFError:
        return
    if told is None:
        return
    version, created = told
    _save(wb, path, version, created)


def _filled_workbook(frames: dict[str, pd.DataFrame]) -> xlsx.Workbook:
    """A workbook with every sheet and cell, not yet saved (nothing written to the release yet)."""
    wb = xlsx.Workbook()
    header = wb.add_format().set_bold().set_background_color("#DDEBF7").set_text_wrap() \
        .set_vertical_align("top")
    fmt_date = wb.add_format().set_num_format("yyyy-mm-dd")
    wrap = wb.add_format().set_text_wrap().set_vertical_align("top")
    for name, frame in frames.items():
        # NOTE: constant memory: rows go to a temporary file as they are written, text inline in
        # each cell rather than in a shared-strings table (the file is larger; the writer's memory
        # does not grow with the table).
        ws = wb.add_worksheet(name, constant_memory=True)
        kinds = {f["name"]: f["type"] for f in load_table_schema(name)["fields"]}
        columns = [str(col) for col in frame.columns]
        column_kinds = [kinds.get(col, "string") for col in columns]
        ws.write_row(0, 0, columns, header)
        for c, col in enumerate(columns):
            wide = column_kinds[c] == "string" and col in ("body", "sentence", "preface")
            ws.set_column_width(c, 40 if wide else 16)
        dates = {col: fmt_date for col, kind in zip(columns, column_kinds, strict=True) if kind == "date"}
        for first in range(0, len(frame), CHUNK_ROWS):
            chunk = frame.iloc[first:first + CHUNK_ROWS]
            arrays = [_arrow(chunk.iloc[:, c], kind) for c, kind in enumerate(column_kinds)]
            for c, array in enumerate(arrays):
                if column_kinds[c] not in ("integer", "number", "date"):
                    _check_length(array, name, first, columns[c])
            # NOTE: the library writes no cell for an empty text, as for a null: an empty text is a
            # missing value in the CSV and Parquet files too. Text is never read as a number,
            # formula or link.
            ws.write_dataframe(first + 1, 0, pa.table(arrays, names=columns), write_header=False,
                               column_formats=dates)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)
    ws = wb.add_worksheet(COLUMNS_SHEET, constant_memory=True)
    ws.write_row(0, 0, ["table", "column", "type", "required", "description", "说明"], header)
    for c, width in enumerate([12, 18, 10, 9, 70, 60]):
        ws.set_column_width(c, width)
        if c >= 4:
            ws.set_column_format(c, wrap)
    r = 1
    for name in frames:
        for f in load_table_schema(name)["fields"]:
            required = "yes" if f.get("constraints", {}).get("required") else ""
            for c, v in enumerate([name, f["name"], f["type"], required, f.get("description", ""),
                                   f.get("description_zh", "")]):
                if v:
                    ws.write(r, c, v, wrap if c >= 4 else None)
            r += 1
    ws.freeze_panes(1, 0)
    return wb


def _arrow(column: pd.Series, kind: str) -> pa.Array:
    """One column of a chunk as the Arrow array whose values are the workbook's cells (null: none)."""
    number = kind in ("integer", "number")
    if isinstance(column.dtype, pd.StringDtype) and not number and kind != "date":
        return pa.array(column, pa.string(), from_pandas=True)
    if number and pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return pa.array(column.to_numpy(), pa.int64())
    # Missing: None, NaN, pd.NA, NaT (pandas' own test, one pass over the column).
    values = [None if gone else v for v, gone in zip(column.tolist(), column.isna().tolist(), strict=True)]
    if number:
        # NOTE: Excel holds numbers as doubles (15 significant digits); the exact decimals are in
        # the CSV and Parquet files. Every value of this dataset fits a double exactly enough.
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    if kind == "date":
        return pa.array([None if v is None else _day(v) for v in values], pa.date32())
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _day(value: object) -> dt.date:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return dt.date(day.year, day.month, day.day)


def _check_length(texts: pa.Array, table: str, first: int, column: str) -> None:
    lengths = pc.utf8_length(texts)
    longest = pc.max(lengths).as_py()
    if longest is not None and longest > MAX_CELL:
        at = pc.index(pc.greater(lengths, MAX_CELL), True).as_py()
        raise WorkbookError(f"{table} row {first + 1 + at} column {column}: {lengths[at].as_py()} "
                            f"characters exceed Excel's {MAX_CELL} per cell; the CSV and Parquet files hold "
                            "the full text")


def _save(wb: xlsx.Workbook, path: Path, version: str, created: str) -> None:
    wb.set_properties(
        title=f"ACFTU national trade-union innovation cases / 全国工会重点工作创新案例 v{version}",
        subject="Open dataset release", author="acftu-innovation-cases maintainers",
        keywords="ACFTU, trade unions, 全国总工会, 创新案例",
        comments="Tables as in the CSV files; exact decimals are in the CSV and Parquet files.",
    )
    Path(path).write_bytes(_dated(wb.save_to_buffer(), created))


def _dated(book: bytes, created: str) -> bytes:
    """``book`` with its document created and modified dates set to the day ``created``.

    NOTE: rust_xlsxwriter stamps the time of writing into docProps/core.xml and the bindings do not
    let it be set; the workbook is byte-reproducible once those two dates are the version's cut date
    (midnight UTC, as before).
    """
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        core = z.read(CORE_PROPERTIES).decode("utf-8")
    stamp = f"{dt.date.fromisoformat(str(created)[:10]).isoformat()}T00:00:00Z"
    core, n = re.subn(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*", lambda m: m[1] + stamp, core)
    if n != 2:
        raise RuntimeError(f"{CORE_PROPERTIES} of the workbook has no created and modified dates")
    return _replaced(book, CORE_PROPERTIES, core.encode("utf-8"))


# PKWARE's APPNOTE.TXT: local file header (4.3.7), central directory header (4.3.12), end of
# central directory record (4.3.16).
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


def _replaced(book: bytes, name: str, data: bytes) -> bytes:
    """The zip file ``book`` with the content of member ``name`` replaced by ``data``.

    NOTE: the other members (the sheets, tens of MB of XML) are copied as their compressed bytes,
    local headers and data descriptors; compressing them again with zipfile would cost about as
    much CPU as writing the workbook. The standard library has no way to copy a member unchanged,
    so the headers of the new directory are packed here; the result is checked with zipfile.
    """
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        infos = sorted(z.infolist(), key=lambda i: i.header_offset)
    end = _END.unpack_from(book, book.rindex(b"PK\x05\x06"))
    directory = end[6]
    if len(infos) != end[4] or book[:4] != b"PK\x03\x04":
        raise RuntimeError("not a single-disk zip file without a prefix")
    out, central = bytearray(), bytearray()
    for info, stop in zip(infos, [i.header_offset for i in infos[1:]] + [directory], strict=True):
        offset = len(out)
        filename = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        y, mo, d, h, mi, s = info.date_time
        when = (h << 11 | mi << 5 | s // 2, (y - 1980) << 9 | mo << 5 | d)
        if info.filename == name:
            deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            body = deflate.compress(data) + deflate.flush()
            flags, method, crc, sizes = info.flag_bits & 0x800, zipfile.ZIP_DEFLATED, zlib.crc32(data), \
                (len(body), len(data))
            out += _LOCAL.pack(b"PK\x03\x04", 20, flags, method, *when, crc, *sizes, len(filename), 0)
            out += filename + body
        else:
            flags, method, crc, sizes = info.flag_bits, info.compress_type, info.CRC, \
                (info.compress_size, info.file_size)
            out += book[info.header_offset:stop]
        central += _CENTRAL.pack(b"PK\x01\x02", info.create_system << 8 | info.create_version,
                                 max(info.extract_version, 20), flags, method, *when, crc, *sizes,
                                 len(filename), len(info.extra), len(info.comment), 0, info.internal_attr,
                                 info.external_attr, offset)
        central += filename + info.extra + info.comment
    out += central + _END.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(central), len(out), 0)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        # Each member found at its offset under its name (its first bytes read), the new one whole.
        if z.read(name) != data or any(len(z.open(i).read(1)) != min(i.file_size, 1) for i in z.infolist()):
            raise RuntimeError(f"the workbook with a new {name} does not read back")
    return bytes(out)
