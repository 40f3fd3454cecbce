"""Snapshotting a new raw bulletin: ``acftu add FILE --id ID --title … --date …``.

The bytes are copied unchanged into ``raw/<id>/bulletin.txt`` and ``bulletin.yaml`` records the
title, publisher, event date, source, the retrieval date, the byte count and the sha256. An id
that exists, or bytes already present under another id, are refused: a snapshot is never replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import yaml

from pipeline.sources.snapshots import META_FILE, SAFE_ID, TEXT_FILE, RawSourceError, discover_bulletin_ids

DEFAULT_PUBLISHER = "中华全国总工会"


def _recorded_sha256(folder: Path) -> str:
    try:
        meta = yaml.safe_load((folder / META_FILE).read_text(encoding="utf-8")) or {}
        return str(meta.get("sha256", "")).strip().lower()
    except (OSError, yaml.YAMLError, AttributeError):
        return ""


def add_bulletin(raw_dir: Path, source: Path, bulletin_id: str, *, title: str, event_date: str,
                 publisher: str = DEFAULT_PUBLISHER, origin: str | None = None,
                 retrieved: str | None = None) -> Path:
    """Copy ``source`` into ``raw_dir/bulletin_id`` with its provenance; returns the new folder."""
    raw_dir, source = Path(raw_dir), Path(source)
    if not SAFE_ID.match(bulletin_id):
        raise RawSourceError(f"bulletin id {bulletin_id!r} is not a safe slug", path=str(source),
                             hint="Use lower-case letters, digits and hyphens only")
    try:
        date = dt.date.fromisoformat(event_date)
    except ValueError:
        raise RawSourceError(f"date {event_date!r} is not a date", path=str(source),
                             hint="Write it as YYYY-MM-DD") from None
    try:
        data = source.read_bytes()
    except OSError as e:
        raise RawSourceError(f"cannot read the file ({e.strerror})", path=str(source),
                             hint="Give the path of the bulletin's text file") from None
    if not data.strip():
        raise RawSourceError("the file is empty", path=str(source), hint="Give the bulletin's text file")
    target = raw_dir / bulletin_id
    if target.exists():
        raise RawSourceError(f"bulletin {bulletin_id!r} already exists", path=str(target),
                             hint="Snapshots are immutable: choose another id for a new or corrected text")
    digest = hashlib.sha256(data).hexdigest()
    if raw_dir.is_dir():
        for other in discover_bulletin_ids(raw_dir):
            if _recorded_sha256(raw_dir / other) == digest:
                raise RawSourceError(f"these bytes are already in raw/ as {other!r}", path=str(source),
                                     hint="The bulletin is already snapshotted; nothing to add")
    meta = {
        "bulletin_id": bulletin_id,
        "title": title,
        "publisher": publisher,
        "event_date": date,
        "source": origin or f"snapshot of {source.name}",
        "retrieved": dt.date.fromisoformat(retrieved) if retrieved else dt.datetime.now(dt.UTC).date(),
        "file": TEXT_FILE,
        "bytes": len(data),
        "sha256": digest,
    }
    staging = raw_dir / f".add-{bulletin_id}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        (staging / TEXT_FILE).write_bytes(data)
        (staging / META_FILE).write_text(
            f"# Provenance of raw/{bulletin_id}/{TEXT_FILE}. The text file is an immutable snapshot:\n"
            "# never edit its bytes; a corrected source is a new bulletin folder.\n"
            + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
