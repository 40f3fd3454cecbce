"""Files generated from the Table Schemas, committed to the repository and kept in step by tests.

What belongs here: the list of generated files and the commands to rewrite or check them.

    python -m pipeline.metadata.generate          # rewrite every generated file
    python -m pipeline.metadata.generate --check  # exit 1 and name the stale files
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.metadata.dictionary import data_dictionary_markdown

REPO_ROOT: Path = Path(__file__).resolve().parents[2]

GENERATED: dict[Path, Callable[[], str]] = {
    REPO_ROOT / "docs" / "data-dictionary.md": data_dictionary_markdown,
    REPO_ROOT / "pipeline" / "metadata" / "generated" / "duckdb_schema.sql": duckdb_ddl,
}


def _display(path: Path) -> str:
    try:
        return path.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def stale_files() -> list[Path]:
    """Generated files that are missing or differ from what the schemas generate now."""
    stale = []
    for path, render in GENERATED.items():
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != render():
            stale.append(path)
    return stale


def write_generated() -> list[Path]:
    """Rewrite the stale generated files; returns those written."""
    written = []
    for path in stale_files():
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="\n": the same bytes on every platform, so --check agrees everywhere.
        path.write_text(GENERATED[path](), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.metadata.generate",
                                     description="Rewrite (or check) the files generated from schemas/.")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a generated file is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"{_display(path)}: stale; run python -m pipeline.metadata.generate", file=sys.stderr)
        return 1 if stale else 0
    for path in write_generated():
        print(f"wrote {_display(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
