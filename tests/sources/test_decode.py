"""Decoding: the encodings Chinese sources come in, and a clear error for the rest."""

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.sources import decode_bytes
from pipeline.text import BulletinFormatError

TEXT = "4月26日，全国总工会召开会议。目前已发布两期案例共 262 个。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data, path="b.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_undecodable_bytes_name_the_offset():
    data = "工会".encode() + b"\xff\xfe\xfd\x80\x80" + "工会".encode()
    with pytest.raises(BulletinFormatError, match=r"b\.txt: bytes at offset 6 are neither UTF-8 nor GB18030"):
        decode_bytes(data, path="b.txt")


def test_binary_file_is_refused():
    with pytest.raises(BulletinFormatError, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, path="b.txt")


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_fail_clearly(data):
    try:
        decoded = decode_bytes(data, path="b.txt")
    except BulletinFormatError as e:
        assert str(e).startswith("b.txt")
    else:
        assert "\ufffd" not in decoded.text or "\ufffd".encode() in data or decoded.encoding != "utf-8"
