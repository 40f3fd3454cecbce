"""cases_frame: signers of every level become valid rows; unplaced ones are reported, not fatal."""

from types import SimpleNamespace

import pytest

from pipeline.metadata.pandera_schemas import validate_table
from pipeline.tables import cases_frame, unplaced_unions
from pipeline.tables.build import CASE_COLUMNS
from tests.geo.union_names import PLACED, UNPLACED

BID = "test-bulletin-2024-01-01"


def parsed_with(unions: list[str]) -> SimpleNamespace:
    cases = [SimpleNamespace(seq=i, union_name=u, title=f"标题{i}", body="正文。", footer_line=i * 10)
             for i, u in enumerate(unions, 1)]
    return SimpleNamespace(snapshot=SimpleNamespace(bulletin_id=BID, source_file="bulletin.txt"),
                           segmented=SimpleNamespace(cases=cases))


def test_the_seed_places_every_union_and_reports_none(frames):
    _, cases, _ = frames
    assert list(cases.columns) == CASE_COLUMNS
    assert cases["county"].isna().all() and cases["county_code"].isna().all()
    assert unplaced_unions(cases).empty


def test_signers_of_every_level_make_valid_rows():
    names = [n for n, *_ in PLACED] + [n for n, _ in UNPLACED]
    frame = cases_frame(parsed_with(names))
    validate_table("cases", frame)
    row = frame.set_index("union_name").loc["江苏省昆山市总工会"]
    assert (row["prefecture_code"], row["county"], row["county_code"]) == ("320500", "昆山市", "320583")


def test_unplaced_unions_are_listed_with_why():
    frame = cases_frame(parsed_with(["浙江省总工会", "桥西区总工会", "华为工会"]))
    report = unplaced_unions(frame)
    assert report["case_id"].tolist() == [f"{BID}-02", f"{BID}-03"]
    assert report["union_level"].tolist() == ["county", "unknown"]
    assert "ambiguous" in report.at[0, "place_note"]


def test_a_signer_the_grammar_does_not_read_is_kept_unplaced():
    frame = cases_frame(parsed_with(["某某单位"]))
    assert frame.at[0, "union_level"] == "unknown" and frame.at[0, "province"] is None
    assert unplaced_unions(frame)["union_name"].tolist() == ["某某单位"]


@pytest.mark.parametrize("column, value, check", [
    ("county", "浏阳市", "county_fits_level"),          # a prefectural union with a county
    ("province_code", None, "prefecture_fits_level"),   # a prefecture without its province
])
def test_place_columns_must_fit_the_level(column, value, check):
    frame = cases_frame(parsed_with(["浙江台州市总工会"]))
    frame.at[0, column] = value
    if column == "county":
        frame.at[0, "county_code"] = "430181"
    with pytest.raises(Exception, match=check):
        validate_table("cases", frame)
