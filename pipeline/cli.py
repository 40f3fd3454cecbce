"""The ``acftu`` command line.

  acftu build [--raw DIR] [--out DIR] [--skip-invalid]
                                        build; publish the next version when the tables changed
                                        (exit 0 when published or up to date)
  acftu add FILE --id ID --title T --date YYYY-MM-DD [--publisher P] [--source S] [--raw DIR]
                                        snapshot a new raw bulletin (bytes copied unchanged)
  acftu figures FILE|-                  print the figures of any text as CSV
  acftu sql ["SELECT …"] [--db FILE]    DuckDB SQL on the database, read-only (no query: a prompt)
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
from pathlib import Path

STOPPED_STARTING = "acftu build: stopped by SIGINT; nothing was published"


def _build(args: argparse.Namespace) -> int:
    # NOTE: a Ctrl-C that lands while Dagster's SQLite storage closes a connection makes SQLAlchemy
    # log the interrupted close with its stack (seen once under load); the build reports the stop
    # in one line of its own, and any storage failure that matters reaches it as an exception.
    logging.getLogger("sqlalchemy").setLevel(logging.CRITICAL)
    # NOTE: Ctrl-C while the libraries load: nothing has been built yet. A library may swallow the
    # KeyboardInterrupt in a bare ``except:`` of its own import, so the signal is also read from a
    # wakeup socket (as pipeline/interrupts.py does during the build) once they are loaded.
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        try:
            from pipeline.build import BuildFailed, build_release
            from pipeline.interrupts import BuildInterrupted
            from pipeline.release.publish import PublishError
            from pipeline.text.errors import BulletinFormatError
        except KeyboardInterrupt:
            print(STOPPED_STARTING, file=sys.stderr)
            return 130
        if _signalled(reader):
            print(STOPPED_STARTING, file=sys.stderr)
            return 130
    finally:
        signal.set_wakeup_fd(previous_fd)
        reader.close()
        writer.close()

    try:
        target = build_release(Path(args.raw), Path(args.out), skip_invalid=args.skip_invalid)
    except KeyboardInterrupt:  # between start-up and the build's own watch of signals
        print(STOPPED_STARTING, file=sys.stderr)
        return 130
    except BuildInterrupted as e:
        print(f"acftu build: {e}", file=sys.stderr)
        return e.exit_code
    except (BuildFailed, BulletinFormatError, PublishError) as e:
        print(f"acftu build: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        where = e.filename or args.out
        print(f"acftu build: {where}: {e.strerror or e}. Check the folder's permissions and free space; "
              "the previous release is unchanged", file=sys.stderr)
        return 1
    from pipeline.paths import display_path

    print(target.summary)
    _report_unplaced(target.release)
    if target.published:
        print(f"published {display_path(target.release)}")
    else:
        print(f"up to date: {target.release.name} ({display_path(target.release)}); nothing published")
    return 0


def _signalled(reader: socket.socket) -> bool:
    """Whether the interpreter wrote a SIGINT to the wakeup socket ``reader`` (a SIGTERM at start-up
    ends the process by default)."""
    try:
        data = reader.recv(512)
    except BlockingIOError:
        return False
    return signal.SIGINT in data


def _report_unplaced(release: Path) -> None:
    """The build's report of signers that could not be placed (kept with empty place columns)."""
    import pandas as pd

    from pipeline.tables import unplaced_unions

    cases = release / "cases.csv"
    if not cases.exists():
        return
    # Only the two columns it needs: the case bodies are most of the file.
    unplaced = unplaced_unions(pd.read_csv(cases, dtype=str, keep_default_na=False,
                                           usecols=["case_id", "union_name"]))
    for row in unplaced.itertuples(index=False):
        note = f": {row.place_note}" if row.place_note else ""
        print(f"unplaced union {row.union_name!r} ({row.case_id}, level {row.union_level}){note}")
    if len(unplaced):
        print(f"{len(unplaced)} union name(s) could not be placed; their place columns are empty")


def _add(args: argparse.Namespace) -> int:
    from pipeline.sources.add import add_bulletin
    from pipeline.text.errors import BulletinFormatError

    try:
        folder = add_bulletin(Path(args.raw), Path(args.file), args.id, title=args.title,
                              event_date=args.date, publisher=args.publisher, origin=args.source)
    except BulletinFormatError as e:
        print(f"acftu add: {e}", file=sys.stderr)
        return 1
    print(f"added {folder}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    from pipeline.figures.cli import main as figures_main

    return figures_main([args.file])


def _sql(args: argparse.Namespace) -> int:
    from pipeline.sqlcli import run_sql

    return run_sql(Path(args.db), args.query)


def main(argv: list[str] | None = None) -> int:
    from pipeline.paths import DEFAULT_OUT, DEFAULT_RAW

    parser = argparse.ArgumentParser(prog="acftu", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build and publish the release from raw bulletins")
    b.add_argument("--raw", default=str(DEFAULT_RAW), help="folder of <bulletin_id>/ folders (default raw/)")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default outputs/)")
    b.add_argument("--skip-invalid", action="store_true",
                   help="publish the valid bulletins and list the others in OUT/quarantine.csv")
    b.set_defaults(func=_build)
    a = sub.add_parser("add", help="snapshot a new raw bulletin into the raw folder")
    a.add_argument("file", help="the bulletin's text file, copied byte for byte")
    a.add_argument("--id", required=True, help="the new bulletin_id (lower-case letters, digits, hyphens)")
    a.add_argument("--title", required=True)
    a.add_argument("--date", required=True, help="the bulletin's event date, YYYY-MM-DD")
    a.add_argument("--publisher", default="中华全国总工会")
    a.add_argument("--source", help="where the text came from")
    a.add_argument("--raw", default=str(DEFAULT_RAW), help="raw folder (default raw/)")
    a.set_defaults(func=_add)
    f = sub.add_parser("figures", help="extract figures from a text file as CSV")
    f.add_argument("file", help="a UTF-8 text file, or - for standard input")
    f.set_defaults(func=_figures)
    q = sub.add_parser("sql", help="run DuckDB SQL on the database, read-only")
    q.add_argument("query", nargs="?", help="one SQL statement; without it, an interactive prompt")
    q.add_argument("--db", default=str(DEFAULT_OUT / "acftu.duckdb"), help="default outputs/acftu.duckdb")
    q.set_defaults(func=_sql)
    args = parser.parse_args(argv)
    return args.func(args)


def run() -> None:
    """The console script (and ``python -m pipeline.cli``): ``main``, then the process ends.

    NOTE: after ``acftu build`` every file of the release, the database and Dagster's event log is
    written, synced and closed; what remains is the interpreter freeing the build's heaps object by
    object (tables, Dagster's run state: 0.6–0.9 s at 1,000 bulletins) in a process that ends anyway.
    A build therefore exits at once, its output flushed; other commands exit as usual.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if argv[:1] == ["build"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
