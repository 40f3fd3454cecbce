"""Bulletin snapshots: ``raw/<bulletin_id>/bulletin.txt`` and the provenance file beside it.

A snapshot's bytes are immutable: ``bulletin.yaml`` records their sha256, and bytes that do not
match are refused. The metadata file names the bulletin and where and when it came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.sources.decode import decode_bytes
from pipeline.text.errors import BulletinFormatError

TEXT_FILE = "bulletin.txt"
META_FILE = "bulletin.yaml"
REQUIRED_FIELDS = ("bulletin_id", "title", "publisher", "event_date", "sha256")
SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")


class RawSourceError(BulletinFormatError):
    """A raw bulletin folder is missing a file, its metadata is wrong, or its bytes changed."""


@dataclass(frozen=True)
class BulletinSnapshot:
    """A verified raw bulletin: its metadata, its bytes' provenance and its decoded text."""

    bulletin_id: str
    title: str
    publisher: str
    event_date: dt.date
    raw_path: str
    raw_sha256: str
    raw_bytes: int
    encoding: str
    text: str
    source_file: str
    metadata: dict


def discover_bulletin_ids(raw_dir: Path) -> list[str]:
    """Folder names under ``raw_dir`` that hold a bulletin (a text or metadata file), sorted."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise RawSourceError("the raw folder does not exist", path=str(raw_dir),
                             hint="Pass --raw with a folder holding <bulletin_id>/bulletin.txt")
    return sorted(p.name for p in raw_dir.iterdir()
                  if p.is_dir() and ((p / TEXT_FILE).exists() or (p / META_FILE).exists()))


def check_unique_ids(raw_dir: Path, folders: list[str]) -> None:
    """Refuse two bulletin folders whose metadata declare the same bulletin_id.

    Checked before any folder is processed, so the message names both folders (a folder whose
    metadata cannot be read is left for load_snapshot to report).
    """
    seen: dict[str, Path] = {}
    for folder in folders:
        meta_path = Path(raw_dir) / folder / META_FILE
        try:
            declared = str(yaml.safe_load(meta_path.read_text(encoding="utf-8")).get("bulletin_id", ""))
        except Exception:  # noqa: BLE001 - unreadable metadata is reported by load_snapshot
            continue
        if not declared:
            continue
        if declared in seen:
            raise RawSourceError(
                f"bulletin_id {declared!r} is declared twice, here and in {seen[declared]}",
                path=str(meta_path), hint="Give each bulletin folder its own bulletin_id (and folder name)")
        seen[declared] = meta_path


def _read_metadata(meta_path: Path) -> dict:
    if not meta_path.exists():
        raise RawSourceError("metadata file is missing", path=str(meta_path),
                             hint=f"Write {META_FILE} beside {TEXT_FILE} with {', '.join(REQUIRED_FIELDS)}")
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise RawSourceError("metadata is not valid YAML", path=str(meta_path),
                             line=None if line is None else line + 1,
                             hint="Fix the YAML syntax") from None
    except UnicodeDecodeError as e:
        raise RawSourceError(f"metadata is not UTF-8 (byte {e.start})", path=str(meta_path),
                             hint="Save bulletin.yaml as UTF-8") from None
    if not isinstance(meta, dict):
        raise RawSourceError("metadata is not a mapping of fields", path=str(meta_path),
                             hint=f"Write fields {', '.join(REQUIRED_FIELDS)} as `name: value` lines")
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise RawSourceError(f"metadata lacks {', '.join(missing)}", path=str(meta_path),
                             hint="Add the missing fields")
    return meta


def load_snapshot(raw_dir: Path, bulletin_id: str) -> BulletinSnapshot:
    """Read and verify one bulletin folder, or raise RawSourceError saying what to fix."""
    folder = Path(raw_dir) / bulletin_id
    meta_path = folder / META_FILE
    text_path = folder / TEXT_FILE
    if not SAFE_ID.match(bulletin_id):
        raise RawSourceError(f"bulletin folder name {bulletin_id!r} is not a safe slug", path=str(folder),
                             hint="Use lower-case letters, digits and hyphens only")
    meta = _read_metadata(meta_path)
    if not SAFE_ID.match(str(meta["bulletin_id"])):
        raise RawSourceError(f"bulletin_id {meta['bulletin_id']!r} is not a safe slug", path=str(meta_path),
                             hint="Use lower-case letters, digits and hyphens only (no slash, dot or space)")
    if str(meta["bulletin_id"]) != bulletin_id:
        raise RawSourceError(
            f"bulletin_id {meta['bulletin_id']!r} does not match its folder {bulletin_id!r}",
            path=str(meta_path), hint="Name the folder after the bulletin_id")
    event_date = meta["event_date"]
    if isinstance(event_date, str):
        try:
            event_date = dt.date.fromisoformat(event_date)
        except ValueError:
            event_date = None
    if not isinstance(event_date, dt.date):
        raise RawSourceError(f"event_date {meta['event_date']!r} is not a date", path=str(meta_path),
                             hint="Write it as YYYY-MM-DD")
    if not text_path.exists():
        raise RawSourceError("bulletin text is missing", path=str(text_path),
                             hint=f"Put the raw text in {TEXT_FILE}")
    data = text_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != str(meta["sha256"]).strip().lower():
        raise RawSourceError(
            f"bytes do not match the recorded sha256 (found {digest[:12]}…, recorded "
            f"{str(meta['sha256'])[:12]}…)", path=str(text_path),
            hint="Raw snapshots are immutable: restore the original bytes, or add the new text as a "
                 "new bulletin folder with its own sha256")
    if not data.strip():
        raise RawSourceError("the bulletin text is empty", path=str(text_path),
                             hint="Put the bulletin's text in the file")
    decoded = decode_bytes(data, path=str(text_path))
    return BulletinSnapshot(
        bulletin_id=bulletin_id,
        title=str(meta["title"]),
        publisher=str(meta["publisher"]),
        event_date=event_date,
        raw_path=f"raw/{bulletin_id}/{TEXT_FILE}",
        raw_sha256=digest,
        raw_bytes=len(data),
        encoding=decoded.encoding,
        text=decoded.text,
        source_file=str(text_path),
        metadata=meta,
    )
