"""Incremental builds end to end: the shared Dagster instance, reuse by content, automatic versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

import pipeline.incremental
from pipeline.build import build_release
from pipeline.cli import main as cli_main
from pipeline.instance import dagster_home, open_instance
from pipeline.release.publish import file_digests
from tests.conftest import BULLETIN_ID, RAW


def permuted_copy(src: Path, dest: Path) -> Path:
    """The seed bulletin's text with its first two case blocks swapped (a new bulletin's bytes)."""
    from benchmarks.build import case_blocks

    preface, blocks = case_blocks(RAW, BULLETIN_ID)
    blocks[0], blocks[1] = blocks[1], blocks[0]
    dest.write_text("".join(preface) + "".join("".join(b) for b in blocks), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("incr")
    raw, out = base / "raw", base / "out"
    shutil.copytree(RAW, raw)
    first = build_release(raw, out)
    assert first.published and first.release.name == "v1.0.0"
    return raw, out


def test_the_ui_instance_holds_the_command_line_build(corpus):
    raw, out = corpus
    assert (dagster_home(out) / "dagster.yaml").read_text(encoding="utf-8").count("enabled: false") == 2
    with open_instance(out) as instance:
        for key in ("raw_bulletins", "parsed_bulletins", "bulletins", "cases", "figures", "release_plan",
                    "duckdb_database", "csv_release"):
            event = instance.get_latest_materialization_event(dg.AssetKey(key))
            assert event is not None, key
        meta = instance.get_latest_materialization_event(dg.AssetKey("parsed_bulletins")) \
            .asset_materialization.metadata
        assert meta["parsed"].value == 1 and meta["skipped"].value == 0
        release = instance.get_latest_materialization_event(dg.AssetKey("csv_release")).asset_materialization
        assert release.metadata["version"].value == "v1.0.0"
        records = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey("figures"), "foreign_keys_resolve"), limit=5)
        assert records and records[0].status.value == "SUCCEEDED"
        schema = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey("cases"), "cases_matches_schema"), limit=5)
        assert schema[0].evaluation.passed


def test_a_rebuild_of_an_unchanged_corpus_publishes_nothing_and_changes_no_file(corpus, capsys):
    raw, out = corpus
    before = file_digests(out)
    assert cli_main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "1 bulletins reused, 0 parsed, 0 skipped"
    assert said[1].startswith("up to date: v1.0.0")
    assert file_digests(out) == before


def test_adding_a_bulletin_publishes_the_next_minor_version(corpus, tmp_path, capsys, monkeypatch):
    raw, out = corpus
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1733011200))  # 2024-12-01
    old = file_digests(out / "releases" / "v1.0.0")
    text = permuted_copy(RAW / BULLETIN_ID / "bulletin.txt", tmp_path / "new.txt")
    assert cli_main(["add", str(text), "--id", "acftu-test-2024-05-01", "--title", "测试简报",
                     "--date", "2024-05-01", "--raw", str(raw)]) == 0
    capsys.readouterr()
    assert cli_main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "1 bulletins reused, 1 parsed, 0 skipped"
    assert said[1] == f"published {out / 'releases' / 'v1.1.0'}"
    assert file_digests(out / "releases" / "v1.0.0") == old
    assert_names_its_version(out / "releases" / "v1.1.0", "1.1.0", "2024-12-01")
    assert rows_checked(out, "cases") == (30, 15)  # the cached bulletin's rows passed in the first build
    changelog = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## v1.1.0" in changelog and "- `cases`: 15 rows added." in changelog
    con = duckdb.connect(str(out / "acftu.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 30
    hive = con.execute(f"SELECT bulletin_id, count(*) FROM read_parquet('{out}/parquet/cases/*/*.parquet', "
                       "hive_partitioning = true) GROUP BY ALL ORDER BY ALL").fetchall()
    assert hive == [("acftu-innovation-cases-2024-04-26", 15), ("acftu-test-2024-05-01", 15)]
    before = file_digests(out)
    assert cli_main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    assert "up to date: v1.1.0" in capsys.readouterr().out
    assert file_digests(out) == before


def rows_checked(out: Path, table: str) -> tuple[int, int]:
    """The rows of ``table`` and how many its last schema check validated row by row."""
    with open_instance(out) as instance:
        record = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey(table), f"{table}_matches_schema"), limit=1)[0]
    meta = record.evaluation.metadata
    return meta["rows"].value, meta["rows_checked"].value


def assert_names_its_version(release: Path, version: str, date: str) -> None:
    """Every file of ``release`` that names a version or date names ``version`` and ``date``."""
    import json
    import zipfile

    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["version"], descriptor["created"]) == (version, f"{date}T00:00:00Z")
    readme = (release / "README.md").read_text(encoding="utf-8")
    assert f"release v{version}" in readme and f"**Version** {version}, cut {date}." in readme
    citation = (release / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{version}"' in citation and f"date-released: {date}" in citation
    assert f"— v{version}</h1>" in (release / "site" / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(release / "acftu.xlsx") as book:
        core = book.read("docProps/core.xml").decode("utf-8")
    assert f"v{version}</dc:title>" in core and f">{date}T00:00:00Z</dcterms:created>" in core
    for text in (readme, citation, core):
        assert "0.0.0" not in text and "1970-01-01" not in text


def test_a_changed_schema_checks_every_row_again(corpus, monkeypatch):
    raw, out = corpus
    monkeypatch.setattr(pipeline.incremental, "SCHEMA_VERSION", "another-schema")
    monkeypatch.setattr(pipeline.incremental, "pipeline_code_version", lambda: "another-schema-pipeline")
    build_release(raw, out)
    for table in ("bulletins", "cases", "figures"):
        rows, checked = rows_checked(out, table)
        assert checked == rows > 0, table


def test_a_changed_parser_reparses_every_bulletin(corpus, monkeypatch):
    raw, out = corpus
    monkeypatch.setattr(pipeline.incremental, "PARSE_CODE_VERSION", "another-parser")
    monkeypatch.setattr(pipeline.incremental, "pipeline_code_version", lambda: "another-pipeline")
    result = build_release(raw, out)
    n = len([p for p in raw.iterdir() if p.is_dir()])
    assert result.summary == f"0 bulletins reused, {n} parsed, 0 skipped"
    assert not result.published


def test_add_refuses_an_existing_id_and_known_bytes(corpus, tmp_path, capsys):
    raw, _ = corpus
    assert cli_main(["add", str(RAW / BULLETIN_ID / "bulletin.txt"), "--id", BULLETIN_ID, "--title", "x",
                     "--date", "2024-04-26", "--raw", str(raw)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert cli_main(["add", str(RAW / BULLETIN_ID / "bulletin.txt"), "--id", "another-id", "--title", "x",
                     "--date", "2024-04-26", "--raw", str(raw)]) == 1
    assert f"already in raw/ as '{BULLETIN_ID}'" in capsys.readouterr().err
    assert not (raw / "another-id").exists()


def test_the_cache_answers_by_key_and_never_with_rows_of_another_key(tmp_path):
    import pandas as pd

    from pipeline.incremental import BulletinKey, is_cached, load_cached, load_cached_files, store_cached

    key = BulletinKey("b-1", "a" * 64, "b" * 64, "v1")
    frames = {"cases": pd.DataFrame({"case_id": ["b-1-01"], "seq": [1]})}
    assert not is_cached(tmp_path, key) and load_cached(tmp_path, key) is None
    store_cached(tmp_path, key, frames, {"cases": b"PAR1"})
    assert is_cached(tmp_path, key)
    assert load_cached(tmp_path, key)["cases"].equals(frames["cases"])
    assert load_cached_files(tmp_path, key) == {"cases": b"PAR1"}
    other = BulletinKey("b-1", "a" * 64, "b" * 64, "v2")  # the parser changed
    assert not is_cached(tmp_path, other) and load_cached(tmp_path, other) is None
    assert load_cached_files(tmp_path, other) is None
    path = tmp_path / pipeline.incremental.CACHE_DIR / "b-1.pkl"
    path.write_bytes(path.read_bytes()[:-10])  # torn: the key reads, the rows do not
    assert load_cached(tmp_path, key) is None
    path.write_bytes(b"not a pickle")
    assert not is_cached(tmp_path, key) and load_cached(tmp_path, key) is None


def test_a_partition_written_from_its_cached_files_reads_as_its_rows(frames, tmp_path):
    import pandas as pd

    from pipeline.store.hive import partition_dir, partition_files, write_partition, write_partition_files

    b, c, f = frames
    tables = {"bulletins": b, "cases": c, "figures": f}
    write_partition(tmp_path / "a", BULLETIN_ID, tables)
    write_partition_files(tmp_path / "b", BULLETIN_ID, partition_files(tables))
    for t, frame in tables.items():
        a = pd.read_parquet(partition_dir(tmp_path / "a", t, BULLETIN_ID) / "part-0.parquet")
        bb = pd.read_parquet(partition_dir(tmp_path / "b", t, BULLETIN_ID) / "part-0.parquet")
        assert a.equals(bb) and len(a) == len(frame) and "bulletin_id" not in a.columns


def bulletin_frames(frames, bulletin_id: str, drop: int = 0) -> dict:
    """The repository bulletin's rows under another id (its last ``drop`` cases and figures left out)."""
    b, c, f = frames
    out = {}
    for name, frame in (("bulletins", b), ("cases", c), ("figures", f)):
        frame = frame.iloc[: len(frame) - drop if name != "bulletins" else len(frame)].copy()
        for col in ("bulletin_id", "case_id", "figure_id"):
            if col in frame:
                frame[col] = frame[col].str.replace(BULLETIN_ID, bulletin_id, regex=False)
        out[name] = frame.reset_index(drop=True)
    return out


def assert_same_frames(got: dict, expected: dict) -> None:
    """Equal tables: columns, dtypes, index and every value's type and repr (Decimal('1.0') ≠ '1.00')."""
    import pandas as pd

    assert list(got) == list(expected)
    for t in expected:
        a, b = got[t], expected[t]
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        assert a.dtypes.to_dict() == b.dtypes.to_dict(), t
        for col in b.columns:
            assert [(type(v), repr(v)) for v in a[col]] == [(type(v), repr(v)) for v in b[col]], (t, col)


def test_combined_tables_reuse_the_last_builds_rows_and_equal_a_combine_from_scratch(
        frames, tmp_path, monkeypatch):
    from pipeline.incremental import CACHE_DIR, CORPUS_FILE, BulletinKey, combine_tables, store_cached
    from pipeline.metadata.tables import TABLES
    from pipeline.tables.combine import combine_table

    parts = {f"b-{i:02d}": bulletin_frames(frames, f"b-{i:02d}", drop=i) for i in range(6)}
    keys = {bid: BulletinKey(bid, f"{i:064d}", "m" * 64, "v1") for i, bid in enumerate(parts)}
    for bid, key in keys.items():
        store_cached(tmp_path, key, parts[bid])

    def from_scratch() -> dict:
        return {t: combine_table(t, [parts[b][t] for b in sorted(keys)]) for t in TABLES}

    monkeypatch.setattr(pipeline.incremental, "KEEP_MIN", 1)
    read: list[str] = []
    real_load = pipeline.incremental.load_cached
    monkeypatch.setattr(pipeline.incremental, "load_cached",
                        lambda out, key: read.append(key.bulletin_id) or real_load(out, key))
    assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
    assert sorted(read) == sorted(keys) and (tmp_path / CACHE_DIR / CORPUS_FILE).exists()

    # One added (sorting first), one changed, one removed: only the added and changed are read.
    read.clear()
    parts["a-new"] = bulletin_frames(frames, "a-new", drop=2)
    keys["a-new"] = BulletinKey("a-new", "n" * 64, "m" * 64, "v1")
    parts["b-03"] = bulletin_frames(frames, "b-03", drop=7)
    keys["b-03"] = BulletinKey("b-03", "c" * 64, "m" * 64, "v1")
    del keys["b-01"], parts["b-01"]
    for bid in ("a-new", "b-03"):
        store_cached(tmp_path, keys[bid], parts[bid])
    assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
    assert sorted(read) == ["a-new", "b-03"]

    # Unchanged: nothing is read; a changed parser version reads every bulletin.
    read.clear()
    assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
    assert read == []
    keys = {b: BulletinKey(*k.as_tuple()[:3], "v2") for b, k in keys.items()}
    for bid, key in keys.items():
        store_cached(tmp_path, key, parts[bid])
    assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
    assert sorted(read) == sorted(keys)

    # Kept tables not written again (few bulletins changed) still give the same tables.
    monkeypatch.setattr(pipeline.incremental, "REWRITE_SHARE", 0)
    before = (tmp_path / CACHE_DIR / CORPUS_FILE).read_bytes()
    for step in ("remove", "add"):
        if step == "remove":
            del keys["b-04"], parts["b-04"]
        else:
            parts["b-06"] = bulletin_frames(frames, "b-06", drop=1)
            keys["b-06"] = BulletinKey("b-06", "6" * 64, "m" * 64, "v2")
            store_cached(tmp_path, keys["b-06"], parts["b-06"])
        read.clear()
        assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
        assert read == ([] if step == "remove" else ["b-06"])
    assert (tmp_path / CACHE_DIR / CORPUS_FILE).read_bytes() == before

    # A torn or foreign file is ignored: every bulletin is read from its own cache.
    corpus = tmp_path / CACHE_DIR / CORPUS_FILE
    for damaged in (corpus.read_bytes()[: corpus.stat().st_size // 2], b"not a pickle"):
        corpus.write_bytes(damaged)
        read.clear()
        assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
        assert sorted(read) == sorted(keys)

    # A corpus too small to keep a combined copy of reads every bulletin, and removes the copy.
    monkeypatch.setattr(pipeline.incremental, "KEEP_MIN", len(keys) + 1)
    read.clear()
    assert_same_frames(combine_tables(tmp_path, keys), from_scratch())
    assert sorted(read) == sorted(keys) and not corpus.exists()


def test_rows_joined_by_the_parse_workers_are_taken_when_their_bulletins_and_keys_fit(frames, tmp_path,
                                                                                      monkeypatch):
    from pipeline.incremental import BulletinKey, combine_tables, frame_signature, store_cached
    from pipeline.metadata.tables import TABLES
    from pipeline.parsing import ParsedRows
    from pipeline.tables.combine import combine_table, join_parts

    parts = {f"b-{i:02d}": bulletin_frames(frames, f"b-{i:02d}", drop=i) for i in range(7)}
    keys = {bid: BulletinKey(bid, f"{i:064d}", "m" * 64, "v1") for i, bid in enumerate(parts)}
    for bid, key in keys.items():
        store_cached(tmp_path, key, parts[bid])

    def batch(ids: list[str], key_of=keys) -> ParsedRows:
        return ParsedRows([key_of[b].as_tuple() for b in ids],
                          {t: join_parts([parts[b][t] for b in ids]) for t in TABLES},
                          {t: {b: frame_signature(parts[b][t]) for b in ids} for t in TABLES})

    read: list[str] = []
    real_load = pipeline.incremental.load_cached
    monkeypatch.setattr(pipeline.incremental, "load_cached",
                        lambda out, key: read.append(key.bulletin_id) or real_load(out, key))
    stale_key = {**keys, "b-05": BulletinKey("b-05", "x" * 64, "m" * 64, "v1")}
    parsed = [batch(["b-00", "b-01", "b-02"]),  # fits
              batch(["b-03", "b-06"]),  # not neighbours in bulletin order: read from the cache
              batch(["b-05"], stale_key)]  # rows of another key: read from the cache
    expected = {t: combine_table(t, [parts[b][t] for b in sorted(keys)]) for t in TABLES}
    assert_same_frames(combine_tables(tmp_path, keys, parsed), expected)
    assert sorted(read) == ["b-03", "b-04", "b-05", "b-06"]


def test_combined_tables_with_parts_of_other_dtypes_are_combined_from_scratch(frames, tmp_path, monkeypatch):
    from pipeline.incremental import BulletinKey, combine_tables, store_cached
    from pipeline.metadata.tables import TABLES
    from pipeline.tables.combine import combine_table

    monkeypatch.setattr(pipeline.incremental, "KEEP_MIN", 1)
    parts = {f"b-{i}": bulletin_frames(frames, f"b-{i}") for i in range(3)}
    # NOTE: an object column among str columns widens the combined column to object.
    parts["b-1"]["cases"]["title"] = parts["b-1"]["cases"]["title"].astype(object)
    keys = {bid: BulletinKey(bid, bid * 32, "m" * 64, "v1") for bid in parts}
    for bid, key in keys.items():
        store_cached(tmp_path, key, parts[bid])
    expected = {t: combine_table(t, [parts[b][t] for b in sorted(parts)]) for t in TABLES}
    assert expected["cases"]["title"].dtype == object
    assert_same_frames(combine_tables(tmp_path, keys), expected)
    del keys["b-1"], parts["b-1"]  # without the object part, the column is str again
    expected = {t: combine_table(t, [parts[b][t] for b in sorted(parts)]) for t in TABLES}
    assert expected["cases"]["title"].dtype != object
    assert_same_frames(combine_tables(tmp_path, keys), expected)


def test_declared_metadata_is_kept_for_this_code_only(tmp_path, monkeypatch):
    from pipeline.incremental import CACHE_DIR, DECLARED_FILE, read_declared, write_declared

    assert read_declared(tmp_path) == {}
    declared = {"d" * 64: ("b-1", "e" * 64)}
    write_declared(tmp_path, declared)
    assert read_declared(tmp_path) == declared
    monkeypatch.setattr(pipeline.incremental, "PARSE_CODE_VERSION", "another-parser")
    assert read_declared(tmp_path) == {}
    monkeypatch.undo()
    import json

    for bad in ([], {"d": "b-1"}, {"d": ["b-1"]}):
        (tmp_path / CACHE_DIR / DECLARED_FILE).write_text(
            json.dumps({"code_version": pipeline.incremental.PARSE_CODE_VERSION, "declared": bad}),
            encoding="utf-8")
        assert read_declared(tmp_path) == {}, bad


def test_the_offsets_check_reads_the_figures_of_bulletins_not_checked_before(frames, tmp_path):
    import pandas as pd

    from pipeline.checks import mentions_at_offsets
    from pipeline.incremental import BulletinKey

    parts = {b: bulletin_frames(frames, b) for b in ("b-1", "b-2")}
    keys = {b: BulletinKey(b, b * 32, "m" * 64, "v1") for b in parts}
    out = tmp_path / "out"

    def check(keys: dict, figures: pd.DataFrame | None = None):
        tables = {t: pd.concat([parts[b][t] for b in sorted(parts)], ignore_index=True)
                  for t in ("bulletins", "cases", "figures")}
        return mentions_at_offsets(tables["figures"] if figures is None else figures, tables["cases"],
                                   tables["bulletins"], keys, out)

    n = len(parts["b-1"]["figures"])
    first = check(keys)
    assert first.passed and first.metadata["figures_checked"].value == 2 * n
    assert check(keys).metadata["figures_checked"].value == 0
    # b-2 changed (a new key) and one of its mentions no longer stands at its offsets.
    keys["b-2"] = BulletinKey("b-2", "c" * 64, "m" * 64, "v1")
    moved = parts["b-2"]["figures"].copy()
    moved["start"] = moved["start"] + 1
    parts["b-2"]["figures"] = moved
    failed = check(keys)
    assert not failed.passed and f"{n} figures are not at their offsets" == failed.description
    assert not check(keys).passed  # a failed bulletin is not recorded as checked
