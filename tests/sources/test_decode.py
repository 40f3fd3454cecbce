"""Decoding: the encodings Chinese sources come in, and a clear error for the rest."""

import codecs
import re

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
    (TEXT.encode("utf-32"), "utf-32"),
    (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
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


class TestUtf32:
    def test_utf32_le_with_a_bom_is_not_read_as_utf16(self):
        # FF FE 00 00 begins with UTF-16's little-endian mark: the longer mark must win.
        decoded = decode_bytes(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), path="b.txt")
        assert (decoded.encoding, decoded.text) == ("utf-32", TEXT)


PROSE = "第一行文字。\n第二行，共 262 个。\n" * 300  # well past the first 4096 bytes


class TestControlCharactersAnywhere:
    @pytest.mark.parametrize("ch, name", [
        ("\x00", "NUL"), ("\x1b", "ESCAPE"), ("\x07", "U+0007"), ("\x7f", "U+007F"), ("\x9b", "U+009B"),
        ("\x0b", "U+000B"), ("\x1c", "U+001C"), ("\ufffe", "U+FFFE"),
    ])
    def test_a_control_late_in_the_file_is_refused_with_line_and_column(self, ch, name):
        lines = PROSE.split("\n")
        lines[500] = lines[500][:3] + ch + lines[500][3:]
        with pytest.raises(BulletinFormatError, match=rf"^b\.txt:501: .*{re.escape(name)}.* at column 4: the text holds binary"):
            decode_bytes("\n".join(lines).encode("utf-8"), path="b.txt")

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "gb18030"])
    def test_the_scan_runs_on_the_decoded_text_in_every_encoding(self, encoding):
        data = ("前言。\r\n第二行\x1b[31m红字\n").encode(encoding)
        with pytest.raises(BulletinFormatError, match=r"b\.txt:2: U\+001B"):
            decode_bytes(data, path="b.txt")

    @pytest.mark.parametrize("ch", ["\t", "\r", "\x0c", "\x85", "\u2028"])
    def test_layout_characters_are_text(self, ch):
        assert decode_bytes(f"甲{ch}乙\n".encode(), path="b.txt").text == f"甲{ch}乙\n"

    def test_a_lone_carriage_return_counts_as_a_line_break(self):
        with pytest.raises(BulletinFormatError, match=r"b\.txt:3: U\+0000"):
            decode_bytes("一\r二\r\n三\x00".encode(), path="b.txt")
