"""pipeline/release/publish.py: what is synced before a release is published."""

import os

from pipeline.release import publish


def test_every_new_file_and_folder_is_synced_but_not_a_page_linked_from_a_release(tmp_path, monkeypatch):
    published = tmp_path / "releases" / "v1.0.0" / "site" / "cases"
    published.mkdir(parents=True)
    (published / "a-01.html").write_text("<p>unchanged</p>", encoding="utf-8")
    staged = tmp_path / "staging" / "v1.1.0" / "site" / "cases"
    staged.mkdir(parents=True)
    os.link(published / "a-01.html", staged / "a-01.html")
    (staged / "a-02.html").write_text("<p>new</p>", encoding="utf-8")
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd)))
    publish._fsync_tree(tmp_path / "staging" / "v1.1.0")
    assert sorted(os.path.relpath(p, tmp_path / "staging" / "v1.1.0") for p in synced) == [
        "site", "site/cases", "site/cases/a-02.html"]


def test_where_syncfs_reports_errors_one_call_syncs_the_tree_and_a_failure_is_raised(tmp_path, monkeypatch):
    import errno

    import pytest

    calls = []
    monkeypatch.setattr(publish, "_syncfs", lambda: lambda fd: calls.append(os.readlink(f"/proc/self/fd/{fd}")) or 0)
    monkeypatch.setattr(publish, "_fsync_tree", lambda folder: pytest.fail("synced file by file"))
    publish._sync_tree(tmp_path)
    assert calls == [str(tmp_path)]

    def failing(fd):
        import ctypes
        ctypes.set_errno(errno.ENOSPC)
        return -1

    monkeypatch.setattr(publish, "_syncfs", lambda: failing)
    with pytest.raises(OSError) as raised:
        publish._sync_tree(tmp_path)
    assert raised.value.errno == errno.ENOSPC


def test_without_syncfs_every_file_is_synced_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_syncfs", lambda: None)
    synced = []
    monkeypatch.setattr(publish, "_fsync_tree", synced.append)
    publish._sync_tree(tmp_path)
    assert synced == [tmp_path]


def test_this_linux_has_a_syncfs_that_works(tmp_path):
    import platform

    syncfs = publish._syncfs()
    if platform.system() == "Linux" and tuple(int(x) for x in platform.release().split(".")[:2]) >= (5, 8):
        assert syncfs is not None
        (tmp_path / "f").write_bytes(b"x")
        publish._sync_tree(tmp_path)
