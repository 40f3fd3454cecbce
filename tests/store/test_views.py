"""The analyst views sum only what may be summed: stated amounts of one unit and one measure."""

from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from pipeline.metadata.ddl import duckdb_ddl
from pipeline.store import write_database
from pipeline.store.views import VIEWS_SQL
from pipeline.tables.build import FIGURE_COLUMNS

D = Decimal


def _figure(case_id, n, mention, value, unit, basis, measure, kind="count", lower=None, upper=None, per=""):
    lower = value if lower is None and upper is None else lower
    upper = value if upper is None and lower == value else upper
    return {"figure_id": f"{case_id}-{n:05d}", "case_id": case_id, "bulletin_id": case_id.rsplit("-", 1)[0],
            "start": n, "end": n + len(mention), "mention": mention, "value": value, "unit": unit,
            "qualifier": "exact", "lower": lower, "upper": upper, "kind": kind, "basis": basis, "per": per,
            "measure": measure, "sentence": mention}


@pytest.fixture(scope="module")
def con(frames, tmp_path_factory):
    """A small database: the seed's bulletin and cases, and figures written for the test."""
    b, c, _ = frames
    one, two = c["case_id"].iloc[0], c["case_id"].iloc[1]
    rows = [
        _figure(one, 1, "近千万元", D(10_000_000), "元", "total", "涉案金额", "money", lower=None,
                upper=D(10_000_000)),
        _figure(one, 20, "60余万元", D(600_000), "元", "total", "经济损失", "money", D(600_000), D(700_000)),
        _figure(one, 40, "40万元", D(400_000), "元", "cumulative", "经济损失", "money"),
        _figure(one, 60, "不低于3100元", D(3100), "元", "limit", "月工资", "money", D(3100), None),
        _figure(one, 80, "300元/人/月", D(300), "元/人/月", "rate", "补助", "money", per="人/月"),
        _figure(one, 100, "超过50万", D(500_000), "", "average", "活跃用户", lower=D(500_000), upper=None,
                per="日"),
        _figure(one, 120, "9%", D(9), "%", "change", "薪酬", "percent"),
        _figure(one, 140, "91.4%", D("91.4"), "%", "total", "满意度", "percent"),
        _figure(one, 160, "200人", D(200), "人", "total", "职工"),
        _figure(one, 180, "300人", D(300), "人", "total", "职工"),
        _figure(one, 200, "5家", D(5), "家", "total", "企业"),
        _figure(one, 220, "近800万", D(8_000_000), "", "total", "用户", lower=None, upper=D(8_000_000)),
        _figure(one, 240, "几十家", None, "家", "total", "媒体", lower=None, upper=None),
        _figure(one, 260, "6个", D(6), "个", "total", ""),
        _figure(two, 1, "100人", D(100), "人", "total", "职工"),
        _figure(two, 20, "三年", D(3), "年", "total", "", "duration"),
    ]
    f = pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype({"start": "int64", "end": "int64"})
    db = tmp_path_factory.mktemp("views") / "v.duckdb"
    write_database(db, {"bulletins": b, "cases": c, "figures": f}, duckdb_ddl(), views=VIEWS_SQL)
    connection = duckdb.connect(str(db), read_only=True)
    yield connection, one, two, len(c)
    connection.close()


def test_figures_additive_holds_only_stated_counts_and_amounts(con):
    db, one, two, _ = con
    got = sorted(r[0] for r in db.execute("SELECT mention FROM figures_additive").fetchall())
    assert got == sorted(["近千万元", "60余万元", "40万元", "200人", "300人", "5家", "近800万", "100人"])


def test_case_summary_never_sums_across_measures_or_units(con):
    db, one, two, _ = con
    rows = db.execute("SELECT unit, measure, figures, value_sum, lower_sum, upper_sum FROM case_summary "
                      "WHERE case_id = ? ORDER BY unit NULLS FIRST, measure", [one]).fetchall()
    assert rows == [
        (None, "用户", 1, D(8_000_000), None, D(8_000_000)),
        ("人", "职工", 2, D(500), D(500), D(500)),
        ("元", "涉案金额", 1, D(10_000_000), None, D(10_000_000)),
        # 60余万元 and 40万元: [600000, 700000] + 400000; the floor and the rate are not in it
        ("元", "经济损失", 2, D(1_000_000), D(1_000_000), D(1_100_000)),
        ("家", "企业", 1, D(5), D(5), D(5)),
    ]


def test_a_case_with_nothing_to_add_has_one_empty_row_and_cases_are_not_mixed(con):
    db, one, two, n_cases = con
    assert db.execute("SELECT unit, measure, figures, value_sum FROM case_summary WHERE case_id = ?",
                      [two]).fetchall() == [("人", "职工", 1, D(100))]
    empty = db.execute("SELECT count(*), sum(figures), count(value_sum) FROM case_summary "
                       "WHERE case_id NOT IN (?, ?)", [one, two]).fetchone()
    assert empty == (n_cases - 2, 0, 0)


def test_case_overview_counts_every_figure_by_basis(con):
    db, one, _, _ = con
    row = db.execute("SELECT figures, stated_amounts, not_additive, money_figures FROM case_overview "
                     "WHERE case_id = ?", [one]).fetchone()
    assert row == (14, 10, 4, 5)


def test_the_seed_release_no_longer_adds_a_dispute_to_money_recovered(frames, tmp_path):
    b, c, f = frames
    db = tmp_path / "seed.duckdb"
    write_database(db, {"bulletins": b, "cases": c, "figures": f}, duckdb_ddl(), views=VIEWS_SQL)
    connection = duckdb.connect(str(db), read_only=True)
    sums = connection.execute("SELECT value_sum FROM case_summary s JOIN cases USING (case_id) "
                              "WHERE s.union_name = '福建龙岩市总工会' AND unit = '元' ORDER BY value_sum").fetchall()
    assert [v for (v,) in sums] == [600_000, 10_000_000]
    # every additive figure is a total or cumulative count or amount with a measure
    bad = connection.execute("SELECT count(*) FROM figures_additive WHERE basis NOT IN ('total', 'cumulative') "
                             "OR kind NOT IN ('count', 'money') OR measure IS NULL").fetchone()[0]
    assert bad == 0
    connection.close()
