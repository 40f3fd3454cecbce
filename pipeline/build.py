"""Running the whole asset graph headless, as ``acftu build`` does: every bulletin partition, then
the tables, their checks, the database and the release, in one process.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import dagster as dg

from pipeline.definitions import Pipeline, build_pipeline
from pipeline.interrupts import stop_on_interrupt
from pipeline.paths import display_path
from pipeline.release.publish import STAGING_PREFIX, build_lock, remove_stale_staging
from pipeline.sources import RawSourceError, check_unique_ids, discover_bulletin_ids

PER_BULLETIN = ("raw_bulletins", "parsed_bulletins")
# Dagster's own log would repeat every failure with its stack; the user reads our one-line message.
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
QUARANTINE_FILE = "quarantine.csv"
_CLASS_PREFIX = re.compile(r"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Failed): ")


class BuildFailed(RuntimeError):
    """A build did not publish; the message is what the user needs to read."""


def _root_message(error) -> str:
    """The innermost user error of a Dagster failure (our errors carry file, line and advice)."""
    messages = []
    while error is not None:
        messages.append((error.cls_name, error.message.strip()))
        error = error.cause
    for cls_name, message in reversed(messages):
        if cls_name and not cls_name.startswith("Dagster"):
            return _CLASS_PREFIX.sub("", message.splitlines()[-1]) if message else cls_name
    return messages[-1][1].splitlines()[0] if messages else "unknown error"


def _failure_report(result: dg.ExecuteInProcessResult) -> str:
    lines = []
    for check in result.get_asset_check_evaluations():
        if not check.passed:
            failures = check.metadata.get("failures")
            detail = f"\n{failures.value}" if failures is not None else ""
            lines.append(f"check {check.check_name} failed on {check.asset_key.to_user_string()}{detail}")
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            if error is not None and error.cls_name != "DagsterAssetCheckFailedError":
                lines.append(_root_message(error))
    return "\n".join(dict.fromkeys(lines)) or "the build failed"


def _run(p: Pipeline, selection: Iterable[str], instance: dg.DagsterInstance,
         partition_key: str | None = None) -> None:
    result = dg.materialize(
        [*p.assets, *p.checks], selection=list(selection), partition_key=partition_key,
        instance=instance, resources=p.resources, raise_on_error=False, run_config=QUIET)
    if not result.success:
        raise BuildFailed(_failure_report(result))


def write_quarantine(out_dir: Path, skipped: list[tuple[str, str, str]]) -> Path:
    """``out_dir/quarantine.csv``: each skipped bulletin, its raw path and why (written aside, renamed)."""
    target = Path(out_dir) / QUARANTINE_FILE
    tmp = target.with_name(f".{QUARANTINE_FILE}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["bulletin_id", "raw_path", "error"])
        w.writerows(skipped)
    os.replace(tmp, target)
    return target


@stop_on_interrupt()  # Ctrl-C stops the build with nothing published (see pipeline/interrupts.py)
def build_release(raw_dir: Path, out_dir: Path, database: Path | None = None, *,
                  skip_invalid: bool = False) -> Path:
    """Build and publish a release from ``raw_dir`` into ``out_dir``; raise BuildFailed otherwise.

    By default one bad bulletin stops the build. With ``skip_invalid`` the others are published and
    ``out_dir/quarantine.csv`` lists each skipped bulletin and why. Returns the release folder.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        ids = discover_bulletin_ids(raw_dir)
        check_unique_ids(Path(raw_dir), ids)
    except RawSourceError as e:
        raise BuildFailed(str(e)) from None
    if not ids:
        raise BuildFailed(f"{raw_dir}: no bulletin folders found. Add raw/<bulletin_id>/bulletin.txt "
                          "and bulletin.yaml")
    skipped: list[tuple[str, str, str]] = []
    with build_lock(out_dir):
        remove_stale_staging(out_dir)
        io_dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}io-", dir=out_dir))
        try:
            p = build_pipeline(raw_dir, out_dir, database=database, io_dir=io_dir, bulletin_ids=ids)
            with dg.DagsterInstance.ephemeral() as instance:
                valid = []
                for key in ids:
                    try:
                        _run(p, PER_BULLETIN, instance, partition_key=key)
                    except BuildFailed as e:
                        if not skip_invalid:
                            raise
                        skipped.append((key, str(Path(raw_dir) / key / "bulletin.txt"), str(e)))
                        continue
                    valid.append(key)
                if not valid:
                    raise BuildFailed(f"{raw_dir}: every bulletin is invalid; nothing was published:\n"
                                      + "\n".join(e for _, _, e in skipped))
                if skipped:
                    p = build_pipeline(raw_dir, out_dir, database=database, io_dir=io_dir, bulletin_ids=valid)
                downstream = [a.key.to_user_string() for a in p.assets
                              if a.key.to_user_string() not in PER_BULLETIN]
                _run(p, downstream, instance)
        finally:
            shutil.rmtree(io_dir, ignore_errors=True)
        if skip_invalid:
            listed = write_quarantine(out_dir, skipped)
            for key, raw_path, error in skipped:
                print(f"skipped {key} ({display_path(raw_path)}): {error.splitlines()[0]}", file=sys.stderr)
            print(f"{len(skipped)} bulletin(s) skipped; quarantine list: {display_path(listed)}",
                  file=sys.stderr)
        else:
            # NOTE: a quarantine list from an earlier --skip-invalid build no longer describes the
            # published release.
            (out_dir / QUARANTINE_FILE).unlink(missing_ok=True)
    latest = (out_dir / "releases" / "latest").read_text(encoding="utf-8").strip()
    return out_dir / "releases" / latest
