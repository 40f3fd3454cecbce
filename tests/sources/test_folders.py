"""Bulletin folders: misnamed files are refused with what was expected, never skipped; the same
bytes under two bulletin ids are refused naming both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.sources import RawSourceError, check_unique_ids, discover_bulletin_ids, load_snapshot
from tests.conftest import BULLETIN_ID, RAW


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    shutil.copytree(RAW / BULLETIN_ID, tmp_path / BULLETIN_ID)
    return tmp_path


class TestMisnamedFiles:
    @pytest.mark.parametrize("old, new, expected", [
        ("bulletin.txt", "Bulletin.TXT", "found Bulletin.TXT, expected bulletin.txt"),
        ("bulletin.txt", "BULLETIN.txt", "found BULLETIN.txt, expected bulletin.txt"),
        ("bulletin.yaml", "bulletin.yml", "found bulletin.yml, expected bulletin.yaml"),
        ("bulletin.yaml", "Bulletin.YAML", "found Bulletin.YAML, expected bulletin.yaml"),
    ])
    def test_a_near_name_is_refused_saying_what_was_expected(self, raw_copy, old, new, expected):
        folder = raw_copy / BULLETIN_ID
        (folder / old).rename(folder / new)
        assert discover_bulletin_ids(raw_copy) == [BULLETIN_ID]
        with pytest.raises(RawSourceError, match=expected):
            load_snapshot(raw_copy, BULLETIN_ID)

    def test_two_metadata_files_are_ambiguous(self, raw_copy):
        folder = raw_copy / BULLETIN_ID
        shutil.copy(folder / "bulletin.yaml", folder / "bulletin.yml")
        with pytest.raises(RawSourceError, match="holds bulletin.yaml and bulletin.yml"):
            load_snapshot(raw_copy, BULLETIN_ID)

    def test_a_folder_with_other_files_only_is_reported(self, raw_copy):
        (raw_copy / "notes").mkdir()
        (raw_copy / "notes" / "text.txt").write_text("x", encoding="utf-8")
        assert "notes" in discover_bulletin_ids(raw_copy)
        with pytest.raises(RawSourceError, match=r"notes/bulletin\.yaml: metadata file is missing"):
            load_snapshot(raw_copy, "notes")

    def test_hidden_and_empty_folders_are_not_bulletins(self, raw_copy):
        (raw_copy / ".git").mkdir()
        (raw_copy / ".git" / "x").write_text("x", encoding="utf-8")
        (raw_copy / "empty").mkdir()
        assert discover_bulletin_ids(raw_copy) == [BULLETIN_ID]


class TestSameBytesTwice:
    def _copy_as(self, raw: Path, new_id: str) -> None:
        shutil.copytree(raw / BULLETIN_ID, raw / new_id)
        meta_path = raw / new_id / "bulletin.yaml"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        meta["bulletin_id"] = new_id
        meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")

    def test_the_same_bytes_under_two_ids_name_both(self, raw_copy):
        self._copy_as(raw_copy, "a-copy")
        with pytest.raises(RawSourceError, match=rf"same bytes as .*'a-copy' and '{BULLETIN_ID}'"):
            check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy))

    def test_a_copy_whose_recorded_digest_lies_is_left_to_its_own_check(self, raw_copy):
        self._copy_as(raw_copy, "a-copy")
        text = raw_copy / "a-copy" / "bulletin.txt"
        text.write_bytes(text.read_bytes() + "补记。".encode())
        check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy))  # no duplicate: the bytes differ
        with pytest.raises(RawSourceError, match="do not match the recorded sha256"):
            load_snapshot(raw_copy, "a-copy")


class TestKnownMetadata:
    """What an unchanged bulletin.yaml declares is taken from the last check, by the file's sha256."""

    def test_known_files_are_not_parsed_again_and_the_checks_still_hold(self, raw_copy, monkeypatch):
        import hashlib

        import pipeline.sources.snapshots as snapshots

        declared = check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy))
        meta = (raw_copy / BULLETIN_ID / "bulletin.yaml").read_bytes()
        recorded = yaml.safe_load(meta)["sha256"]
        assert declared == {hashlib.sha256(meta).hexdigest(): (BULLETIN_ID, recorded)}
        TestSameBytesTwice()._copy_as(raw_copy, "a-copy")
        parsed: list[str] = []
        real = snapshots.parse_metadata
        monkeypatch.setattr(snapshots, "parse_metadata", lambda data, path: parsed.append(path) or real(data, path))
        with pytest.raises(RawSourceError, match=rf"same bytes as .*'a-copy' and '{BULLETIN_ID}'"):
            check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy), declared)
        assert parsed == [str(raw_copy / "a-copy" / "bulletin.yaml")]
        # A known file that now declares an id twice is refused as before.
        copy_meta = raw_copy / "a-copy" / "bulletin.yaml"
        copy_meta.write_bytes(meta)
        with pytest.raises(RawSourceError, match=rf"bulletin_id '{BULLETIN_ID}' is declared twice"):
            check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy), declared)

    def test_a_misnamed_known_file_is_still_left_to_its_own_check(self, raw_copy):
        declared = check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy))
        folder = raw_copy / BULLETIN_ID
        (folder / "bulletin.yaml").rename(folder / "bulletin.yml")
        assert check_unique_ids(raw_copy, discover_bulletin_ids(raw_copy), declared) == {}
