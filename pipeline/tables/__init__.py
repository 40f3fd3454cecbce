"""Rows of the published tables, built from verified snapshots by plain functions (no Dagster)."""

from pipeline.tables.build import (
    ParsedBulletin,
    bulletins_frame,
    cases_frame,
    figures_frame,
    parse_bulletin,
    unplaced_unions,
)

__all__ = ["ParsedBulletin", "bulletins_frame", "cases_frame", "figures_frame", "parse_bulletin",
           "unplaced_unions"]
