"""``acftu sql``: DuckDB SQL on the published database with the pinned duckdb, read-only.

What belongs here: running one query (or an interactive prompt) and printing the result. The
database is opened read-only, so nothing a user types can change the published data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

PROMPT = "acftu> "


def _print_result(con: duckdb.DuckDBPyConnection, sql: str, out) -> None:
    rel = con.sql(sql)
    if rel is not None:
        # NOTE: DuckDB's own box rendering, with every row (a query's LIMIT decides how many).
        out.write(str(rel))
        out.write("\n")


def run_sql(database: Path, sql: str | None, *, out=sys.stdout, inp=sys.stdin) -> int:
    """Run ``sql`` on ``database`` (or read statements from ``inp`` when ``sql`` is None)."""
    database = Path(database)
    if not database.is_file():
        print(f"acftu sql: {database}: no database. Run `make release` (or `acftu build`) first",
              file=sys.stderr)
        return 1
    con = duckdb.connect(str(database), read_only=True)
    try:
        if sql is not None:
            return _one(con, sql, out)
        return _interactive(con, out, inp)
    finally:
        con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str, out) -> int:
    try:
        _print_result(con, sql, out)
    except duckdb.Error as e:
        print(f"acftu sql: {e}", file=sys.stderr)
        return 1
    return 0


def _interactive(con: duckdb.DuckDBPyConnection, out, inp) -> int:
    """A minimal prompt: statements end with ``;``; ``.quit`` or end of input leaves."""
    tty = inp.isatty()
    if tty:
        print("DuckDB SQL on the ACFTU database (read-only). End a statement with ';', .quit to leave.",
              file=out)
    buffer: list[str] = []
    status = 0
    while True:
        if tty:
            out.write(PROMPT if not buffer else "   ...> ")
            out.flush()
        line = inp.readline()
        if not line:
            break
        if not buffer and line.strip() in (".quit", ".exit", "\\q"):
            break
        buffer.append(line)
        text = "".join(buffer).strip()
        if text.endswith(";"):
            buffer = []
            status = _one(con, text, out) or status
    text = "".join(buffer).strip()
    if text:
        status = _one(con, text, out) or status
    return status
