"""The published data packages: the committed releases and the top-level descriptor validate."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from tests.conftest import REPO

RELEASES = sorted(p for p in (REPO / "outputs" / "releases").glob("v*") if p.is_dir())


def _errors(report) -> list[str]:
    return [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]


def test_there_is_a_committed_release():
    assert RELEASES, "outputs/releases/ holds no release: run `make release` and commit it"
    latest = (REPO / "outputs" / "releases" / "latest").read_text(encoding="utf-8").strip()
    assert (REPO / "outputs" / "releases" / latest).is_dir()


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_each_release_validates(release):
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, _errors(report)


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_each_release_is_described_whole(release):
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["version"] == release.name.removeprefix("v")
    files = {r["path"] for r in descriptor["resources"]}
    assert files == {p.relative_to(release).as_posix() for p in release.rglob("*")
                     if p.is_file() and p.name != "datapackage.json"}
    for r in descriptor["resources"]:
        assert r["hash"].startswith("sha256:") and r["bytes"] == (release / r["path"]).stat().st_size
        if r["format"] == "csv":
            assert (r["type"], r["encoding"]) == ("table", "utf-8")


def test_top_level_descriptor_is_the_latest_release():
    latest = (REPO / "outputs" / "releases" / "latest").read_text(encoding="utf-8").strip()
    root = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    release = json.loads((REPO / "outputs" / "releases" / latest / "datapackage.json").read_text(encoding="utf-8"))
    assert root["version"] == release["version"] == latest.removeprefix("v")
    for key in ("name", "title", "licenses", "contributors", "created"):
        assert root[key] == release[key] and root[key]
    assert len(root["sources"]) == len(release["sources"])
    for mine, theirs in zip(root["sources"], release["sources"], strict=True):
        # Relative source paths are anchored at each descriptor: from the root they name raw/ files.
        assert {k: v for k, v in mine.items() if k != "path"} == {k: v for k, v in theirs.items() if k != "path"}
        if "://" not in mine["path"]:
            assert (REPO / mine["path"]).is_file() and (REPO / mine["path"]).stat().st_size == mine["bytes"]
    assert [r["path"] for r in root["resources"]] == [
        f"outputs/releases/{latest}/{r['path']}" for r in release["resources"]]


def test_frictionless_command_validates_the_top_level_descriptor():
    cli = Path(sys.executable).parent / "frictionless"
    run = subprocess.run([str(cli), "validate", "datapackage.json"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]


def test_a_tampered_file_fails_validation(tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(RELEASES[-1], copy)
    data = bytearray((copy / "figures.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "figures.parquet").write_bytes(bytes(data))
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any("hash" in m for m in _errors(report))


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_the_build_validation_passes_where_frictionless_does(release):
    from pipeline.release.package import validate_release

    validate_release(release / "datapackage.json")


@pytest.mark.parametrize(("path", "expected"), [
    ("site/index.html", "hash"),              # a file resource Frictionless is not given
    ("figures.parquet", "hash"),              # the one file resource of its format it is given
    ("cases.csv", "hash"),                    # a table
])
def test_the_build_validation_refuses_a_changed_byte(tmp_path, path, expected):
    from pipeline.release.package import ReleaseValidationError, validate_release

    copy = tmp_path / "release"
    shutil.copytree(RELEASES[-1], copy)
    data = bytearray((copy / path).read_bytes())
    data[len(data) // 2] ^= 0x01
    (copy / path).write_bytes(bytes(data))
    assert not frictionless.validate(str(copy / "datapackage.json")).valid
    with pytest.raises(ReleaseValidationError, match=expected):
        validate_release(copy / "datapackage.json")


def test_the_build_validation_refuses_a_missing_page_and_an_unsafe_path(tmp_path):
    from pipeline.release.package import ReleaseValidationError, validate_release

    copy = tmp_path / "release"
    shutil.copytree(RELEASES[-1], copy)
    pages = sorted((copy / "site" / "cases").glob("*.html"))
    pages[-1].unlink()
    with pytest.raises(ReleaseValidationError, match=pages[-1].name):
        validate_release(copy / "datapackage.json")
    shutil.rmtree(copy)
    shutil.copytree(RELEASES[-1], copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][-1]["path"] = "../../outside.html"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ReleaseValidationError, match="not safe"):
        validate_release(copy / "datapackage.json")


def test_the_build_validation_reads_the_rows_of_the_tables(tmp_path):
    """A CSV value that breaks its schema is found even when the descriptor's hash is made to match."""
    import hashlib

    from pipeline.release.package import ReleaseValidationError, validate_release

    copy = tmp_path / "release"
    shutil.copytree(RELEASES[-1], copy)
    csv = copy / "cases.csv"
    lines = csv.read_bytes().split(b"\r\n")
    cells = lines[1].split(b",")
    cells[2] = b"not-a-number"  # seq is an integer
    lines[1] = b",".join(cells)
    csv.write_bytes(b"\r\n".join(lines))
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        if r["path"] == "cases.csv":
            r["bytes"], r["hash"] = csv.stat().st_size, "sha256:" + hashlib.sha256(csv.read_bytes()).hexdigest()
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ReleaseValidationError, match="type-error"):
        validate_release(copy / "datapackage.json")
