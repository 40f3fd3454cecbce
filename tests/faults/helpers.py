"""Raw folders made from the repository's bulletin in other encodings, scripts or states."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from pipeline.release.publish import file_digests
from tests.conftest import BULLETIN_ID, RAW


def published(out: Path) -> dict[str, str]:
    """sha256 of every published file below ``out`` (hidden build state left out)."""
    return {k: v for k, v in file_digests(out).items() if not k.startswith(".")}


def raw_folder(root: Path, data: bytes | None = None, bulletin_id: str = BULLETIN_ID) -> Path:
    """``root`` as a raw folder holding one bulletin with ``data`` as its bytes (and their sha256)."""
    src = RAW / BULLETIN_ID
    target = root / bulletin_id
    target.mkdir(parents=True)
    data = (src / "bulletin.txt").read_bytes() if data is None else data
    (target / "bulletin.txt").write_bytes(data)
    meta = yaml.safe_load((src / "bulletin.yaml").read_text(encoding="utf-8"))
    meta.update(bulletin_id=bulletin_id, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    (target / "bulletin.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return root
