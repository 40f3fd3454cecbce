"""Blocking asset checks: one pandera check per published table, made from its Table Schema,
plus hand-written checks for what types cannot say (offsets into the text, cross-table keys).

A failed check blocks everything downstream, so nothing is written to the database or published.
The five checks are evaluated in one step (``table_checks``), which reads each table once; each
is its own check in the UI, with its own result and metadata.
"""

# No `from __future__ import annotations`: Dagster reads the context annotations at runtime.
from collections.abc import Iterator

import dagster as dg
import pandas as pd

from pipeline import incremental
from pipeline.metadata.pandera_schemas import (
    TableValidationError,
    check_foreign_keys,
    check_mention_offsets,
    validate_table,
)
from pipeline.metadata.tables import TABLES
from pipeline.resources import PathsResource

MAX_ROWS_SHOWN = 20
OFFSETS_CHECK = "figures_mentions_at_offsets"
FOREIGN_KEYS_CHECK = "foreign_keys_resolve"
OFFSETS = "figures_offsets"  # the record of validated bulletins (incremental.mark_validated)
OFFSET_COLUMNS = ["figure_id", "case_id", "bulletin_id", "start", "end", "mention"]


def _failed(asset: str, check: str, description: str, failures: pd.DataFrame | str) -> dg.AssetCheckResult:
    text = failures if isinstance(failures, str) else failures.head(MAX_ROWS_SHOWN).to_string(index=False)
    return dg.AssetCheckResult(asset_key=asset, check_name=check, passed=False, description=description,
                               metadata={"failures": dg.MetadataValue.md(f"```\n{text}\n```")})


def schema_check_name(table: str) -> str:
    return f"{table}_matches_schema"


def matches_schema(table: str, frame: pd.DataFrame, keys: dict[str, incremental.BulletinKey],
                   out_dir) -> dg.AssetCheckResult:
    """Validate ``frame`` as ``table`` against ``schemas/<table>.schema.json``."""
    # NOTE: a cached bulletin's rows passed this check in the build that parsed them, under the
    # same parser and schema (incremental.mark_validated); only the others are checked row by
    # row, while unique keys span bulletins and are checked on the whole table.
    done = set(keys) - incremental.unvalidated(out_dir, table, keys)
    # Every row not of a validated bulletin is checked (a row naming no known bulletin too).
    rows = ~frame["bulletin_id"].isin(done) if "bulletin_id" in frame else None
    try:
        validate_table(table, frame, rows)
    except TableValidationError as e:
        return _failed(table, schema_check_name(table), f"{table} breaks its schema", str(e))
    incremental.mark_validated(out_dir, table, keys)
    checked = len(frame) if rows is None else int(rows.sum())
    return dg.AssetCheckResult(asset_key=table, check_name=schema_check_name(table), passed=True,
                               metadata={"rows": len(frame), "rows_checked": checked})


def mentions_at_offsets(figures: pd.DataFrame, cases: pd.DataFrame, bulletins: pd.DataFrame,
                        keys: dict[str, incremental.BulletinKey], out_dir) -> dg.AssetCheckResult:
    """Every figure's mention stands at its offsets (the figures of bulletins not checked before)."""
    # NOTE: a figure's mention is compared with its own bulletin's case body or preface, rows made
    # with it under the same key; case ids are unique across the table (the cases schema check,
    # on every row), so a cached bulletin whose figures passed keeps passing and only the others
    # are checked, as for the schema checks.
    done = set(keys) - incremental.unvalidated(out_dir, OFFSETS, keys)
    rows = ~figures["bulletin_id"].isin(done)
    bad = check_mention_offsets(figures.loc[rows, OFFSET_COLUMNS], cases, bulletins)
    if len(bad):
        return _failed("figures", OFFSETS_CHECK, f"{len(bad)} figures are not at their offsets", bad)
    incremental.mark_validated(out_dir, OFFSETS, keys)
    return dg.AssetCheckResult(asset_key="figures", check_name=OFFSETS_CHECK, passed=True,
                               metadata={"figures": len(figures), "figures_checked": int(rows.sum())})


def foreign_keys_resolve(figures: pd.DataFrame, cases: pd.DataFrame,
                         bulletins: pd.DataFrame) -> dg.AssetCheckResult:
    """Every foreign key of cases and figures resolves, on every row."""
    bad = check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures)
    if len(bad):
        return _failed("figures", FOREIGN_KEYS_CHECK, f"{len(bad)} rows have unresolved foreign keys", bad)
    return dg.AssetCheckResult(asset_key="figures", check_name=FOREIGN_KEYS_CHECK, passed=True)


@dg.multi_asset_check(
    specs=[
        *(dg.AssetCheckSpec(schema_check_name(t), asset=t, blocking=True,
                            additional_deps=["parsed_bulletins"],
                            description=f"pandera validation of {t} against schemas/{t}.schema.json: the "
                                        "rows of bulletins not validated before, and unique keys on all rows")
          for t in TABLES),
        dg.AssetCheckSpec(OFFSETS_CHECK, asset="figures", blocking=True,
                          additional_deps=["cases", "bulletins", "parsed_bulletins"],
                          description="Every figure's mention stands at its offsets in its case body or "
                                      "preface (the figures of bulletins not checked before)"),
        dg.AssetCheckSpec(FOREIGN_KEYS_CHECK, asset="figures", blocking=True,
                          additional_deps=["cases", "bulletins"],
                          description="Every foreign key of cases and figures resolves"),
    ],
    ins={"bulletins": dg.AssetIn("bulletins"), "cases": dg.AssetIn("cases"), "figures": dg.AssetIn("figures"),
         "parsed_bulletins": dg.AssetIn("parsed_bulletins")},
)
def table_checks(bulletins: pd.DataFrame, cases: pd.DataFrame, figures: pd.DataFrame, parsed_bulletins,
                 paths: PathsResource) -> Iterator[dg.AssetCheckResult]:
    keys = parsed_bulletins.keys
    frames = {"bulletins": bulletins, "cases": cases, "figures": figures}
    for table in TABLES:
        yield matches_schema(table, frames[table], keys, paths.out)
    yield mentions_at_offsets(figures, cases, bulletins, keys, paths.out)
    yield foreign_keys_resolve(figures, cases, bulletins)


def all_checks() -> list[dg.AssetChecksDefinition]:
    return [table_checks]
