"""Case pages linked from the latest release when their bytes did not change, drawn anew otherwise."""

from __future__ import annotations

import os

import pytest

from pipeline.site import write_site


@pytest.fixture()
def tables(frames):
    b, c, f = frames
    return {"bulletins": b, "cases": c, "figures": f}


def _pages(folder):
    return {p.name: p for p in (folder / "site" / "cases").iterdir()}


def test_unchanged_pages_are_the_same_bytes_linked_from_the_previous_release(tables, tmp_path):
    old = write_site(tmp_path / "v1", tables, version="1.0.0")
    new = write_site(tmp_path / "v2", tables, version="1.1.0", previous=tmp_path / "v1")
    fresh = write_site(tmp_path / "fresh", tables, version="1.1.0")
    assert [(f.path.relative_to(tmp_path / "v2"), f.bytes, f.sha256) for f in new] == \
           [(f.path.relative_to(tmp_path / "fresh"), f.bytes, f.sha256) for f in fresh]
    before, after = _pages(tmp_path / "v1"), _pages(tmp_path / "v2")
    assert len(after) == len(tables["cases"]) > 1
    for name, page in after.items():
        assert page.read_bytes() == (tmp_path / "fresh" / "site" / "cases" / name).read_bytes()
        assert os.path.samefile(page, before[name])  # linked, not written again
    # the index names the version: always written
    assert not os.path.samefile(tmp_path / "v2" / "site" / "index.html", tmp_path / "v1" / "site" / "index.html")
    assert len(old) == len(new)


def test_a_changed_case_is_drawn_anew_and_the_previous_page_left_alone(tables, tmp_path):
    write_site(tmp_path / "v1", tables, version="1.0.0")
    first = tables["cases"]["case_id"].iloc[0]
    kept = (tmp_path / "v1" / "site" / "cases" / f"{first}.html").read_bytes()
    cases = tables["cases"].copy()
    cases.loc[0, "title"] = cases.loc[0, "title"] + "（修订）"
    write_site(tmp_path / "v2", {**tables, "cases": cases}, version="1.0.1", previous=tmp_path / "v1")
    changed = tmp_path / "v2" / "site" / "cases" / f"{first}.html"
    assert "（修订）" in changed.read_text(encoding="utf-8")
    assert not os.path.samefile(changed, tmp_path / "v1" / "site" / "cases" / f"{first}.html")
    assert (tmp_path / "v1" / "site" / "cases" / f"{first}.html").read_bytes() == kept
    other = tables["cases"]["case_id"].iloc[1]
    assert os.path.samefile(tmp_path / "v2" / "site" / "cases" / f"{other}.html",
                            tmp_path / "v1" / "site" / "cases" / f"{other}.html")


def test_a_damaged_previous_page_is_not_reused(tables, tmp_path):
    write_site(tmp_path / "v1", tables, version="1.0.0")
    first = tables["cases"]["case_id"].iloc[0]
    damaged = tmp_path / "v1" / "site" / "cases" / f"{first}.html"
    good = damaged.read_bytes()
    damaged.write_bytes(good[:-10] + b"XXXXXXXXXX")
    files = write_site(tmp_path / "v2", tables, version="1.0.0", previous=tmp_path / "v1")
    page = tmp_path / "v2" / "site" / "cases" / f"{first}.html"
    assert page.read_bytes() == good and not os.path.samefile(page, damaged)
    import hashlib

    listed = {f.path: f for f in files}[page]
    assert (listed.bytes, listed.sha256) == (len(good), hashlib.sha256(good).hexdigest())
