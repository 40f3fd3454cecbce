"""The README's example queries and pandas snippets run as printed, on outputs laid out like a build's."""

import os
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.release.csvfiles import write_csv
from pipeline.release.parquetfiles import write_parquet
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Query in one line"):text.index("## A release folder on its own")]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def outputs(frames, tmp_path_factory):
    """outputs/acftu.duckdb and outputs/releases/<v>/ with latest, from the seed's rows."""
    root = tmp_path_factory.mktemp("readme")
    release = root / "outputs" / "releases" / "v9.9.9"
    release.mkdir(parents=True)
    (root / "outputs" / "releases" / "latest").write_text("v9.9.9\n", encoding="utf-8")
    tables = dict(zip(("bulletins", "cases", "figures"), frames, strict=True))
    for name, frame in tables.items():
        write_csv(frame, release / f"{name}.csv")
        write_parquet(name, frame, release / f"{name}.parquet")
    write_database(root / "outputs" / "acftu.duckdb", tables, duckdb_ddl(), views=VIEWS_SQL)
    return root


def test_the_readme_has_the_wrong_sum_and_the_right_ones():
    sql = _blocks("sql")
    assert len(sql) == 4
    assert "WRONG" in sql[1] and "figures_additive" in sql[2] and "case_summary" in sql[3]


@pytest.mark.parametrize("index", range(4))
def test_every_query_runs(outputs, index):
    con = duckdb.connect(str(outputs / "outputs" / "acftu.duckdb"), read_only=True)
    rows = con.execute(_blocks("sql")[index]).fetchall()
    con.close()
    assert rows


def test_the_right_sum_keeps_the_dispute_and_the_money_recovered_apart(outputs):
    con = duckdb.connect(str(outputs / "outputs" / "acftu.duckdb"), read_only=True)
    wrong = dict(con.execute(_blocks("sql")[1]).fetchall())
    right = con.execute(_blocks("sql")[3]).fetchall()
    con.close()
    longyan = [r for r in right if r[0] == "福建龙岩市总工会"]
    assert sorted(r[3] for r in longyan) == [600_000, 10_000_000]
    assert 10_600_000 in wrong.values()  # what the naive query says for the same case


def test_the_pandas_snippet_reads_exact_decimals_and_codes_as_strings(outputs):
    (snippet,) = _blocks("python")
    here = os.getcwd()
    os.chdir(outputs)
    try:
        env: dict = {}
        exec(snippet, env)  # noqa: S102 (the README's own text, run as a reader would)
    finally:
        os.chdir(here)
    figures, cases = env["figures"], env["cases"]
    assert str(figures["value"].dtype).startswith("decimal128")
    assert str(env["exact_total"]) == str(sum(figures["value"].dropna().tolist()))
    assert env["wan"].dtype == "double[pyarrow]"
    assert figures.loc[figures["mention"] == "84.43万人", "value"].iloc[0] == Decimal("844300")
    codes = cases["prefecture_code"].dropna().tolist()
    assert codes and all(isinstance(c, str) and re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert env["sums"].loc[("元", "经济损失")] == 600_000
