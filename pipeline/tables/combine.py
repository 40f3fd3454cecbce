"""Combining per-bulletin rows into one published table, in a stable order."""

from __future__ import annotations

import pandas as pd

SORT_KEYS = {
    "bulletins": ["bulletin_id"],
    "cases": ["bulletin_id", "seq"],
    "figures": ["bulletin_id", "case_id", "start"],
}


def join_parts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """``parts`` one after the other; empty parts are left out (their column types would widen
    those of the others), and all-empty parts give an empty frame with their columns."""
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return parts[0].iloc[0:0].copy() if parts else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True)


def combine_table(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate ``parts`` and sort by the table's natural key so every build orders rows alike."""
    frame = join_parts(parts)
    if not len(frame):
        return frame
    keys = SORT_KEYS[name]
    # Preface figures (no case_id) sort first within their bulletin.
    order = frame[keys].copy()
    if "case_id" in order:
        order["case_id"] = order["case_id"].fillna("")
    return frame.loc[order.sort_values(keys, kind="stable").index].reset_index(drop=True)
