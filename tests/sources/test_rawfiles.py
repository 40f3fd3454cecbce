"""Raw files are regular files inside the raw folder, read with a size limit: links out, FIFOs,
devices and oversized files are refused with one line naming the file."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from pipeline.sources import RawSourceError, load_snapshot, rawfiles, read_raw_file
from tests.conftest import BULLETIN_ID, RAW


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    shutil.copytree(RAW / BULLETIN_ID, tmp_path / "raw" / BULLETIN_ID)
    return tmp_path / "raw"


def _replace_with_link(path: Path, target: str) -> None:
    path.unlink()
    os.symlink(target, path)


class TestLinksOutOfTheRawFolder:
    def test_a_linked_text_file_with_the_right_sha256_is_refused(self, raw_copy, tmp_path):
        text = raw_copy / BULLETIN_ID / "bulletin.txt"
        elsewhere = tmp_path / "elsewhere.txt"
        elsewhere.write_bytes(text.read_bytes())
        _replace_with_link(text, str(elsewhere))
        with pytest.raises(RawSourceError, match=r"bulletin\.txt: a symbolic link to .*elsewhere\.txt, not a regular"):
            load_snapshot(raw_copy, BULLETIN_ID)

    def test_a_linked_metadata_file_is_refused(self, raw_copy, tmp_path):
        meta = raw_copy / BULLETIN_ID / "bulletin.yaml"
        shutil.copy(meta, tmp_path / "m.yaml")
        _replace_with_link(meta, str(tmp_path / "m.yaml"))
        with pytest.raises(RawSourceError, match=r"bulletin\.yaml: a symbolic link"):
            load_snapshot(raw_copy, BULLETIN_ID)

    def test_a_linked_bulletin_folder_is_refused(self, raw_copy, tmp_path):
        shutil.move(raw_copy / BULLETIN_ID, tmp_path / "outside")
        os.symlink(tmp_path / "outside", raw_copy / BULLETIN_ID)
        with pytest.raises(RawSourceError, match="the bulletin folder is a symbolic link"):
            load_snapshot(raw_copy, BULLETIN_ID)

    @pytest.mark.parametrize("name", ["bulletin.txt", "bulletin.yaml"])
    def test_a_link_to_dev_zero_is_refused_without_reading(self, raw_copy, name):
        _replace_with_link(raw_copy / BULLETIN_ID / name, "/dev/zero")
        with pytest.raises(RawSourceError, match=rf"{name}: a symbolic link to /dev/zero"):
            load_snapshot(raw_copy, BULLETIN_ID)


class TestFilesThatAreNotRegular:
    @pytest.mark.parametrize("name", ["bulletin.txt", "bulletin.yaml"])
    def test_a_fifo_is_refused_at_once_and_never_blocks(self, raw_copy, name):
        path = raw_copy / BULLETIN_ID / name
        path.unlink()
        os.mkfifo(path)
        done = []
        worker = threading.Thread(target=lambda: done.append(_error(raw_copy)), daemon=True)
        worker.start()
        worker.join(30)
        assert done, "reading a FIFO blocked"
        assert f"{name}: a FIFO (named pipe), not a regular file" in done[0]

    def test_a_device_is_refused(self, raw_copy):
        path = raw_copy / BULLETIN_ID / "bulletin.txt"
        path.unlink()
        try:
            os.mknod(path, 0o600 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
        except PermissionError:
            pytest.skip("creating a device needs root")
        assert "bulletin.txt: a device, not a regular file" in _error(raw_copy)

    def test_a_folder_in_place_of_the_text_is_refused(self, raw_copy):
        path = raw_copy / BULLETIN_ID / "bulletin.txt"
        path.unlink()
        path.mkdir()
        assert "bulletin.txt: a folder, not a regular file" in _error(raw_copy)


def _error(raw: Path) -> str:
    try:
        load_snapshot(raw, BULLETIN_ID)
    except RawSourceError as e:
        return str(e)
    return "no error"


class TestSizeLimit:
    def test_a_file_over_the_limit_is_refused_before_reading(self, tmp_path):
        (tmp_path / "big.txt").write_bytes(b"x" * 2049)
        with pytest.raises(RawSourceError, match=r"big\.txt: the file is 2049 bytes, over the limit of 2 KiB"):
            read_raw_file(tmp_path, "big.txt", 2048)

    def test_a_file_at_the_limit_is_read_whole(self, tmp_path):
        (tmp_path / "ok.txt").write_bytes(b"y" * 2048)
        assert read_raw_file(tmp_path, "ok.txt", 2048) == b"y" * 2048

    def test_the_limits_are_the_ones_the_readme_states(self):
        readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
        assert rawfiles.TEXT_LIMIT == 64 * 1024 * 1024 and "64 MiB" in readme
        assert rawfiles.META_LIMIT == 64 * 1024 and "64 KiB" in readme

    def test_a_missing_file_is_file_not_found(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            read_raw_file(tmp_path, "nope.txt", 10)
