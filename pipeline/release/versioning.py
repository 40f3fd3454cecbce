"""The next version, decided by comparing a built release with the latest published one.

No change in any table → nothing to publish. Otherwise the largest change decides (RELEASING.md):

- major: a table or column removed, a column renamed (removed + added) or retyped, rows removed;
- minor: a table or column added, rows added;
- patch: values corrected in existing rows (same keys), or only the order of rows changed.

Tables are compared through their CSV files: equal sha256 means equal tables; otherwise rows are
matched by the table's primary key from its Table Schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BUMPS = ("patch", "minor", "major")


@dataclass
class TableChange:
    """What differs in one table between the latest release and the build."""

    table: str
    table_added: bool = False
    table_removed: bool = False
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[str] = field(default_factory=list)
    rows_added: int = 0
    rows_removed: int = 0
    rows_changed: int = 0
    reordered: bool = False

    @property
    def bump(self) -> str | None:
        # NOTE: removed rows are a major change: a case_id or figure_id that a user stored no longer
        # resolves, as a removed column breaks a query.
        if self.table_removed or self.columns_removed or self.columns_retyped or self.rows_removed:
            return "major"
        if self.table_added or self.columns_added or self.rows_added:
            return "minor"
        if self.rows_changed or self.reordered:
            return "patch"
        return None

    def lines(self) -> list[str]:
        t = f"`{self.table}`"
        if self.table_added:
            return [f"{t}: new table, {self.rows_added} rows."]
        if self.table_removed:
            return [f"{t}: table removed."]
        out = []
        for what, cols in (("added", self.columns_added), ("removed", self.columns_removed),
                           ("retyped", self.columns_retyped)):
            if cols:
                out.append(f"{t}: columns {what}: {', '.join(f'`{c}`' for c in cols)}.")
        for what, n in (("added", self.rows_added), ("removed", self.rows_removed),
                        ("with corrected values", self.rows_changed)):
            if n:
                out.append(f"{t}: {n} rows {what}.")
        if self.reordered and not out:
            out.append(f"{t}: rows in another order.")
        return out


@dataclass
class ReleasePlan:
    """The latest release, how the build differs from it, and the version to publish (None: none)."""

    previous: str | None
    changes: list[TableChange]
    version: str | None

    @property
    def bump(self) -> str | None:
        bumps = [c.bump for c in self.changes if c.bump]
        return max(bumps, key=BUMPS.index) if bumps else None

    @property
    def up_to_date(self) -> bool:
        return self.version is None


def latest_release(out_dir: Path) -> Path | None:
    """The folder ``releases/latest`` names, or None when nothing was published."""
    releases = Path(out_dir) / "releases"
    try:
        name = (releases / "latest").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = releases / name
    return folder if name and (folder / "datapackage.json").exists() else None


def _tables(descriptor_path: Path) -> dict[str, dict]:
    descriptor = json.loads(Path(descriptor_path).read_text(encoding="utf-8"))
    return {r["name"]: r for r in descriptor["resources"] if r.get("type") == "table"}


def _csv_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a release's CSV file as text, the header first (blank lines skipped)."""
    with open(path, encoding="utf-8", newline="") as f:
        yield from (row for row in csv.reader(f) if row)


def _header(path: Path) -> list[str]:
    return next(_csv_rows(path), [])


def _row_count(path: Path) -> int:
    return max(sum(1 for _ in _csv_rows(path)) - 1, 0)


def _keyed(path: Path, key: list[str], values: list[str]) -> dict[tuple[str, ...], bytes]:
    """Each row's ``key`` columns → a digest of its ``values`` columns (as text)."""
    rows = _csv_rows(path)
    header = next(rows, [])
    at = {c: i for i, c in enumerate(header)}
    k, v = [at[c] for c in key], [at[c] for c in values]
    out, width = {}, len(header)
    for row in rows:
        if len(row) < width:
            row += [""] * (width - len(row))  # a short row reads as empty cells
        out[tuple(row[i] for i in k)] = _digest([row[i] for i in v])
    return out


def _digest(values: list[str]) -> bytes:
    """16 bytes that differ for different lists of texts."""
    joined = "\x1f".join(values)
    # Joined with a separator no value holds, the texts are recovered from it; otherwise as JSON.
    data = ("s" + joined if joined.count("\x1f") == len(values) - 1 or not values
            else "j" + json.dumps(values))
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).digest()


def compare_table(name: str, old: dict, new: dict, old_dir: Path, new_dir: Path) -> TableChange:
    """How table ``name`` changed, rows matched by its primary key (every column when it has none).

    NOTE: the rows are read as text, one at a time, and each is kept as its key and a 16-byte
    digest of its other columns: two pandas frames of Python strings held some 300 MB on 1,000
    bulletins, the peak of the whole build. A value counts as changed when its text in the CSV
    changed, as it did with the frames (read as text too).
    """
    change = TableChange(name)
    old_types = {f["name"]: f["type"] for f in old["schema"]["fields"]}
    new_types = {f["name"]: f["type"] for f in new["schema"]["fields"]}
    change.columns_added = [c for c in new_types if c not in old_types]
    change.columns_removed = [c for c in old_types if c not in new_types]
    change.columns_retyped = [c for c in new_types if c in old_types and new_types[c] != old_types[c]]
    if old.get("hash") == new.get("hash"):
        return change
    old_path, new_path = Path(old_dir) / old["path"], Path(new_dir) / new["path"]
    a_cols, b_cols = _header(old_path), _header(new_path)
    key = [k for k in (new["schema"].get("primaryKey") or []) if k in a_cols and k in b_cols]
    common = [c for c in b_cols if c in a_cols]
    if not key:
        key = common
    values = [c for c in common if c not in key]
    a, b = _keyed(old_path, key, values), _keyed(new_path, key, values)
    change.rows_added = sum(1 for k in b if k not in a)
    change.rows_removed = sum(1 for k in a if k not in b)
    if values:
        change.rows_changed = sum(1 for k, d in b.items() if k in a and a[k] != d)
    change.reordered = not (change.rows_added or change.rows_removed or change.rows_changed
                            or change.columns_added or change.columns_removed)
    return change


def compare_releases(old_dir: Path, new_dir: Path) -> list[TableChange]:
    """Every table's change from the release in ``old_dir`` to the one in ``new_dir`` (changed only)."""
    old, new = _tables(Path(old_dir) / "datapackage.json"), _tables(Path(new_dir) / "datapackage.json")
    changes = []
    for name in new:
        if name not in old:
            rows = _row_count(Path(new_dir) / new[name]["path"])
            changes.append(TableChange(name, table_added=True, rows_added=rows))
        else:
            changes.append(compare_table(name, old[name], new[name], Path(old_dir), Path(new_dir)))
    changes += [TableChange(name, table_removed=True) for name in old if name not in new]
    return [c for c in changes if c.bump]


def next_version(previous: str, bump: str) -> str:
    major, minor, patch = (int(x) for x in previous.removeprefix("v").split("."))
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def plan_release(out_dir: Path, candidate: Path) -> ReleasePlan:
    """Compare the built ``candidate`` folder with the latest release of ``out_dir``."""
    latest = latest_release(out_dir)
    if latest is None:
        # NOTE: the first release of an output folder is 1.0.0.
        tables = _tables(candidate / "datapackage.json")
        return ReleasePlan(None, [TableChange(n, table_added=True) for n in tables], "1.0.0")
    previous = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))["version"]
    changes = compare_releases(latest, candidate)
    plan = ReleasePlan(previous, changes, None)
    if plan.bump:
        plan.version = next_version(previous, plan.bump)
    return plan


def release_date() -> str:
    """The date a new version is cut: today (UTC), or the day of ``SOURCE_DATE_EPOCH`` when set.

    NOTE: the date is stored in the release's datapackage.json and never recomputed for it, so
    rebuilding a published version cannot change its bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else time.time()
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
