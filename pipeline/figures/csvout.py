"""Figures as CSV for any text (``acftu figures``): offsets into the text exactly as given."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from pipeline.figures.about import describe
from pipeline.figures.extract import Figure
from pipeline.release.csvfiles import format_cell

FIGURE_CSV_COLUMNS = ("start", "end", "mention", "value", "unit", "qualifier", "lower", "upper", "kind",
                      "basis", "per", "measure")
_FIGURE_FIELDS = FIGURE_CSV_COLUMNS[:9]


def write_figures_csv(figures: Iterable[Figure], out: TextIO, text: str | None = None) -> None:
    """RFC 4180 CSV with a header row; empty cells for open bounds.

    ``basis``, ``per`` and ``measure`` are read from ``text``, the text the figures were found in;
    without it those three cells are empty.
    """
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(FIGURE_CSV_COLUMNS)
    for f in figures:
        about = describe(text, f) if text is not None else None
        extra = [about.basis, about.per, about.measure] if about else ["", "", ""]
        w.writerow([format_cell(getattr(f, c)) for c in _FIGURE_FIELDS] + extra)
