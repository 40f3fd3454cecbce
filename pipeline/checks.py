"""Blocking asset checks: one pandera check per published table, made from its Table Schema,
plus hand-written checks for what types cannot say (offsets into the text, cross-table keys).

A failed check blocks everything downstream, so nothing is written to the database or published.
"""

# No `from __future__ import annotations`: Dagster reads the context annotations at runtime.
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


def _failed(description: str, failures: pd.DataFrame | str) -> dg.AssetCheckResult:
    text = failures if isinstance(failures, str) else failures.head(MAX_ROWS_SHOWN).to_string(index=False)
    return dg.AssetCheckResult(passed=False, description=description,
                               metadata={"failures": dg.MetadataValue.md(f"```\n{text}\n```")})


def asset_check_from_schema(table: str) -> dg.AssetChecksDefinition:
    """A blocking check that validates the ``table`` asset against ``schemas/<table>.schema.json``."""

    @dg.asset_check(asset=table, name=f"{table}_matches_schema", blocking=True,
                    additional_ins={"parsed_bulletins": dg.AssetIn("parsed_bulletins")},
                    description=f"pandera validation of {table} against schemas/{table}.schema.json: "
                                "the rows of bulletins not validated before, and unique keys on all rows")
    def _check(asset_value: pd.DataFrame, parsed_bulletins, paths: PathsResource) -> dg.AssetCheckResult:
        # NOTE: a cached bulletin's rows passed this check in the build that parsed them, under the
        # same parser and schema (incremental.mark_validated); only the others are checked row by
        # row, while unique keys span bulletins and are checked on the whole table.
        keys = parsed_bulletins.keys
        done = set(keys) - incremental.unvalidated(paths.out, table, keys)
        # Every row not of a validated bulletin is checked (a row naming no known bulletin too).
        rows = ~asset_value["bulletin_id"].isin(done) if "bulletin_id" in asset_value else None
        try:
            validate_table(table, asset_value, rows)
        except TableValidationError as e:
            return _failed(f"{table} breaks its schema", str(e))
        incremental.mark_validated(paths.out, table, keys)
        checked = len(asset_value) if rows is None else int(rows.sum())
        return dg.AssetCheckResult(passed=True, metadata={"rows": len(asset_value), "rows_checked": checked})

    return _check


OFFSETS = "figures_offsets"  # the record of validated bulletins (incremental.mark_validated)
OFFSET_COLUMNS = ["figure_id", "case_id", "bulletin_id", "start", "end", "mention"]


@dg.asset_check(asset="figures", blocking=True,
                additional_ins={"cases": dg.AssetIn("cases"), "bulletins": dg.AssetIn("bulletins"),
                                "parsed_bulletins": dg.AssetIn("parsed_bulletins")},
                description="Every figure's mention stands at its offsets in its case body or preface "
                            "(the figures of bulletins not checked before)")
def figures_mentions_at_offsets(figures: pd.DataFrame, cases: pd.DataFrame, bulletins: pd.DataFrame,
                                parsed_bulletins, paths: PathsResource) -> dg.AssetCheckResult:
    # NOTE: a figure's mention is compared with its own bulletin's case body or preface, rows made
    # with it under the same key; case ids are unique across the table (the cases schema check,
    # on every row), so a cached bulletin whose figures passed keeps passing and only the others
    # are checked, as for the schema checks.
    keys = parsed_bulletins.keys
    done = set(keys) - incremental.unvalidated(paths.out, OFFSETS, keys)
    rows = ~figures["bulletin_id"].isin(done)
    bad = check_mention_offsets(figures.loc[rows, OFFSET_COLUMNS], cases, bulletins)
    if len(bad):
        return _failed(f"{len(bad)} figures are not at their offsets", bad)
    incremental.mark_validated(paths.out, OFFSETS, keys)
    return dg.AssetCheckResult(passed=True, metadata={"figures": len(figures),
                                                      "figures_checked": int(rows.sum())})


@dg.asset_check(asset="figures", blocking=True,
                additional_ins={"cases": dg.AssetIn("cases"), "bulletins": dg.AssetIn("bulletins")},
                description="Every foreign key of cases and figures resolves")
def foreign_keys_resolve(figures: pd.DataFrame, cases: pd.DataFrame,
                         bulletins: pd.DataFrame) -> dg.AssetCheckResult:
    bad = check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures)
    if len(bad):
        return _failed(f"{len(bad)} rows have unresolved foreign keys", bad)
    return dg.AssetCheckResult(passed=True)


def all_checks() -> list[dg.AssetChecksDefinition]:
    return [*(asset_check_from_schema(t) for t in TABLES), figures_mentions_at_offsets, foreign_keys_resolve]
