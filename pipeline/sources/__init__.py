"""Raw inputs: bulletin snapshots under ``raw/<bulletin_id>/`` with their provenance files."""

from pipeline.sources.decode import DecodedText, decode_bytes
from pipeline.sources.snapshots import (
    BulletinSnapshot,
    RawSourceError,
    discover_bulletin_ids,
    load_snapshot,
)

__all__ = [
    "BulletinSnapshot",
    "DecodedText",
    "RawSourceError",
    "decode_bytes",
    "discover_bulletin_ids",
    "load_snapshot",
]
