"""``acftu figures FILE|-``: the figures of any UTF-8 text as CSV on standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.figures.csvout import write_figures_csv
from pipeline.figures.extract import extract_figures


def read_text(name: str) -> str:
    """The text of ``name`` (``-`` for standard input), exactly as given; a BOM is not text."""
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        where = "standard input" if name == "-" else name
        raise ValueError(f"{where}: byte {e.start} is not UTF-8; convert the file to UTF-8 "
                         "(e.g. iconv -f GB18030 -t UTF-8)") from e
    return text[1:] if text.startswith("\ufeff") else text


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: acftu figures FILE|-", file=sys.stderr)
        return 2
    try:
        text = read_text(argv[0])
    except (OSError, ValueError) as e:
        print(f"acftu figures: {e}", file=sys.stderr)
        return 1
    write_figures_csv(extract_figures(text), sys.stdout, text=text)
    return 0
