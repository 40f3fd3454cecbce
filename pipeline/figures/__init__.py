"""Figures: every stated quantity in a text, with exact decimal values (rules: docs/figures.md)."""

from pipeline.figures.csvout import FIGURE_CSV_COLUMNS, write_figures_csv
from pipeline.figures.extract import KINDS, QUALIFIERS, Figure, extract_figures, sentence_at
from pipeline.figures.numerals import NumeralError, parse_number

__all__ = ["FIGURE_CSV_COLUMNS", "KINDS", "QUALIFIERS", "Figure", "NumeralError", "extract_figures",
           "parse_number", "sentence_at", "write_figures_csv"]
