"""The Dagster Definitions: built by a function so tests and the command line can swap paths.

``dagster dev -m pipeline.definitions`` (``make ui``) loads ``defs``, which reads ``raw/`` and writes
``outputs/`` of this repository; ``build_definitions(raw_dir=..., out_dir=...)`` points elsewhere.
The command line runs the very same assets (``pipeline/build.py``) on the same instance, so a run
from the UI publishes exactly as ``acftu build`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipeline.assets import build_assets
from pipeline.checks import all_checks
from pipeline.incremental import BulletinKey
from pipeline.paths import DEFAULT_OUT, DEFAULT_RAW, REPO_ROOT
from pipeline.release.publish import DATABASE_FILE
from pipeline.resources import BuildOptions, DuckDBResource, PathsResource, RunMemoFilesystemIOManager


@dataclass(frozen=True)
class Pipeline:
    """The pieces of the Definitions, for callers that run them with ``dg.materialize``."""

    assets: list[dg.AssetsDefinition]
    checks: list[dg.AssetChecksDefinition]
    resources: dict[str, object]


def build_pipeline(
    raw_dir: Path = DEFAULT_RAW,
    out_dir: Path = DEFAULT_OUT,
    database: Path | None = None,
    io_dir: Path | None = None,
    bulletin_keys: dict[str, BulletinKey] | None = None,
    skip_invalid: bool = False,
) -> Pipeline:
    """Assets, checks and resources reading ``raw_dir`` and publishing into ``out_dir``."""
    raw_dir, out_dir = Path(raw_dir).resolve(), Path(out_dir).resolve()
    database = Path(database) if database else out_dir / DATABASE_FILE
    io_dir = Path(io_dir) if io_dir else out_dir / ".dagster" / "storage"
    return Pipeline(
        assets=build_assets(bulletin_keys),
        checks=all_checks(),
        resources={
            "paths": PathsResource(
                raw_dir=str(raw_dir), out_dir=str(out_dir),
                package_root=str(REPO_ROOT) if out_dir == DEFAULT_OUT.resolve() else None),
            "database": DuckDBResource(path=str(database)),
            "options": BuildOptions(skip_invalid=skip_invalid),
            "io_manager": RunMemoFilesystemIOManager(base_dir=str(io_dir)),
        },
    )


def build_definitions(
    raw_dir: Path = DEFAULT_RAW,
    out_dir: Path = DEFAULT_OUT,
    database: Path | None = None,
    io_dir: Path | None = None,
) -> dg.Definitions:
    """Definitions reading ``raw_dir`` and publishing into ``out_dir`` (database at ``database``).

    NOTE: the in-process executor runs the whole graph in one process, as the command line does;
    the parse stage spreads its bulletins over worker processes itself.
    """
    p = build_pipeline(raw_dir, out_dir, database, io_dir)
    return dg.Definitions(assets=p.assets, asset_checks=p.checks, resources=p.resources,
                          executor=dg.in_process_executor)


defs = build_definitions() if DEFAULT_RAW.is_dir() else dg.Definitions()
