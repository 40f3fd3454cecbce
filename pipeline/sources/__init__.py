"""Raw inputs: bulletin snapshots under ``raw/<bulletin_id>/`` with their provenance files.

``rawfiles`` reads files safely (regular files inside the raw folder, size limits), ``metadata`` is
the schema of ``bulletin.yaml``, ``decode`` turns bytes into text, ``snapshots`` puts them together.
"""

from pipeline.sources.decode import DecodedText, decode_bytes
from pipeline.sources.errors import RawSourceError
from pipeline.sources.metadata import BulletinMetadata, parse_metadata
from pipeline.sources.rawfiles import META_LIMIT, TEXT_LIMIT, read_raw_file
from pipeline.sources.snapshots import (
    BulletinSnapshot,
    check_unique_ids,
    discover_bulletin_ids,
    load_snapshot,
)

__all__ = [
    "META_LIMIT",
    "TEXT_LIMIT",
    "BulletinMetadata",
    "BulletinSnapshot",
    "DecodedText",
    "RawSourceError",
    "check_unique_ids",
    "decode_bytes",
    "discover_bulletin_ids",
    "load_snapshot",
    "parse_metadata",
    "read_raw_file",
]
