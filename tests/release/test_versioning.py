"""Automatic versions: the change between the latest release and a build decides the next number,
and every committed release has a CHANGELOG entry."""

import json
import re
import shutil

import pytest

from pipeline.release.changelog import add_entry, changelog_entry
from pipeline.release.versioning import compare_releases, next_version, plan_release
from tests.conftest import REPO

RELEASES = REPO / "outputs" / "releases"
V1 = RELEASES / "v1.0.0"


def test_every_release_has_a_changelog_entry():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = set(re.findall(r"^## (v\d+\.\d+\.\d+)", changelog, flags=re.M))
    versions = {p.name for p in RELEASES.glob("v*") if p.is_dir()}
    assert versions <= entries, f"add CHANGELOG.md entries for {sorted(versions - entries)}"


@pytest.mark.parametrize(("previous", "bump", "expected"), [
    ("1.0.0", "minor", "1.1.0"), ("1.4.2", "patch", "1.4.3"), ("1.4.2", "major", "2.0.0"),
    ("1.4.2", "minor", "1.5.0")])
def test_next_version(previous, bump, expected):
    assert next_version(previous, bump) == expected


def _copy(tmp_path, name="new"):
    target = tmp_path / name
    shutil.copytree(V1, target)
    return target


def _rewrite_csv(folder, table, edit):
    """Edit a table's CSV and refresh its hash in datapackage.json (as a build would write it)."""
    import hashlib

    path = folder / f"{table}.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for r in d["resources"]:
        if r["name"] == table:
            r["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _plan(tmp_path, candidate):
    out = tmp_path / "out"
    (out / "releases").mkdir(parents=True)
    shutil.copytree(V1, out / "releases" / "v1.0.0")
    (out / "releases" / "latest").write_text("v1.0.0\n", encoding="utf-8")
    return plan_release(out, candidate)


def test_the_same_tables_need_no_version(tmp_path):
    plan = _plan(tmp_path, _copy(tmp_path))
    assert plan.up_to_date and plan.changes == []


def test_a_corrected_value_is_a_patch(tmp_path):
    new = _rewrite_csv(_copy(tmp_path), "cases", lambda s: s.replace("宁夏回族自治区总工会", "宁夏回族自治区总工会X", 1))
    plan = _plan(tmp_path, new)
    assert (plan.bump, plan.version) == ("patch", "1.0.1")
    assert plan.changes[0].rows_changed == 1


def test_a_removed_row_is_major(tmp_path):
    import csv
    import io

    def drop_second_row(text):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows[:1] + rows[2:])
        return buf.getvalue()

    dropped = _rewrite_csv(_copy(tmp_path, "a"), "cases", drop_second_row)
    plan = _plan(tmp_path, dropped)
    assert plan.bump == "major" and plan.changes[0].rows_removed == 1


def test_a_column_added_is_minor_removed_is_major(tmp_path):
    def with_fields(folder, edit):
        d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for r in d["resources"]:
            if r["name"] == "bulletins":
                edit(r["schema"]["fields"])
        (folder / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        return folder

    added = with_fields(_copy(tmp_path, "a"), lambda f: f.append({"name": "layout", "type": "string"}))
    changes = compare_releases(V1, added)
    assert [c.columns_added for c in changes] == [["layout"]] and changes[0].bump == "minor"
    removed = with_fields(_copy(tmp_path, "b"), lambda f: f.pop())
    assert compare_releases(V1, removed)[0].bump == "major"
    retyped = with_fields(_copy(tmp_path, "c"), lambda f: f[-1].update(type="integer"))
    assert compare_releases(V1, retyped)[0].columns_retyped


def test_the_changelog_entry_counts_and_leaves_room_for_a_note(tmp_path):
    new = _rewrite_csv(_copy(tmp_path), "cases", lambda s: s.replace("宁夏回族自治区总工会", "宁夏X", 1))
    plan = _plan(tmp_path, new)
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Changelog\n\nIntro.\n\n## v1.0.0 — 2026-11-24\n\nFirst.\n", encoding="utf-8")
    add_entry(log, changelog_entry(plan, "2026-12-01"))
    text = log.read_text(encoding="utf-8")
    assert text.index("## v1.0.1 — 2026-12-01") < text.index("## v1.0.0")
    assert "Maintainer's note" in text and "- `cases`: 1 rows with corrected values." in text


def test_values_are_compared_as_the_csv_holds_them(tmp_path):
    """An empty field given a value, and a line of a multi-line body changed, each count as one
    corrected row; a row order change alone is a patch with no corrected rows."""
    import csv
    import io

    def edit_rows(edit):
        def apply(text: str) -> str:
            rows = list(csv.reader(io.StringIO(text, newline="")))
            edit(rows)
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\r\n").writerows(rows)
            return buf.getvalue()
        return apply

    def fill_and_reword(rows):
        header = rows[0]
        prefecture = header.index("prefecture")
        blank = next(r for r in rows[1:] if r[prefecture] == "")
        blank[prefecture] = "某市"
        body = header.index("body")
        multi = next(r for r in rows[1:] if r is not blank and "\n" in r[body])
        multi[body] = multi[body].replace("\n", "\n改", 1)

    plan = _plan(tmp_path, _rewrite_csv(_copy(tmp_path), "cases", edit_rows(fill_and_reword)))
    assert plan.bump == "patch" and [(c.table, c.rows_changed, c.rows_added) for c in plan.changes] == [
        ("cases", 2, 0)]

    def swap(rows):
        rows[1], rows[2] = rows[2], rows[1]

    plan = _plan(tmp_path / "2", _rewrite_csv(_copy(tmp_path, "swapped"), "cases", edit_rows(swap)))
    assert plan.bump == "patch" and plan.changes[0].reordered and plan.changes[0].rows_changed == 0


def _table(folder, rows, name="t"):
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    fields = [{"name": c, "type": "string"} for c in rows[0]]
    return {"name": name, "path": f"{name}.csv", "hash": f"sha256:{folder.name}",
            "schema": {"fields": fields, "primaryKey": [rows[0][0]]}}


@pytest.mark.parametrize(("old_row", "new_row", "changed"), [
    (["1", "a\x1fb", "c"], ["1", "a", "b\x1fc"], 1),  # the same text joined, other values
    (["1", "a,b", ""], ["1", "a", "b"], 1),
    (["1", "", "x"], ["1", "", "x"], 0),
])
def test_rows_are_compared_value_by_value(tmp_path, old_row, new_row, changed):
    from pipeline.release.versioning import compare_table

    head = ["id", "p", "q"]
    old = _table(tmp_path / "old", [head, ["0", "z", "z"], old_row])
    new = _table(tmp_path / "new", [head, new_row, ["0", "z", "z"], ["2", "y", "y"]])
    change = compare_table("t", old, new, tmp_path / "old", tmp_path / "new")
    assert (change.rows_added, change.rows_removed, change.rows_changed) == (1, 0, changed)
    assert change.bump == "minor"
