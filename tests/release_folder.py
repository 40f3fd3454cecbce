"""One release folder written from the repository's bulletin, shared by the release and site tests."""

from __future__ import annotations

from pathlib import Path

from pipeline.release.package import write_release
from pipeline.release.version import DatasetVersion

VERSION = DatasetVersion("9.9.9", "2026-12-01")
_cache: dict[str, Path] = {}


def written_release(frames, base: Path) -> tuple[Path, dict]:
    """Write (once per session) a release of ``frames`` = (bulletins, cases, figures) below ``base``."""
    b, c, f = frames
    tables = {"bulletins": b, "cases": c, "figures": f}
    if "folder" not in _cache:
        folder = Path(base) / f"v{VERSION.version}"
        write_release(folder, tables, VERSION)
        _cache["folder"] = folder
    return _cache["folder"], tables
