"""Raw inputs: bulletin snapshots under ``raw/<bulletin_id>/`` with their provenance files."""

from pipeline.sources.decode import DecodedText, decode_bytes
from pipeline.sources.snapshots import (
    BulletinSnapshot,
    RawSourceError,
    check_unique_ids,
    discover_bulletin_ids,
    load_snapshot,
)

__all__ = [
    "BulletinSnapshot",
    "DecodedText",
    "RawSourceError",
    "check_unique_ids",
    "decode_bytes",
    "discover_bulletin_ids",
    "load_snapshot",
]
