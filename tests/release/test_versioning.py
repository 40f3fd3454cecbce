"""Version rules of RELEASING.md that a test can hold: every release has a changelog entry, and a
version that drops or renames a column of an earlier release is a new major version."""

import json
import re

from pipeline.metadata.tables import TABLES, field_names
from pipeline.release.version import current_version
from tests.conftest import REPO

RELEASES = REPO / "outputs" / "releases"


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.removeprefix("v").split("."))


def _columns(release) -> dict[str, set[str]]:
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: {f["name"] for f in r["schema"]["fields"]}
            for r in descriptor["resources"] if r.get("type") == "table"}


def test_every_release_and_the_current_version_have_a_changelog_entry():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = set(re.findall(r"^## (v\d+\.\d+\.\d+)", changelog, flags=re.M))
    versions = {p.name for p in RELEASES.glob("v*") if p.is_dir()} | {current_version().folder}
    assert versions <= entries, f"add CHANGELOG.md entries for {sorted(versions - entries)}"


def test_dropping_or_renaming_a_column_needs_a_major_version():
    current = current_version()
    now = {t: set(field_names(t)) for t in TABLES}
    for release in RELEASES.glob("v*"):
        if _key(release.name) >= _key(current.version):
            continue
        lost = {(t, c) for t, cols in _columns(release).items() for c in cols - now.get(t, set())}
        if lost:
            assert _key(current.version)[0] > _key(release.name)[0], (
                f"columns {sorted(lost)} of {release.name} are gone: bump the major version (RELEASING.md)")


def test_the_version_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+", current_version().version)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", current_version().created)
