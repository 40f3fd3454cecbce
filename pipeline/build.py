"""Running the whole asset graph headless, as ``acftu build`` does: every bulletin partition, then
the tables, their checks, the database and the release, in one process.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import dagster as dg

from pipeline.definitions import Pipeline, build_pipeline
from pipeline.release.publish import STAGING_PREFIX, build_lock, remove_stale_staging

PER_BULLETIN = ("raw_bulletins", "parsed_bulletins")
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


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
            return message.splitlines()[-1] if message else cls_name
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


def build_release(raw_dir: Path, out_dir: Path, database: Path | None = None) -> Path:
    """Build and publish a release from ``raw_dir`` into ``out_dir``; raise BuildFailed otherwise.

    Returns the published release folder.
    """
    out_dir = Path(out_dir)
    with build_lock(out_dir):
        remove_stale_staging(out_dir)
        io_dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}io-", dir=out_dir))
        try:
            p = build_pipeline(raw_dir, out_dir, database=database, io_dir=io_dir)
            keys = p.partitions.get_partition_keys()
            if not keys:
                raise BuildFailed(f"{raw_dir}: no bulletin folders found. Add raw/<bulletin_id>/bulletin.txt "
                                  "and bulletin.yaml")
            with dg.DagsterInstance.ephemeral() as instance:
                for key in keys:
                    _run(p, PER_BULLETIN, instance, partition_key=key)
                downstream = [a.key.to_user_string() for a in p.assets
                              if a.key.to_user_string() not in PER_BULLETIN]
                _run(p, downstream, instance)
        finally:
            shutil.rmtree(io_dir, ignore_errors=True)
    latest = (out_dir / "releases" / "latest").read_text(encoding="utf-8").strip()
    return out_dir / "releases" / latest
