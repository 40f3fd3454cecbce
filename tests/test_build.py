"""End to end: every asset materialized in process into a temporary folder, checked against gold."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.build import BuildFailed, build_release
from pipeline.cli import main as cli_main
from pipeline.release.publish import file_digests
from tests.conftest import BULLETIN_ID, RAW, read_gold_cases, read_gold_preface


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def published(out: Path) -> dict[str, str]:
    """Digests of what a build publishes (lock files and staging aside)."""
    return {k: v for k, v in file_digests(out).items() if not k.startswith(".")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build_release(RAW, out)
    return out


def test_release_cases_match_gold(built):
    latest = (built / "releases" / "latest").read_text(encoding="utf-8").strip()
    release = built / "releases" / latest
    cases = read_csv(release / "cases.csv")
    gold = read_gold_cases()
    assert len(cases) == len(gold) == 15
    for row, g in zip(cases, gold, strict=True):
        assert row["case_id"] == f"{BULLETIN_ID}-{int(g['seq']):02d}"
        for field in ("union_name", "province", "province_code", "prefecture", "prefecture_code",
                      "union_level", "body"):
            assert row[field] == g[field], (g["seq"], field)
        assert squash(row["title"]) == squash(g["title"])
    (bulletin,) = read_csv(release / "bulletins.csv")
    assert bulletin["preface"] == read_gold_preface()
    assert bulletin["event_date"] == "2024-04-26"


def test_database_has_the_same_cases(built):
    con = duckdb.connect(str(built / "acftu.duckdb"), read_only=True)
    rows = con.execute("SELECT seq, union_name, province_code, prefecture_code FROM cases ORDER BY seq").fetchall()
    gold = read_gold_cases()
    assert [(r[0], r[1], r[2], r[3] or "") for r in rows] == [
        (int(g["seq"]), g["union_name"], g["province_code"], g["prefecture_code"]) for g in gold]
    assert con.execute("SELECT event_date FROM bulletins").fetchone()[0].isoformat() == "2024-04-26"


def test_rebuild_is_byte_identical(built, tmp_path):
    again = tmp_path / "again"
    build_release(RAW, again)
    latest = (built / "releases" / "latest").read_text(encoding="utf-8").strip()
    assert file_digests(again / "releases" / latest) == file_digests(built / "releases" / latest)


def test_cli_builds_a_bulletin_folder_outside_the_repo(tmp_path, capsys):
    raw = tmp_path / "elsewhere"
    shutil.copytree(RAW / BULLETIN_ID, raw / BULLETIN_ID)
    assert cli_main(["build", "--raw", str(raw), "--out", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / "acftu.duckdb").exists()
    assert "published" in capsys.readouterr().out


def test_bad_bulletin_fails_and_keeps_the_previous_release(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = published(out)
    raw = tmp_path / "raw"
    shutil.copytree(RAW / BULLETIN_ID, raw / BULLETIN_ID)
    (raw / BULLETIN_ID / "bulletin.txt").write_text("被改动的文字", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"bulletin\.txt: bytes do not match the recorded sha256"):
        build_release(raw, out)
    assert published(out) == before
