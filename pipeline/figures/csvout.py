"""Figures as CSV for any text (``acftu figures``): offsets into the text exactly as given."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from pipeline.figures.extract import Figure
from pipeline.release.csvfiles import format_cell

FIGURE_CSV_COLUMNS = ("start", "end", "mention", "value", "unit", "qualifier", "lower", "upper", "kind")


def write_figures_csv(figures: Iterable[Figure], out: TextIO) -> None:
    """RFC 4180 CSV with a header row; empty cells for open bounds."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(FIGURE_CSV_COLUMNS)
    for f in figures:
        w.writerow([format_cell(getattr(f, c)) for c in FIGURE_CSV_COLUMNS])
