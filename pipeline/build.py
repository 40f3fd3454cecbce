"""Running the whole asset graph headless, as ``acftu build`` does: one Dagster run of every asset
and check, recorded in the output folder's persistent instance (the one ``make ui`` shows).

A rebuild whose corpus fingerprint (every bulletin's bytes and metadata, the pipeline's code, the
options) equals the last successful build's, with that build's release still the latest, stops
before Dagster starts: "up to date", nothing written.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline import incremental, parsing
from pipeline.interrupts import stop_on_interrupt
from pipeline.paths import display_path
from pipeline.release.publish import build_lock, remove_stale_staging
from pipeline.sources import RawSourceError, check_unique_ids, discover_bulletin_ids

QUARANTINE_FILE = "quarantine.csv"
_CLASS_PREFIX = re.compile(r"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Failed|Bulletins): ")


class BuildFailed(RuntimeError):
    """A build did not publish; the message is what the user needs to read."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the latest release, whether it was published now, and the bulletin counts."""

    release: Path
    published: bool
    summary: str

    def __fspath__(self) -> str:
        return str(self.release)


def _root_message(error) -> str:
    """The innermost user error of a Dagster failure (our errors carry file, line and advice)."""
    messages = []
    while error is not None:
        messages.append((error.cls_name, error.message.strip()))
        error = error.cause
    for cls_name, message in reversed(messages):
        if cls_name and not cls_name.startswith("Dagster"):
            return _CLASS_PREFIX.sub("", message) if message else cls_name
    return messages[-1][1].splitlines()[0] if messages else "unknown error"


def _failure_report(result) -> str:
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


def _up_to_date(out_dir: Path, fingerprint: str) -> BuildResult | None:
    from pipeline.release.versioning import latest_release

    state = incremental.read_state(out_dir)
    latest = latest_release(out_dir)
    if (state.get("fingerprint") != fingerprint or latest is None or state.get("release") != latest.name
            or not Path(state.get("database", "")).exists()):
        return None
    skipped = int(state.get("skipped", 0))
    return BuildResult(latest, False, f"{state.get('bulletins', 0) - skipped} bulletins reused, 0 parsed, "
                                      f"{skipped} skipped")


@stop_on_interrupt()  # Ctrl-C stops the build with nothing published (see pipeline/interrupts.py)
def build_release(raw_dir: Path, out_dir: Path, database: Path | None = None, *,
                  skip_invalid: bool = False) -> BuildResult:
    """Build ``raw_dir`` into ``out_dir``: publish the next version when the tables changed.

    By default one bad bulletin stops the build (every bad bulletin is named, one line each). With
    ``skip_invalid`` the others are published and ``out_dir/quarantine.csv`` lists each skipped
    bulletin and why. Raises BuildFailed when nothing could be built.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        ids = discover_bulletin_ids(raw_dir)
        known = incremental.read_declared(out_dir)
        declared = check_unique_ids(Path(raw_dir), ids, known)
    except RawSourceError as e:
        raise BuildFailed(str(e)) from None
    if not ids:
        raise BuildFailed(f"{raw_dir}: no bulletin folders found. Add raw/<bulletin_id>/bulletin.txt "
                          "and bulletin.yaml")
    with build_lock(out_dir):
        if declared != known:
            incremental.write_declared(out_dir, declared)
        db_path = Path(database) if database else out_dir.resolve() / "acftu.duckdb"
        keys = {bid: incremental.bulletin_key(Path(raw_dir), bid) for bid in ids}
        fingerprint = incremental.corpus_fingerprint(Path(raw_dir), ids, skip_invalid, keys) + str(db_path)
        # NOTE: first, even when nothing changed: finish a publish a killed build left half done and
        # move aside a DuckDB log that does not belong to the published database.
        remove_stale_staging(out_dir)
        done = _up_to_date(out_dir, fingerprint)
        if done is not None:
            return done
        # NOTE: the bulletins missing from the cache are parsed from now on, in worker processes,
        # while Dagster loads and its run starts; the parsed_bulletins asset collects them.
        try:
            parsing.start(Path(raw_dir), out_dir,
                          [k for k in keys.values() if not incremental.is_cached(out_dir, k)])
            result = _run_graph(Path(raw_dir), out_dir, database, keys, skip_invalid)
        finally:
            from pipeline.release.package import stop_prestarted

            parsing.stop()
            stop_prestarted()  # release writers started with the tables, when a check failed
        if skip_invalid:
            _report_skipped(out_dir / QUARANTINE_FILE)
        incremental.write_state(out_dir, {"fingerprint": fingerprint, "release": result.release.name,
                                          "database": str(db_path), "bulletins": len(ids),
                                          "skipped": int(result.summary.rsplit(", ", 1)[-1].split()[0])})
    return result


def _report_skipped(listed: Path) -> None:
    """Each bulletin a --skip-invalid build left out, and where the quarantine list is (stderr)."""
    import csv
    import sys

    if not listed.exists():
        return
    with open(listed, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        print(f"skipped {row['bulletin_id']} ({display_path(row['raw_path'])}): "
              f"{row['error'].splitlines()[0]}", file=sys.stderr)
    print(f"{len(rows)} bulletin(s) skipped; quarantine list: {display_path(listed)}", file=sys.stderr)


def _run_graph(raw_dir: Path, out_dir: Path, database: Path | None,
               keys: dict[str, incremental.BulletinKey], skip_invalid: bool) -> BuildResult:
    import dagster as dg

    from pipeline.definitions import build_pipeline
    from pipeline.instance import open_instance

    p = build_pipeline(raw_dir, out_dir, database=database, bulletin_keys=keys, skip_invalid=skip_invalid)
    # NOTE: what is loaded now (the pipeline's grammars, Dagster's definitions) lives as long as the
    # build; frozen, the collector's full passes during the run do not walk it again and again.
    # Unfrozen after the run, so they are freed at exit as usual (DuckDB's bindings report objects
    # still alive at exit as leaks).
    gc.freeze()
    # Dagster's own log would repeat every failure with its stack; the user reads our one-line message.
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
    with open_instance(out_dir) as instance:
        try:
            result = dg.materialize([*p.assets, *p.checks], instance=instance, resources=p.resources,
                                    raise_on_error=False, run_config=quiet)
        finally:
            gc.unfreeze()
        if not result.success:
            raise BuildFailed(_failure_report(result))
        out = result.output_for_node("csv_release")
    return BuildResult(Path(out["release"]), bool(out["published"]), out["summary"])
