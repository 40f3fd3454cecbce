"""The error of a raw bulletin folder: a file missing, unreadable, oversized, or its metadata wrong."""

from __future__ import annotations

from pipeline.text.errors import BulletinFormatError


class RawSourceError(BulletinFormatError):
    """A raw bulletin folder is missing a file, its metadata is wrong, or its bytes changed."""
