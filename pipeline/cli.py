"""The ``acftu`` command line.

  acftu build [--raw DIR] [--out DIR] [--skip-invalid]
                                        build and publish a release (exit 0 only when published)
  acftu figures FILE|-                  print the figures of any text as CSV
  acftu sql ["SELECT …"] [--db FILE]    DuckDB SQL on the database, read-only (no query: a prompt)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    try:  # Ctrl-C while the libraries load: nothing has been built yet
        from pipeline.build import BuildFailed, build_release
        from pipeline.interrupts import BuildInterrupted
        from pipeline.release.publish import PublishError
        from pipeline.text.errors import BulletinFormatError
    except KeyboardInterrupt:
        print("acftu build: stopped by SIGINT; nothing was published", file=sys.stderr)
        return 130

    try:
        target = build_release(Path(args.raw), Path(args.out), skip_invalid=args.skip_invalid)
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

    print(f"published {display_path(target)}")
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
    f = sub.add_parser("figures", help="extract figures from a text file as CSV")
    f.add_argument("file", help="a UTF-8 text file, or - for standard input")
    f.set_defaults(func=_figures)
    q = sub.add_parser("sql", help="run DuckDB SQL on the database, read-only")
    q.add_argument("query", nargs="?", help="one SQL statement; without it, an interactive prompt")
    q.add_argument("--db", default=str(DEFAULT_OUT / "acftu.duckdb"), help="default outputs/acftu.duckdb")
    q.set_defaults(func=_sql)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
