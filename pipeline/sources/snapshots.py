"""Bulletin snapshots: ``raw/<bulletin_id>/bulletin.txt`` and the provenance file beside it.

A snapshot's bytes are immutable: ``bulletin.yaml`` records their sha256, and bytes that do not
match are refused. The metadata file names the bulletin and where and when it came from; its schema
is ``pipeline.sources.metadata``. Files are read by ``pipeline.sources.rawfiles`` (regular files
inside the raw folder, with a size limit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.sources.decode import decode_bytes
from pipeline.sources.errors import RawSourceError
from pipeline.sources.metadata import REQUIRED_FIELDS, SAFE_ID, TEXT_FILE, parse_metadata
from pipeline.sources.rawfiles import META_LIMIT, TEXT_LIMIT, folder_entries, read_raw_file

META_FILE = "bulletin.yaml"
# Names a person may have meant (compared case-folded): found instead of the exact name, they are
# refused with a message saying what was expected, never skipped.
_NEAR_NAMES = {TEXT_FILE: {"bulletin.txt", "bulletin.text"},
               META_FILE: {"bulletin.yaml", "bulletin.yml"}}

__all__ = ["META_FILE", "REQUIRED_FIELDS", "SAFE_ID", "TEXT_FILE", "BulletinSnapshot", "RawSourceError",
           "check_unique_ids", "discover_bulletin_ids", "load_snapshot"]


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
    """Entries under ``raw_dir`` that are (or pose as) a bulletin folder, sorted.

    Every non-hidden folder with something in it counts, and so does a symbolic link (refused later
    with a message): a folder whose files are misnamed must not be skipped without a word.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise RawSourceError("the raw folder does not exist", path=str(raw_dir),
                             hint="Pass --raw with a folder holding <bulletin_id>/bulletin.txt")
    found = []
    with os.scandir(raw_dir) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                found.append(entry.name)
            elif entry.is_dir(follow_symlinks=False) and any(
                    not n.startswith(".") for n in os.listdir(entry.path)):
                found.append(entry.name)
    return sorted(found)


def _locate(folder: Path, names: list[str], expected: str) -> str | None:
    """The exact ``expected`` name, None when absent, or RawSourceError for a near miss or two files."""
    near = [n for n in names if n.casefold() in _NEAR_NAMES[expected]]
    if len(near) > 1:
        raise RawSourceError(f"the folder holds {' and '.join(near)}: which one is the bulletin's is unclear",
                             path=str(folder), hint=f"Keep one file, named exactly {expected}")
    if near and near[0] != expected:
        raise RawSourceError(f"found {near[0]}, expected {expected}", path=str(folder / near[0]),
                             hint=f"Rename it to {expected} (lower case, exactly)")
    return expected if near else None


def _read_meta(folder: Path, names: list[str]):
    meta_path = folder / META_FILE
    if _locate(folder, names, META_FILE) is None:
        raise RawSourceError("metadata file is missing", path=str(meta_path),
                             hint=f"Write {META_FILE} beside {TEXT_FILE} with {', '.join(REQUIRED_FIELDS)}")
    return parse_metadata(read_raw_file(folder, META_FILE, META_LIMIT), str(meta_path))


def _declared(raw_dir: Path, folder: str, known: dict[str, tuple[str, str]],
              found: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """What a folder's metadata declares, (bulletin_id, sha256), or None when it cannot be read
    (load_snapshot reports it). ``known`` maps the sha256 of a ``bulletin.yaml`` found valid before
    to what it declares (that file is not parsed again); ``found`` gains this file's."""
    try:
        path = Path(raw_dir) / folder
        if _locate(path, folder_entries(path), META_FILE) is None:
            return None
        data = read_raw_file(path, META_FILE, META_LIMIT)
        digest = hashlib.sha256(data).hexdigest()
        if digest not in known:
            meta = parse_metadata(data, str(path / META_FILE))[0]
            known[digest] = (meta.bulletin_id, meta.sha256)
        found[digest] = known[digest]
        return found[digest]
    except (RawSourceError, OSError):
        return None


def check_unique_ids(raw_dir: Path, folders: list[str],
                     known: dict[str, tuple[str, str]] | None = None) -> dict[str, tuple[str, str]]:
    """Refuse two bulletin folders that declare the same bulletin_id or hold the same bytes.

    Checked before any folder is processed, so the message names both folders. The same bytes under
    two ids would publish every case twice.

    ``known`` maps the sha256 of a ``bulletin.yaml`` validated before (by this very code) to the
    bulletin_id and sha256 it declares, so an unchanged file is not parsed again; returned is that
    map for the valid metadata files of ``folders``, to be given to the next check.
    """
    known, found = dict(known or {}), {}
    metas = {f: m for f in folders if (m := _declared(raw_dir, f, known, found)) is not None}
    seen: dict[str, str] = {}
    for folder, (bulletin_id, _) in metas.items():
        meta_path = Path(raw_dir) / folder / META_FILE
        if bulletin_id in seen:
            raise RawSourceError(
                f"bulletin_id {bulletin_id!r} is declared twice, here and in "
                f"{Path(raw_dir) / seen[bulletin_id] / META_FILE}",
                path=str(meta_path), hint="Give each bulletin folder its own bulletin_id (and folder name)")
        seen[bulletin_id] = folder
    by_digest: dict[str, str] = {}
    for folder, (bulletin_id, sha256) in metas.items():
        other = by_digest.setdefault(sha256, folder)
        if other == folder:
            continue
        # The recorded digests agree: refuse only when the bytes really are the same (a wrong
        # digest is reported by load_snapshot on its own folder).
        if all(_digest(Path(raw_dir) / f) == sha256 for f in (other, folder)):
            raise RawSourceError(
                f"holds the same bytes as {Path(raw_dir) / other / TEXT_FILE} (sha256 {sha256[:12]}…): "
                f"bulletins {metas[other][0]!r} and {bulletin_id!r} would publish every case "
                "twice", path=str(Path(raw_dir) / folder / TEXT_FILE),
                hint="Keep one of the two folders")
    return found


def _digest(folder: Path) -> str | None:
    try:
        return hashlib.sha256(read_raw_file(folder, TEXT_FILE, TEXT_LIMIT)).hexdigest()
    except (RawSourceError, OSError):
        return None


def load_snapshot(raw_dir: Path, bulletin_id: str) -> BulletinSnapshot:
    """Read and verify one bulletin folder, or raise RawSourceError saying what to fix."""
    folder = Path(raw_dir) / bulletin_id
    meta_path = folder / META_FILE
    text_path = folder / TEXT_FILE
    if not SAFE_ID.match(bulletin_id):
        raise RawSourceError(f"bulletin folder name {bulletin_id!r} is not a safe slug", path=str(folder),
                             hint="Use lower-case letters, digits and hyphens only")
    names = folder_entries(folder)
    text_name = _locate(folder, names, TEXT_FILE)
    meta, lines = _read_meta(folder, names)
    if meta.bulletin_id != bulletin_id:
        raise RawSourceError(
            f"bulletin_id {meta.bulletin_id!r} does not match its folder {bulletin_id!r}",
            path=str(meta_path), line=lines.get("bulletin_id"), hint="Name the folder after the bulletin_id")
    if text_name is None:
        raise RawSourceError("bulletin text is missing", path=str(text_path),
                             hint=f"Put the raw text in {TEXT_FILE}")
    data = read_raw_file(folder, TEXT_FILE, TEXT_LIMIT)
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta.sha256:
        raise RawSourceError(
            f"bytes do not match the recorded sha256 (found {digest[:12]}…, recorded "
            f"{meta.sha256[:12]}…)", path=str(text_path),
            hint="Raw snapshots are immutable: restore the original bytes, or add the new text as a "
                 "new bulletin folder with its own sha256")
    if meta.bytes is not None and meta.bytes != len(data):
        raise RawSourceError(f"bytes says {meta.bytes}, but {TEXT_FILE} has {len(data)} bytes",
                             path=str(meta_path), line=lines.get("bytes"),
                             hint="Correct the bytes field to the file's size")
    if not data.strip():
        raise RawSourceError("the bulletin text is empty", path=str(text_path),
                             hint="Put the bulletin's text in the file")
    decoded = decode_bytes(data, path=str(text_path))
    return BulletinSnapshot(
        bulletin_id=bulletin_id,
        title=meta.title,
        publisher=meta.publisher,
        event_date=meta.event_date,
        raw_path=f"raw/{bulletin_id}/{TEXT_FILE}",
        raw_sha256=digest,
        raw_bytes=len(data),
        encoding=decoded.encoding,
        text=decoded.text,
        source_file=str(text_path),
        metadata=meta.model_dump(mode="json", exclude_none=True),
    )
