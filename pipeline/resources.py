"""Dagster resources: where raw bulletins are read from and where outputs are written."""

from __future__ import annotations

from pathlib import Path

import dagster as dg


class PathsResource(dg.ConfigurableResource):
    """The raw folder and the output folder of a build."""

    raw_dir: str
    out_dir: str
    # Where the top-level datapackage.json describing the latest release is written, if anywhere.
    package_root: str | None = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def out(self) -> Path:
        return Path(self.out_dir)


class DuckDBResource(dg.ConfigurableResource):
    """The analysts' database file, published by replacing it whole."""

    path: str

    @property
    def database(self) -> Path:
        return Path(self.path)


class BuildOptions(dg.ConfigurableResource):
    """How a build treats bad bulletins: stop (default) or skip them into quarantine.csv."""

    skip_invalid: bool = False
