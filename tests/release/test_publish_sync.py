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
