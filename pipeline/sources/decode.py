"""Decoding raw bytes: the encodings Chinese sources arrive in, detected without guessing silently.

A byte-order mark decides (UTF-8, UTF-32, UTF-16: UTF-32's little-endian mark begins with UTF-16's,
so it is tried first); otherwise strict UTF-8, then GB18030 (a superset of GBK and GB2312). Bytes
that decode in none of them are an error naming the byte offset; a replacement character is never
inserted. Decoded text holding a control character anywhere (a NUL, an ANSI escape) is refused
with its line: prose has none, and one would silently change what follows it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from pipeline.text.errors import BulletinFormatError


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# NOTE: allowed are tab, line feed, carriage return and form feed (C0) and NEL (C1): line breaks
# and layout that extracted text does carry. Every other C0/C1 control, DEL and the noncharacters
# U+FFFE/U+FFFF are refused.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _looks_binary(data: bytes) -> bool:
    # Many C0 controls at the start: an image, an archive, a word-processor file.
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def find_control(text: str, path: str) -> None:
    """Raise BulletinFormatError at the first control character of ``text``, naming line and column."""
    m = _CONTROL.search(text)
    if m is None:
        return
    pos = m.start()
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    line = len(_LINE_BREAK.findall(text, 0, line_start)) + 1
    ch = m.group()
    name = unicodedata.name(ch, "") or {"\x1b": "ESCAPE, an ANSI terminal code", "\x00": "NUL"}.get(
        ch, "a control character")
    raise BulletinFormatError(
        f"U+{ord(ch):04X} ({name}) at column {pos - line_start + 1}: the text holds binary content",
        path=path, line=line,
        hint="Clean the source text (plain prose only) and add it as a new bulletin folder "
             "with its own sha256")


def decode_bytes(data: bytes, *, path: str = "<bytes>") -> DecodedText:
    """Decode a bulletin's bytes, or raise BulletinFormatError naming the file and byte offset."""
    decoded = _decode(data, path)
    find_control(decoded.text, path)
    return decoded


def _decode(data: bytes, path: str) -> DecodedText:
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
