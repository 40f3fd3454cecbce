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
from pipeline.release.publish import STAGING_PREFIX, file_digests
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


def test_a_fresh_build_of_raw_is_up_to_date_with_the_committed_release(tmp_path):
    """The committed release is reproducible: a build of raw/ beside it finds nothing to publish."""
    out = tmp_path / "out"
    shutil.copytree(RAW.parent / "outputs" / "releases", out / "releases")
    before = published(out)
    result = build_release(RAW, out)
    assert not result.published, (
        "the code builds other tables than the committed latest release: run `make release` and commit "
        "the new version it cuts (RELEASING.md)")
    assert result.release.name == (out / "releases" / "latest").read_text(encoding="utf-8").strip()
    assert {k: v for k, v in published(out).items() if k.startswith("releases/")} == before


def test_two_builds_give_the_same_database_contents(built, tmp_path):
    again = tmp_path / "again"
    build_release(RAW, again)
    tables = ("bulletins", "cases", "figures")
    dumps = []
    for out in (built, again):
        con = duckdb.connect(str(out / "acftu.duckdb"), read_only=True)
        dumps.append({t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables})
        con.close()
    assert dumps[0] == dumps[1]


def test_database_types_and_views(built):
    con = duckdb.connect(str(built / "acftu.duckdb"), read_only=True)
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'figures'").fetchall())
    assert types["value"].startswith("DECIMAL") and types["start"] == "BIGINT"
    value = con.execute("SELECT value FROM figures WHERE mention = '84.43万人'").fetchone()[0]
    assert str(value.normalize()) == "8.443E+5"
    row = con.execute("SELECT case_title, union_name, province, prefecture, sentence FROM figures_with_context "
                      "WHERE mention = '1.8万家'").fetchone()
    assert row[1:4] == ("广东广州市总工会", "广东省", "广州市") and "1.8万家" in row[4]
    summary = con.execute("SELECT count(*), sum(figures) FROM case_overview").fetchone()
    assert summary[0] == 15
    assert summary[1] == con.execute("SELECT count(*) FROM figures WHERE case_id IS NOT NULL").fetchone()[0]
    # 近千万元 in dispute and 60余万元 recovered are two measures: never one sum.
    money = con.execute("SELECT measure, value_sum FROM case_summary WHERE union_name = '福建龙岩市总工会' "
                        "AND unit = '元' ORDER BY value_sum").fetchall()
    assert [v for _, v in money] == [600_000, 10_000_000]


def test_parquet_copies_are_typed_and_exact(built):
    latest = (built / "releases" / "latest").read_text(encoding="utf-8").strip()
    release = built / "releases" / latest
    con = duckdb.connect()
    rows = con.execute(f"SELECT mention, value, typeof(value) FROM '{release / 'figures.parquet'}' "
                       "WHERE mention IN ('7.61万人', '91.4%') ORDER BY mention").fetchall()
    assert [(m, str(v.normalize()), t) for m, v, t in rows] == [
        ("7.61万人", "7.61E+4", "DECIMAL(38,6)"), ("91.4%", "91.4", "DECIMAL(38,6)")]
    for table in ("bulletins", "cases", "figures"):
        n_parquet = con.execute(f"SELECT count(*) FROM '{release / (table + '.parquet')}'").fetchone()[0]
        assert n_parquet == len(read_csv(release / f"{table}.csv"))


@pytest.mark.parametrize("early", [True, False])
def test_a_build_whose_release_writers_start_with_the_tables_publishes_the_same_release(built, tmp_path,
                                                                                      monkeypatch, early):
    import pipeline.assets
    from pipeline.release import package

    monkeypatch.setattr(package, "ASIDE_ROWS", 0)  # the seed's tables get writers of their own
    # Early: the seed's figures are "many rows to check"; else the writers start in release_plan.
    monkeypatch.setattr(pipeline.assets, "PRESTART_ROWS", 0 if early else 10**9)
    prestarted, started = [], []
    real_prestart = pipeline.assets.prestart
    monkeypatch.setattr(pipeline.assets, "prestart",
                        lambda folder, *a, **k: prestarted.append(folder) or real_prestart(folder, *a, **k))
    real = package.ReleaseWriters.start
    monkeypatch.setattr(package.ReleaseWriters, "start", lambda self: started.append(self.folder) or real(self))
    again = tmp_path / "again"
    build_release(RAW, again)
    # Started once: by tables and taken by release_plan, or by release_plan.
    assert len(started) == 1 and started[0].name == "candidate" and len(prestarted) == int(early)
    latest = (built / "releases" / "latest").read_text(encoding="utf-8").strip()
    assert file_digests(again / "releases" / latest) == file_digests(built / "releases" / latest)
    assert package._prestarted == {} and not list(again.glob(STAGING_PREFIX + "*"))


@pytest.mark.parametrize("aside", [False, True])
def test_a_corrupt_value_fails_its_check_names_the_row_and_publishes_nothing(built, tmp_path, monkeypatch, aside):
    import pipeline.assets
    import pipeline.incremental
    import pipeline.parsing
    from pipeline.release import package

    if aside:  # the release's writers were started with the tables, before the checks
        monkeypatch.setattr(package, "ASIDE_ROWS", 0)
        monkeypatch.setattr(pipeline.assets, "PRESTART_ROWS", 0)

    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = published(out)
    real = pipeline.parsing.figures_frame

    def corrupt(bulletins, cases):
        frame = real(bulletins, cases)
        frame.loc[3, "lower"] = frame.loc[3, "upper"] + 1
        return frame

    monkeypatch.setattr(pipeline.parsing, "figures_frame", corrupt)
    monkeypatch.setattr(pipeline.incremental, "PARSE_CODE_VERSION", "a-changed-parser")
    bad_id = real(*_frames())["figure_id"][3]
    with pytest.raises(BuildFailed) as failure:
        build_release(RAW, out)
    message = str(failure.value)
    assert "figures_matches_schema" in message and bad_id in message
    assert published(out) == before
    # The writers started before the checks are stopped, and their files removed.
    assert package._prestarted == {} and not list(out.glob(STAGING_PREFIX + "*"))


def _frames():
    from pipeline.sources import load_snapshot
    from pipeline.tables import bulletins_frame, cases_frame, parse_bulletin

    parsed = parse_bulletin(load_snapshot(RAW, BULLETIN_ID))
    return bulletins_frame(parsed), cases_frame(parsed)
