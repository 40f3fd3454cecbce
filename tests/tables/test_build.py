"""Rows of the three tables from one parsed bulletin: ids, offsets, sentences, exact values."""

from decimal import Decimal

from tests.conftest import BULLETIN_ID


def test_case_ids_follow_the_bulletin_and_order(frames):
    _, cases, _ = frames
    assert cases["case_id"].tolist() == [f"{BULLETIN_ID}-{i:02d}" for i in range(1, 16)]
    assert cases["seq"].dtype == "int64"


def test_preface_figures_have_no_case_and_index_the_preface(frames):
    bulletins, _, figures = frames
    preface = bulletins.at[0, "preface"]
    rows = figures[figures["case_id"].isna()]
    assert rows["mention"].tolist() == ["两期", "262个", "15个"]
    for r in rows.itertuples():
        assert preface[r.start:r.end] == r.mention
        assert r.figure_id == f"{BULLETIN_ID}-00-{r.start:05d}"


def test_figure_ids_are_unique_and_offsets_index_the_body(frames):
    _, cases, figures = frames
    assert figures["figure_id"].is_unique
    bodies = dict(zip(cases["case_id"], cases["body"], strict=True))
    for r in figures.dropna(subset=["case_id"]).itertuples():
        assert bodies[r.case_id][r.start:r.end] == r.mention
        assert r.mention in r.sentence


def test_values_are_exact_decimals(frames):
    _, _, figures = frames
    row = figures[figures["mention"] == "84.43万人"].iloc[0]
    assert type(row["value"]) is Decimal and row["value"] == Decimal(844300)
    assert row["sentence"].endswith("。")
