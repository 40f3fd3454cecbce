"""Decoding raw bytes: the encodings Chinese sources arrive in, detected without guessing silently.

A byte-order mark decides (UTF-8, UTF-16); otherwise strict UTF-8, then GB18030 (a superset of GBK
and GB2312). Bytes that decode in none of them are an error naming the byte offset; a replacement
character is never inserted.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from pipeline.text.errors import BulletinFormatError


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    # NUL bytes and C0 controls other than tab/newline/CR/form feed do not occur in prose.
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > len(sample) // 100


def decode_bytes(data: bytes, *, path: str = "<bytes>") -> DecodedText:
    """Decode a bulletin's bytes, or raise BulletinFormatError naming the file and byte offset."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(codec), name)
            except UnicodeDecodeError as e:
                raise BulletinFormatError(
                    f"invalid {name} at byte {e.start}", path=path,
                    hint="Re-save the file in one encoding (UTF-8 is best)") from None
    if _looks_binary(data):
        raise BulletinFormatError("this is a binary file, not text", path=path,
                                  hint="Put the bulletin's plain text (UTF-8) in bulletin.txt")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            raise BulletinFormatError(
                f"bytes at offset {utf8_error.start} are neither UTF-8 nor GB18030", path=path,
                hint="Re-save the file as UTF-8") from None
