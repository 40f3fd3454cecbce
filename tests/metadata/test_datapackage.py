"""The data-package descriptors: a release written with them validates with Frictionless 5."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import frictionless
import pytest

from pipeline.metadata.datapackage import (
    CSV_DIALECT,
    created_timestamp,
    package_descriptor,
    resource_descriptor,
)
from pipeline.metadata.tables import TABLES, load_table_schema
from pipeline.release.package import validate_release, write_release
from pipeline.release.version import DatasetVersion

TINY = {
    "bulletins": [
        ["bulletin_id", "title", "publisher", "event_date", "preface", "raw_path", "raw_sha256", "raw_bytes",
         "encoding", "script", "layout"],
        ["b-1", "标题, 带逗号", "中华全国总工会", "2024-04-26", "已发布两期\n第二段", "raw/b-1/bulletin.txt",
         "a" * 64, "10", "utf-8", "Hans", "print"],
    ],
    "cases": [
        ["case_id", "bulletin_id", "seq", "union_name", "province", "province_code", "prefecture",
         "prefecture_code", "county", "county_code", "union_level", "title", "body"],
        ["b-1-01", "b-1", "1", "浙江台州市总工会", "浙江省", "330000", "台州市", "331000", "", "", "prefectural", "T",
         "新增7.61万人"],
        ["b-1-02", "b-1", "2", "浙江省总工会", "浙江省", "330000", "", "", "", "", "provincial", "T2", "增长91.4%"],
    ],
    "figures": [
        ["figure_id", "case_id", "bulletin_id", "start", "end", "mention", "value", "unit", "qualifier",
         "lower", "upper", "kind", "basis", "per", "measure", "sentence"],
        ["b-1-00-00003", "", "b-1", "3", "5", "两期", "2", "期", "exact", "2", "2", "count", "total", "", "案例", "已发布两期"],
        ["b-1-01-00002", "b-1-01", "b-1", "2", "8", "7.61万人", "76100", "人", "exact", "76100", "76100",
         "count", "total", "", "", "新增7.61万人"],
        ["b-1-02-00002", "b-1-02", "b-1", "2", "7", "91.4%", "91.4", "%", "over", "91.4", "", "percent",
         "change", "", "", "增长91.4%"],
    ],
}


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_tiny_package(folder: Path, tables: dict[str, list[list[str]]] = TINY) -> Path:
    resources = []
    for name in TABLES:
        data = _csv(tables[name])
        (folder / f"{name}.csv").write_bytes(data)
        resources.append({**resource_descriptor(name, f"{name}.csv"), "bytes": len(data),
                          "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"})
    descriptor = package_descriptor(resources, version="1.0.0", created="2026-11-24",
                                    sources=[{"title": "bulletin", "path": "raw/b-1/bulletin.txt"}])
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def errors(report: frictionless.Report) -> list[str]:
    return [f"{e.type}: {e.message}" for e in report.errors] + [
        f"{e.type}: {e.message}" for t in report.tasks for e in t.errors]


def test_tiny_package_validates(tmp_path):
    report = frictionless.validate(str(write_tiny_package(tmp_path)))
    assert report.valid, errors(report)
    assert report.stats["tasks"] == 3


def test_a_changed_byte_fails_the_hash(tmp_path):
    path = write_tiny_package(tmp_path)
    csv_path = tmp_path / "cases.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"T2", b"T3"))
    report = frictionless.validate(str(path))
    assert not report.valid
    assert any("hash" in e for e in errors(report)), errors(report)


def test_an_unresolved_foreign_key_fails(tmp_path):
    bad = {**TINY, "figures": [*TINY["figures"][:2], ["b-1-09-00002", "b-1-09", *TINY["figures"][2][2:]]]}
    report = frictionless.validate(str(write_tiny_package(tmp_path, bad)))
    assert not report.valid
    assert any(e.startswith("foreign-key") for e in errors(report)), errors(report)


def test_a_broken_constraint_fails(tmp_path):
    bad = {**TINY, "cases": [*TINY["cases"][:2], [*TINY["cases"][2][:5], "33000", *TINY["cases"][2][6:]]]}
    report = frictionless.validate(str(write_tiny_package(tmp_path, bad)))
    assert not report.valid
    assert any(e.startswith("constraint-error") for e in errors(report)), errors(report)


def test_release_of_the_gold_tables_validates(tmp_path, tables):
    # The caller's own path: pipeline.release.package writes CSVs, bytes and hashes with these descriptors.
    descriptor = write_release(tmp_path / "v1.0.0", tables, DatasetVersion("1.0.0", "2026-11-24"))
    validate_release(descriptor)
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    names = [r["name"] for r in package["resources"]]
    assert names[:2 * len(TABLES)] == [*TABLES, *(f"{t}-parquet" for t in TABLES)]
    # Then the release's extra files (workbook, load.sql, site, docs), each a file resource.
    assert {"acftu-xlsx", "load-sql", "site-index-html"} <= set(names[2 * len(TABLES):])


def test_resource_descriptor_shape():
    r = resource_descriptor("figures", "figures.csv")
    assert {k: r[k] for k in ("name", "type", "path", "scheme", "format", "mediatype", "encoding")} == {
        "name": "figures", "type": "table", "path": "figures.csv", "scheme": "file", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8"}
    assert r["dialect"] == CSV_DIALECT and r["dialect"]["lineTerminator"] == "\r\n"
    names = [f["name"] for f in load_table_schema("figures")["fields"]]
    assert [f["name"] for f in r["schema"]["fields"]] == names
    assert r["schema"]["fields"][6]["decimalPlaces"] == 6
    assert "数字" in r["description"]


def test_package_descriptor_shape():
    p = package_descriptor([], version="1.2.0", created="2026-11-24", sources=[])
    assert p["name"] == "acftu-innovation-cases"
    assert p["version"] == "1.2.0"
    assert p["licenses"][0]["name"] == "CC-BY-4.0"
    assert "全国工会" in p["title"]


@pytest.mark.parametrize(("given", "expected"), [
    ("2026-11-24", "2026-11-24T00:00:00Z"),
    ("2026-11-24T08:30:00Z", "2026-11-24T08:30:00Z"),
])
def test_created_is_a_datetime(given, expected):
    assert created_timestamp(given) == expected


def test_created_must_be_iso():
    with pytest.raises(ValueError, match="not an ISO 8601"):
        created_timestamp("24 Nov 2026")


@pytest.mark.parametrize("aside", [False, True], ids=["inline", "spawned"])
def test_the_tables_are_validated_while_the_release_is_written(tmp_path, tables, monkeypatch, aside):
    import pipeline.release.package as package
    from pipeline.release.package import ReleaseValidationError

    if aside:
        monkeypatch.setattr(package, "ASIDE_ROWS", 0)  # the small gold tables go through the child too
    descriptor = write_release(tmp_path / "ok", tables, DatasetVersion("1.0.0", "2026-11-24"), validate_tables=True)
    validate_release(descriptor, tables_validated=True)
    bad = {**tables, "cases": tables["cases"].copy()}
    bad["cases"].loc[0, "province_code"] = "33000"  # six digits required
    with pytest.raises(ReleaseValidationError, match="constraint-error"):
        write_release(tmp_path / "bad", bad, DatasetVersion("1.0.0", "2026-11-24"), validate_tables=True)


def test_tables_validated_while_written_are_still_checked_byte_for_byte(tmp_path, tables):
    from pipeline.release.package import ReleaseValidationError

    descriptor = write_release(tmp_path / "r", tables, DatasetVersion("1.0.0", "2026-11-24"), validate_tables=True)
    csv_path = tmp_path / "r" / "figures.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"exact", b"exakt", 1))
    with pytest.raises(ReleaseValidationError, match="hash"):
        validate_release(descriptor, tables_validated=True)
