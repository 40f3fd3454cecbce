"""Dagster assets, one per stage over the whole set of bulletins, so a build is one run.

raw_bulletins (each bulletin's content key) → parsed_bulletins (only new or changed bulletins are
parsed; the others come from the content cache) → bulletins, cases, figures (the published
tables, checked) → release_plan (compared with the latest release: the next version, or none) →
duckdb_database → csv_release (published atomically, or "up to date").
"""

# No `from __future__ import annotations`: Dagster reads the context annotations at runtime.
import errno
import gc
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import pandas as pd

from pipeline import incremental
from pipeline.metadata.ddl import duckdb_ddl
from pipeline.metadata.tables import TABLES
from pipeline.parsing import parse_stale, take_rows
from pipeline.release.changelog import add_entry, changelog_entry
from pipeline.release.package import (
    finish_release,
    prestart,
    prestarted,
    release_memory,
    release_writers,
    tables_package,
    validate_release,
    write_root_descriptor,
    write_tables,
)
from pipeline.release.parquetfiles import write_parquet
from pipeline.release.publish import DATABASE_FILE, PublishError, publish, staging_dir
from pipeline.release.version import DatasetVersion
from pipeline.release.versioning import latest_release, plan_release, release_date
from pipeline.resources import BuildOptions, DuckDBResource, PathsResource
from pipeline.store import write_database_from_parquet
from pipeline.store.hive import drop_partitions, write_partition, write_partition_files
from pipeline.store.views import VIEWS_SQL
from pipeline.text.errors import BulletinFormatError

QUARANTINE_FILE = "quarantine.csv"
# One group: the UI opens on the whole chain, raw → parsed → tables → database → release, left to right
# (separate groups show as collapsed boxes).
GROUP = "acftu"
CANDIDATE = "candidate"
# Figures to check from which the release's writers start with the tables, before the checks.
PRESTART_ROWS = 20_000


class InvalidBulletins(BulletinFormatError):
    """One or more bulletins cannot be read; the message has one line per bulletin."""

    def __init__(self, lines: list[str]):
        ValueError.__init__(self, "\n".join(lines))
        self.path, self.line, self.reason, self.hint = "", None, "\n".join(lines), ""


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


@dataclass
class ParsedCorpus:
    """Which bulletins are in the build (their cache keys), which were skipped and why, and counts."""

    keys: dict[str, incremental.BulletinKey]
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    reused: int = 0
    parsed: int = 0
    fresh: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.reused} bulletins reused, {self.parsed} parsed, {len(self.skipped)} skipped"


def build_assets(bulletin_keys: dict[str, incremental.BulletinKey] | None = None,
                 ) -> list[dg.AssetsDefinition]:
    """The asset graph; ``bulletin_keys`` gives the bulletins read and their content keys (default:
    every raw folder, checked for unique ids and hashed here; given keys must come from bulletins
    checked with ``check_unique_ids``)."""

    @dg.asset(group_name=GROUP, code_version="1",
              description="Every raw bulletin's content key: sha256 of its text and metadata, parser version")
    def raw_bulletins(context: dg.AssetExecutionContext, paths: PathsResource) -> dict:
        from pipeline.sources import check_unique_ids, discover_bulletin_ids

        if bulletin_keys is None:
            ids = discover_bulletin_ids(paths.raw)
            known = incremental.read_declared(paths.out)
            declared = check_unique_ids(paths.raw, ids, known)
            if declared != known:
                with _output_errors(paths.out):
                    incremental.write_declared(paths.out, declared)
            keys = {bid: incremental.bulletin_key(paths.raw, bid) for bid in ids}
        else:
            # NOTE: given by build_release, which checked the folders and hashed every file for the
            # corpus fingerprint just before; they are not read twice.
            keys = dict(bulletin_keys)
        if not keys:
            raise BulletinFormatError("no bulletin folders found", path=str(paths.raw),
                                      hint="Add raw/<bulletin_id>/bulletin.txt and bulletin.yaml")
        context.add_output_metadata({"bulletins": len(keys),
                                     "parser_version": incremental.PARSE_CODE_VERSION})
        return keys

    @dg.asset(group_name=GROUP, code_version=incremental.PARSE_CODE_VERSION,
              description="Each bulletin parsed, or reused from the content cache when its bytes, "
                          "metadata and the parser's code are unchanged")
    def parsed_bulletins(context: dg.AssetExecutionContext, paths: PathsResource, options: BuildOptions,
                         raw_bulletins: dict) -> ParsedCorpus:
        out = paths.out
        # The code version is read at run time, so a changed parser (or a test) re-parses all.
        keys = {bid: incremental.BulletinKey(k.bulletin_id, k.text_sha256, k.meta_sha256,
                                             incremental.PARSE_CODE_VERSION)
                for bid, k in raw_bulletins.items()}
        with _output_errors(out):
            # NOTE: acftu build may have started parsing the stale bulletins before Dagster loaded
            # (pipeline/parsing.py); their results are collected here, the rest parsed now.
            stale, errors = parse_stale(paths.raw, out, keys)
            incremental.drop_stale_cache(out, set(keys))
        bad = {bid: e for bid, e in errors.items() if e}
        corpus = ParsedCorpus({b: k for b, k in keys.items() if b not in bad},
                              [(b, str(paths.raw / b / "bulletin.txt"), e) for b, e in sorted(bad.items())],
                              reused=len(keys) - len(stale), parsed=len(stale) - len(bad),
                              fresh=[k.bulletin_id for k in stale if k.bulletin_id not in bad])
        if bad and not options.skip_invalid:
            raise InvalidBulletins([bad[b] for b in sorted(bad)])
        if not corpus.keys:
            raise InvalidBulletins([f"{paths.raw}: every bulletin is invalid; nothing was published:",
                                    *(bad[b] for b in sorted(bad))])
        context.add_output_metadata({"reused": corpus.reused, "parsed": corpus.parsed,
                                     "skipped": len(corpus.skipped), "summary": corpus.summary()})
        return corpus

    @dg.multi_asset(group_name=GROUP,
                    outs={t: dg.AssetOut(description=f"The published {t} table") for t in TABLES})
    def tables(context: dg.AssetExecutionContext, paths: PathsResource, parsed_bulletins: ParsedCorpus):
        try:
            with _output_errors(paths.out):  # the combined tables are kept for the next build
                # NOTE: the rows parsed in this run's workers come joined in batches (take_rows);
                # the others, from the last build's tables or their bulletin's cache.
                frames = incremental.combine_tables(paths.out, parsed_bulletins.keys, take_rows(paths.out))
        except incremental.MissingRows as e:
            incremental.drop_cached(paths.out, e.bulletin_id)  # so the next build parses it again
            raise PublishError(f"{paths.out / incremental.CACHE_DIR}: the parsed rows of {e.bulletin_id} "
                               "vanished or could not be read during the build; run it again") from None
        # NOTE: when the checks have many rows to validate (some 2–3 s of one core on 1,000 new
        # bulletins), the release's writers start now, on the core the checks leave idle;
        # release_plan takes them (the very same frames), or they are stopped when the run ends.
        # A build that checks a few new bulletins starts them in release_plan.
        unchecked = incremental.unvalidated(paths.out, "figures", parsed_bulletins.keys)
        if int(frames["figures"]["bulletin_id"].isin(unchecked).sum()) >= PRESTART_ROWS:
            staging = staging_dir(paths.out, context.run.run_id)
            with _output_errors(staging):
                _fresh_candidate(staging)
                prestart(staging / CANDIDATE, frames, database=staging / DATABASE_FILE)
        for t in TABLES:
            frame = frames[t]
            yield dg.Output(frame, output_name=t, metadata={"rows": len(frame)})

    @dg.asset(group_name=GROUP, code_version="1",
              description="The tables written as a release and compared with the latest one: the next "
                          "version by the rules of RELEASING.md, or none when nothing changed")
    def release_plan(context: dg.AssetExecutionContext, paths: PathsResource, database: DuckDBResource,
                     bulletins: pd.DataFrame,
                     cases: pd.DataFrame, figures: pd.DataFrame) -> dict:
        staging = staging_dir(paths.out, context.run.run_id)
        candidate = staging / CANDIDATE
        frames = {"bulletins": bulletins, "cases": cases, "figures": figures}
        if not prestarted(candidate, frames, database=staging / DATABASE_FILE):
            _fresh_candidate(staging)
        created = release_date()
        release_memory()  # what the steps before freed (NOTE in pipeline/release/package.py)
        # NOTE: the tables' object columns (decimals, dates) and everything else alive now stay to
        # the end of the run; frozen, the collector's full passes no longer walk them while the
        # release makes millions of short-lived strings (they took ~1.5 s of a 1,000-bulletin build).
        # Everything frozen is unfrozen when the step ends (what acftu build froze before the run
        # too: the steps after this one are short).
        gc.freeze()
        try:
            return _plan_and_write(context, paths, database, frames, staging, candidate, created)
        finally:
            gc.unfreeze()

    @dg.asset(group_name=GROUP, deps=list(TABLES),
              description="The analysts' DuckDB database, built in the run's staging folder when the "
                          "release changes (or the database is missing)")
    def duckdb_database(context: dg.AssetExecutionContext, database: DuckDBResource,
                        release_plan: dict) -> str:
        staging = Path(release_plan["staging"])
        if release_plan["version"] is None and database.database.exists():
            return ""
        db = staging / DATABASE_FILE
        if release_plan["version"] is not None and db.exists():
            return str(db)  # made with the release's Parquet files (finish_release)
        # NOTE: loaded from the candidate release's Parquet files (checked tables, written once), in
        # one INSERT … SELECT per table: the database holds exactly the rows the release publishes.
        candidate = staging / CANDIDATE
        with _output_errors(staging):
            db.unlink(missing_ok=True)
            write_database_from_parquet(db, {t: candidate / f"{t}.parquet" for t in TABLES}, duckdb_ddl(),
                                        views=VIEWS_SQL)
        return str(db)

    @dg.asset(group_name=GROUP,
              description="The versioned CSV/Parquet release and data package, published with the database; "
                          "nothing when the tables equal the latest release")
    def csv_release(context: dg.AssetExecutionContext, paths: PathsResource, database: DuckDBResource,
                    release_plan: dict, duckdb_database: str, parsed_bulletins: ParsedCorpus) -> dict:
        staging = Path(release_plan["staging"])
        version = release_plan["version"]
        try:
            if version is None:
                if duckdb_database:
                    os.replace(duckdb_database, database.database)
                target, published = latest_release(paths.out), False
            else:
                folder = staging / f"v{version}"
                with _output_errors(staging):
                    os.rename(staging / CANDIDATE, folder)
                # NOTE: the candidate's tables were validated by Frictionless as it was written
                # (finish_release); here every file is checked against the descriptor.
                validate_release(folder / "datapackage.json", tables_validated=True)
                target, published = publish(staging, paths.out, folder.name, database.database), True
                root = Path(paths.package_root) if paths.package_root else paths.out
                if paths.package_root:
                    write_root_descriptor(target, root)
                add_entry(root / "CHANGELOG.md", release_plan["entry"])
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _write_quarantine(paths.out, parsed_bulletins.skipped)
        _write_partitions(paths.out, parsed_bulletins)
        result = {"release": str(target), "version": target.name, "published": published,
                  "summary": parsed_bulletins.summary()}
        context.add_output_metadata({**result, "up_to_date": not published})
        return result

    return [raw_bulletins, parsed_bulletins, tables, release_plan, duckdb_database, csv_release]


def _plan_and_write(context: dg.AssetExecutionContext, paths: PathsResource, database: DuckDBResource,
                    frames: dict, staging: Path, candidate: Path, created: str) -> dict:
    """release_plan's work: the tables written and compared with the latest release, and the rest
    of the release written when there is a version to publish."""
    # NOTE: the writers of the workbook and the Parquet files start before the comparison (they
    # need the rows, not the version) and the tables' validation once the CSV files exist; when
    # nothing is to be published they are stopped and what they made is dropped.
    with _output_errors(staging), release_writers(candidate, frames,
                                                  database=staging / DATABASE_FILE) as writers:
        tables = write_tables(candidate, frames)
        if writers is not None:
            writers.validate(tables_package(tables, frames))
        plan = plan_release(paths.out, candidate)
        release_memory()
        if plan.version:
            # NOTE: the rest of the release is written once its version is known, so README,
            # CITATION.cff, the site and the workbook name the version and date it is published as.
            finish_release(candidate, frames, tables, DatasetVersion(plan.version, created),
                           validate_tables=True, previous=latest_release(paths.out),
                           database=staging / DATABASE_FILE, writers=writers)
        else:
            if writers is not None:
                writers.cancel()
            if not database.database.exists():  # the database is made from the candidate's Parquet
                for t, frame in frames.items():
                    write_parquet(t, frame, candidate / f"{t}.parquet")
    summary = [line for c in plan.changes for line in c.lines()]
    context.add_output_metadata({"previous": plan.previous or "none",
                                 "next": plan.version or "up to date",
                                 "bump": plan.bump or "none", "changes": "\n".join(summary) or "none"})
    return {"staging": str(staging), "version": plan.version, "previous": plan.previous,
            "entry": changelog_entry(plan, created) if plan.version else None,
            "created": created}


def _fresh_candidate(staging: Path) -> None:
    """No candidate release nor database in ``staging`` (left by an earlier attempt of the run)."""
    shutil.rmtree(staging / CANDIDATE, ignore_errors=True)
    (staging / DATABASE_FILE).unlink(missing_ok=True)


def _write_partitions(out_dir: Path, corpus: ParsedCorpus) -> None:
    """The hive-partitioned Parquet of every bulletin parsed in this run (and of any missing one).

    NOTE: written only after the checks passed and the release was decided, so the partitions
    never hold rows a check refused.
    """
    from pipeline.store.hive import partition_dir

    fresh = set(corpus.fresh)
    with _output_errors(out_dir):
        for bid, key in corpus.keys.items():
            if bid in fresh or not (partition_dir(out_dir, "bulletins", bid) / "part-0.parquet").exists():
                files = incremental.load_cached_files(out_dir, key)
                if files:
                    write_partition_files(out_dir, bid, files)
                elif (frames := incremental.load_cached(out_dir, key)) is not None:
                    write_partition(out_dir, bid, frames)
        drop_partitions(out_dir, set(corpus.keys))


def _write_quarantine(out_dir: Path, skipped: list[tuple[str, str, str]]) -> None:
    """``out_dir/quarantine.csv`` lists each skipped bulletin; removed when none was skipped.

    NOTE: a quarantine list from an earlier --skip-invalid build no longer describes the release.
    """
    import csv

    target = Path(out_dir) / QUARANTINE_FILE
    if not skipped:
        target.unlink(missing_ok=True)
        return
    tmp = target.with_name(f".{QUARANTINE_FILE}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["bulletin_id", "raw_path", "error"])
        w.writerows(skipped)
    os.replace(tmp, target)
