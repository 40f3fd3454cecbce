"""Writing one release folder: a CSV per table and a ``datapackage.json`` with sizes and hashes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from pipeline.metadata.datapackage import package_descriptor, resource_descriptor
from pipeline.release.csvfiles import write_csv
from pipeline.release.parquetfiles import write_parquet
from pipeline.release.version import DatasetVersion


class ReleaseValidationError(RuntimeError):
    """The written release does not validate as a Frictionless data package."""


def _hash_resource(descriptor: dict, path: Path) -> dict:
    data = path.read_bytes()
    return {**descriptor, "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def parquet_descriptor(name: str, path: str) -> dict:
    """The Parquet copy of table ``name`` as a file resource of the package.

    NOTE: listed as ``type: file`` so Frictionless checks its size and hash without a Parquet
    reader; its columns and types are those of the CSV resource ``name`` (DECIMAL, DATE kept).
    """
    csv = resource_descriptor(name, f"{name}.csv")
    return {
        "name": f"{name}-parquet",
        "type": "file",
        "path": path,
        "scheme": "file",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "title": f"{csv['title']} (Parquet)",
        "description": (f"The {name} table as Parquet, typed like the CSV resource {name!r}"
                        f" / {name} 表的 Parquet 副本"),
    }


def bulletin_sources(bulletins: pd.DataFrame) -> list[dict]:
    """Data-package ``sources``: each raw bulletin with its provenance."""
    return [{
        "title": f"{b.title} ({b.publisher}, {b.event_date})",
        "path": b.raw_path,
        "sha256": b.raw_sha256,
        "bytes": int(b.raw_bytes),
    } for b in bulletins.itertuples(index=False)]


def write_release(folder: Path, frames: dict[str, pd.DataFrame], version: DatasetVersion) -> Path:
    """Write CSVs and ``datapackage.json`` into the new folder ``folder``; returns the descriptor path."""
    folder = Path(folder)
    folder.mkdir(parents=True)
    resources = []
    for name, frame in frames.items():
        path = folder / f"{name}.csv"
        write_csv(frame, path)
        resources.append(_hash_resource(resource_descriptor(name, path.name), path))
    for name, frame in frames.items():
        path = folder / f"{name}.parquet"
        write_parquet(name, frame, path)
        resources.append(_hash_resource(parquet_descriptor(name, path.name), path))
    descriptor = package_descriptor(resources, version=version.version, created=version.created,
                                    sources=bulletin_sources(frames["bulletins"]))
    out = folder / "datapackage.json"
    out.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def validate_release(descriptor_path: Path) -> None:
    """Frictionless validation of the written package (schemas, types, keys, hashes)."""
    import frictionless

    report = frictionless.validate(str(descriptor_path))
    if not report.valid:
        errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors][:10]
        errors += [f"{e.type}: {e.message}" for e in report.errors][:10]
        raise ReleaseValidationError(
            f"{descriptor_path}: the release does not validate: " + "; ".join(errors))


def write_root_descriptor(release_dir: Path, root: Path) -> Path:
    """``root/datapackage.json``: the release's descriptor with paths that resolve from ``root``.

    It describes the latest release for users who clone the repository; written aside and renamed.
    """
    release_dir, root = Path(release_dir).resolve(), Path(root).resolve()
    descriptor = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    prefix = release_dir.relative_to(root).as_posix()
    for resource in descriptor.get("resources", []):
        resource["path"] = f"{prefix}/{resource['path']}"
    target = root / "datapackage.json"
    tmp = root / ".datapackage.json.tmp"
    tmp.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
