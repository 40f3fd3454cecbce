"""Dagster assets. Each is a thin wrapper around a plain, tested function; names say the stage.

raw_bulletins (one partition per bulletin) → parsed_bulletins → bulletins, cases, figures
(the published tables, checked) → duckdb_database → csv_release (published atomically).
"""

# No `from __future__ import annotations`: Dagster reads the context annotations at runtime.
import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pandas as pd

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.metadata.tables import TABLES
from pipeline.release.package import validate_release, write_release, write_root_descriptor
from pipeline.release.publish import DATABASE_FILE, PublishError, publish, staging_dir
from pipeline.release.version import current_version
from pipeline.resources import DuckDBResource, PathsResource
from pipeline.sources import BulletinSnapshot, load_snapshot
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL
from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin
from pipeline.tables.combine import combine_table


@contextmanager
def _output_errors(folder: Path) -> Iterator[None]:
    """A failed write (full disk, read-only folder) as one clear message; nothing is published."""
    try:
        yield
    except OSError as e:
        why = "the disk is full" if e.errno == errno.ENOSPC else (e.strerror or str(e))
        raise PublishError(f"{folder}: cannot write the build ({why}). Free space or fix the output "
                           "folder's permissions, then run again; the previous release is unchanged"
                           ) from None


def build_assets(partitions: dg.PartitionsDefinition) -> list[dg.AssetsDefinition]:
    """The asset graph over ``partitions`` (one key per bulletin_id)."""

    @dg.asset(partitions_def=partitions, group_name="raw",
              description="A raw bulletin snapshot, its bytes verified against bulletin.yaml's sha256")
    def raw_bulletins(context: dg.AssetExecutionContext, paths: PathsResource) -> BulletinSnapshot:
        snapshot = load_snapshot(paths.raw, context.partition_key)
        context.add_output_metadata({"sha256": snapshot.raw_sha256, "bytes": snapshot.raw_bytes,
                                     "encoding": snapshot.encoding})
        return snapshot

    @dg.asset(partitions_def=partitions, group_name="parse",
              description="One bulletin's rows of every table: layout repaired, segmented, figures found")
    def parsed_bulletins(context: dg.AssetExecutionContext,
                         raw_bulletins: BulletinSnapshot) -> dict[str, pd.DataFrame]:
        parsed = parse_bulletin(raw_bulletins)
        bulletins = bulletins_frame(parsed)
        cases = cases_frame(parsed)
        figures = figures_frame(bulletins, cases)
        context.add_output_metadata({"cases": len(cases), "figures": len(figures)})
        return {"bulletins": bulletins, "cases": cases, "figures": figures}

    def table_asset(name: str) -> dg.AssetsDefinition:
        @dg.asset(name=name, group_name="tables", description=f"The published {name} table, all bulletins",
                  ins={"parsed_bulletins": dg.AssetIn(partition_mapping=dg.AllPartitionMapping())})
        def _table(context: dg.AssetExecutionContext, parsed_bulletins: dict) -> pd.DataFrame:
            keys = context.asset_partition_keys_for_input("parsed_bulletins")
            if len(keys) == 1 and set(parsed_bulletins) != set(keys):
                # The filesystem IO manager hands over a lone partition's value unwrapped.
                parsed_bulletins = {keys[0]: parsed_bulletins}
            return combine_table(name, [parsed_bulletins[k][name] for k in sorted(parsed_bulletins)])

        return _table

    @dg.asset(group_name="outputs", deps=list(TABLES),
              description="The analysts' DuckDB database, built in the run's staging folder")
    def duckdb_database(context: dg.AssetExecutionContext, paths: PathsResource, bulletins: pd.DataFrame,
                        cases: pd.DataFrame, figures: pd.DataFrame) -> str:
        staging = staging_dir(paths.out, context.run.run_id)
        db = staging / DATABASE_FILE
        with _output_errors(staging):
            db.unlink(missing_ok=True)
            write_database(db, {"bulletins": bulletins, "cases": cases, "figures": figures}, duckdb_ddl(),
                           views=VIEWS_SQL)
        return str(staging)

    @dg.asset(group_name="outputs",
              description="The versioned CSV release and data package, published with the database")
    def csv_release(context: dg.AssetExecutionContext, paths: PathsResource, database: DuckDBResource,
                    duckdb_database: str, bulletins: pd.DataFrame, cases: pd.DataFrame,
                    figures: pd.DataFrame) -> str:
        version = current_version()
        staging = staging_dir(paths.out, context.run.run_id)
        with _output_errors(staging):
            descriptor = write_release(staging / version.folder,
                                       {"bulletins": bulletins, "cases": cases, "figures": figures}, version)
        validate_release(descriptor)
        target = publish(staging, paths.out, version.folder, database.database)
        if paths.package_root:
            write_root_descriptor(target, Path(paths.package_root))
        context.add_output_metadata({"release": str(target), "version": version.version})
        return str(target)

    return [raw_bulletins, parsed_bulletins, *(table_asset(t) for t in TABLES), duckdb_database, csv_release]
