"""A dataset version and the date it was cut (not the time of a build).

Versions are not kept by hand: the build compares its tables with the latest release and picks
the next number (``pipeline/release/versioning.py``); the date is stored in that release.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import DEFAULT_OUT


@dataclass(frozen=True)
class DatasetVersion:
    version: str
    created: str

    @property
    def folder(self) -> str:
        return f"v{self.version}"


def current_version(out_dir: Path = DEFAULT_OUT) -> DatasetVersion | None:
    """The latest published release of ``out_dir`` (None when nothing was published)."""
    from pipeline.release.versioning import latest_release

    latest = latest_release(out_dir)
    if latest is None:
        return None
    descriptor = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    return DatasetVersion(str(descriptor["version"]), str(descriptor["created"])[:10])
