"""Raw bulletin folders: provenance verified, bad metadata and changed bytes refused clearly."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from pipeline.sources import RawSourceError, discover_bulletin_ids, load_snapshot
from tests.conftest import BULLETIN_ID, RAW


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    shutil.copytree(RAW / BULLETIN_ID, tmp_path / BULLETIN_ID)
    return tmp_path


def test_repository_bulletin_loads_with_provenance():
    snap = load_snapshot(RAW, BULLETIN_ID)
    data = (RAW / BULLETIN_ID / "bulletin.txt").read_bytes()
    assert snap.raw_sha256 == hashlib.sha256(data).hexdigest()
    assert snap.raw_bytes == len(data) == 23717
    assert snap.event_date == dt.date(2024, 4, 26)
    assert snap.publisher == "中华全国总工会"
    assert snap.title == "全国工会重点工作创新案例选登"
    assert snap.raw_path == f"raw/{BULLETIN_ID}/bulletin.txt"
    assert snap.encoding == "utf-8"
    assert snap.text == data.decode("utf-8")


def test_discover_lists_bulletin_folders(raw_copy):
    (raw_copy / "not-a-bulletin").mkdir()
    assert discover_bulletin_ids(raw_copy) == [BULLETIN_ID]


def test_changed_bytes_are_refused(raw_copy):
    path = raw_copy / BULLETIN_ID / "bulletin.txt"
    path.write_bytes(path.read_bytes().replace(b"262", b"263", 1))
    with pytest.raises(RawSourceError, match=r"bulletin\.txt: bytes do not match the recorded sha256.*immut"):
        load_snapshot(raw_copy, BULLETIN_ID)


def test_missing_metadata_is_refused(raw_copy):
    (raw_copy / BULLETIN_ID / "bulletin.yaml").unlink()
    with pytest.raises(RawSourceError, match=r"bulletin\.yaml: metadata file is missing"):
        load_snapshot(raw_copy, BULLETIN_ID)


def test_unparsable_metadata_names_the_line(raw_copy):
    meta = raw_copy / BULLETIN_ID / "bulletin.yaml"
    meta.write_text("bulletin_id: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(RawSourceError, match=r"bulletin\.yaml:\d+: metadata is not valid YAML"):
        load_snapshot(raw_copy, BULLETIN_ID)


def test_missing_field_is_named(raw_copy):
    meta = raw_copy / BULLETIN_ID / "bulletin.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text("\n".join(line for line in text.splitlines() if not line.startswith("publisher:")),
                    encoding="utf-8")
    with pytest.raises(RawSourceError, match="metadata lacks publisher"):
        load_snapshot(raw_copy, BULLETIN_ID)


def test_id_must_match_folder(raw_copy):
    shutil.move(raw_copy / BULLETIN_ID, raw_copy / "other-bulletin")
    with pytest.raises(RawSourceError, match="does not match its folder"):
        load_snapshot(raw_copy, "other-bulletin")


@pytest.mark.parametrize("bad_id", ["../x", "with space", "a/b", "UPPER", "-dash"])
def test_unsafe_ids_are_refused(raw_copy, bad_id):
    with pytest.raises(RawSourceError, match="not a safe slug"):
        load_snapshot(raw_copy, bad_id)
