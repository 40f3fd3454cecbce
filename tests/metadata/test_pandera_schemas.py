"""pandera validation: good tables pass untouched (Decimals stay Decimals); each broken rule is named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.metadata.pandera_schemas import (
    TableValidationError,
    check_foreign_keys,
    check_mention_offsets,
    pandera_schema,
    validate_table,
)
from pipeline.metadata.tables import TABLES, field_names
from tests.metadata.conftest import BULLETIN_ID, FIGURE_COLUMNS, make_bulletins, make_cases, make_figures

PREFACE_FIGURE = f"{BULLETIN_ID}-00-00095"  # 两期: exact, 2 期, in the preface


def with_cell(frame: pd.DataFrame, row: int, **values: object) -> pd.DataFrame:
    out = frame.copy()
    for col, v in values.items():
        out[col] = out[col].astype(object)
        out.at[row, col] = v
    return out


def row_of(frame: pd.DataFrame, column: str, value: object) -> int:
    return int(frame.index[frame[column] == value][0])


def assert_fails(table: str, frame: pd.DataFrame, check: str, failing_id: str | None = None) -> str:
    with pytest.raises(TableValidationError) as info:
        validate_table(table, frame)
    message = str(info.value)
    assert f"table {table!r}" in message
    assert check in message, message
    if failing_id is not None:
        assert repr(failing_id) in message, message
    assert info.value.table == table
    assert check in " ".join(info.value.failures["check"].astype(str))
    return message


# --------------------------------------------------------------------------------------------- passing


@pytest.mark.parametrize("name", TABLES)
def test_gold_tables_pass_and_come_back_unchanged(name, tables):
    frame = tables[name]
    before = frame.copy()
    assert validate_table(name, frame) is frame
    pd.testing.assert_frame_equal(frame, before)


def test_decimals_stay_decimal_objects(figures):
    out = validate_table("figures", figures)
    assert out["value"].dtype == object
    assert all(v is None or type(v) is Decimal for v in out["value"])
    assert sum(type(v) is Decimal for v in out["value"]) == len(out) - 1  # all but 几十家
    assert all(v is None or type(v) is Decimal for v in out["lower"])
    row = out.loc[out["mention"] == "7.61万人"].iloc[0]
    assert type(row["value"]) is Decimal and row["value"] == Decimal("76100")


def test_pandas_str_and_object_string_columns_both_pass(cases):
    assert cases["union_name"].dtype == "str"  # pandas 3 default string dtype
    as_object = cases.astype({c: object for c in cases.columns if c != "seq"})
    validate_table("cases", as_object)


def test_empty_tables_pass(figures):
    # pipeline.tables.build makes an empty figures frame this way for a bulletin without figures.
    empty = pd.DataFrame([], columns=FIGURE_COLUMNS).astype({"start": "int64", "end": "int64"})
    validate_table("figures", empty)
    validate_table("figures", figures.iloc[0:0])


def test_empty_string_counts_as_empty_in_nullable_columns(figures, cases):
    figures = figures.copy()
    figures["unit"] = figures["unit"].astype(object).where(figures["unit"].notna(), "")
    validate_table("figures", figures)
    blank = cases.astype(object).where(cases.notna(), "")
    validate_table("cases", blank.astype({"seq": "int64"}))


def test_schema_never_coerces():
    for name in TABLES:
        schema = pandera_schema(name)
        assert not schema.coerce
        assert not any(col.coerce for col in schema.columns.values())
        assert list(schema.columns) == field_names(name)


# --------------------------------------------------------------------------------------------- types


def test_a_float_in_a_decimal_column_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    assert_fails("figures", with_cell(figures, i, value=2.0), "is_finite_decimal", PREFACE_FIGURE)


def test_a_float_bound_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    assert_fails("figures", with_cell(figures, i, upper=2.0), "is_finite_decimal", PREFACE_FIGURE)


def test_a_whole_float_column_fails(figures):
    frame = figures.copy()
    frame["value"] = frame["value"].astype(float)
    assert_fails("figures", frame, "is_finite_decimal")


def test_a_decimal_nan_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    frame = with_cell(figures, i, value=Decimal("NaN"), lower=None, upper=None, qualifier="about")
    assert_fails("figures", frame, "is_finite_decimal", PREFACE_FIGURE)


@pytest.mark.parametrize("qualifier", ["exact", "over", "at_least", "under", "at_most", "nearly"])
def test_a_missing_value_fails_unless_about(figures, qualifier):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    frame = with_cell(figures, i, value=None, qualifier=qualifier)
    assert_fails("figures", frame, "value_given_unless_about", PREFACE_FIGURE)


def test_an_about_figure_without_a_number_passes(figures):
    row = figures.loc[figures["mention"] == "几十家"].iloc[0]
    assert row["qualifier"] == "about" and row["value"] is None
    validate_table("figures", figures)


def test_float_offsets_fail(figures):
    assert_fails("figures", figures.astype({"start": "float64"}), "dtype('int64')")


def test_a_timestamp_is_not_a_date(bulletins):
    frame = with_cell(bulletins, 0, event_date=pd.Timestamp("2024-04-26"))
    assert_fails("bulletins", frame, "is_date", BULLETIN_ID)
    frame = with_cell(bulletins, 0, event_date="2024-04-26")
    assert_fails("bulletins", frame, "is_date", BULLETIN_ID)
    validate_table("bulletins", with_cell(bulletins, 0, event_date=dt.date(2024, 4, 26)))


def test_a_number_in_a_string_column_fails(cases):
    assert_fails("cases", with_cell(cases, 0, province_code=640000), "is_str", f"{BULLETIN_ID}-01")


def test_an_empty_required_string_fails(cases):
    assert_fails("cases", with_cell(cases, 3, title=""), "not_empty_string", f"{BULLETIN_ID}-04")


def test_columns_must_be_exactly_the_schemas(cases):
    assert_fails("cases", cases.assign(extra=1), "column_in_schema")
    assert_fails("cases", cases.drop(columns=["body"]), "column_in_dataframe")
    assert_fails("cases", cases[list(reversed(cases.columns))], "column_ordered")


# --------------------------------------------------------------------------------------------- constraints


def test_bad_qualifier_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    assert_fails("figures", with_cell(figures, i, qualifier="roughly"), "isin", PREFACE_FIGURE)


def test_bad_kind_and_script_and_level_fail(figures, bulletins, cases):
    assert_fails("figures", with_cell(figures, 0, kind="amount"), "isin")
    assert_fails("bulletins", with_cell(bulletins, 0, script="Latn"), "isin", BULLETIN_ID)
    assert_fails("cases", with_cell(cases, 0, union_level="municipal"), "isin", f"{BULLETIN_ID}-01")


def test_bad_province_code_fails(cases):
    assert_fails("cases", with_cell(cases, 0, province_code="640100"), "str_matches", f"{BULLETIN_ID}-01")
    assert_fails("cases", with_cell(cases, 0, province_code="64000"), "str_matches", f"{BULLETIN_ID}-01")


def test_bad_prefecture_code_fails(cases):
    i = row_of(cases, "prefecture_code", "331000")
    assert_fails("cases", with_cell(cases, i, prefecture_code="331001"), "str_matches")


def test_bad_sha256_fails(bulletins):
    assert_fails("bulletins", with_cell(bulletins, 0, raw_sha256="ABC"), "str_matches", BULLETIN_ID)


def test_duplicate_primary_key_fails(cases):
    frame = pd.concat([cases, cases.iloc[[2]]], ignore_index=True)
    assert_fails("cases", frame, "field_uniqueness", f"{BULLETIN_ID}-03")


def test_only_the_masked_rows_are_checked_row_by_row(cases):
    broken = with_cell(cases, 0, seq=0).astype({"seq": "int64"})
    validate_table("cases", broken, rows=pd.Series(broken.index != 0, index=broken.index))
    with pytest.raises(TableValidationError, match="greater_than_or_equal_to"):
        validate_table("cases", broken, rows=pd.Series(broken.index == 0, index=broken.index))


def test_unique_keys_are_checked_on_every_row_whatever_the_mask(cases):
    frame = pd.concat([cases, cases.iloc[[2]]], ignore_index=True)
    with pytest.raises(TableValidationError) as info:
        validate_table("cases", frame, rows=pd.Series(False, index=frame.index))
    assert "field_uniqueness" in str(info.value) and repr(f"{BULLETIN_ID}-03") in str(info.value)
    assert set(info.value.failures["id"]) == {f"{BULLETIN_ID}-03"}


def test_a_masked_check_returns_the_whole_table(cases):
    assert validate_table("cases", cases, rows=pd.Series(False, index=cases.index)) is cases


def test_seq_below_one_fails(cases):
    assert_fails("cases", with_cell(cases, 0, seq=0).astype({"seq": "int64"}), "greater_than_or_equal_to")


# --------------------------------------------------------------------------------------------- row rules


def test_lower_above_value_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    frame = with_cell(figures, i, lower=Decimal(3))
    assert_fails("figures", frame, "bounds_contain_value", PREFACE_FIGURE)


def test_upper_below_value_fails(figures):
    i = row_of(figures, "mention", "160余处")
    frame = with_cell(figures, i, upper=Decimal(150))
    assert_fails("figures", frame, "bounds_contain_value", figures.at[i, "figure_id"])


@pytest.mark.parametrize(("qualifier", "lower", "upper"), [
    ("exact", None, Decimal(2)),
    ("exact", Decimal(2), Decimal(3)),
    ("over", None, None),
    ("at_least", Decimal(2), Decimal(3)),
    ("under", Decimal(1), Decimal(2)),
    ("at_most", None, Decimal(3)),
    ("nearly", None, None),
])
def test_bounds_that_do_not_match_the_qualifier_fail(figures, qualifier, lower, upper):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)  # value 2
    frame = with_cell(figures, i, qualifier=qualifier, lower=lower, upper=upper)
    assert_fails("figures", frame, "bounds_match_qualifier", PREFACE_FIGURE)


@pytest.mark.parametrize(("qualifier", "lower", "upper"), [
    ("exact", Decimal(2), Decimal(2)),
    ("over", Decimal(2), None),
    ("over", Decimal(2), Decimal(3)),
    ("at_least", Decimal(2), None),
    ("under", None, Decimal(2)),
    ("at_most", None, Decimal(2)),
    ("nearly", None, Decimal(2)),
    ("about", None, None),
    ("about", Decimal(1), Decimal(3)),
])
def test_bounds_that_match_the_qualifier_pass(figures, qualifier, lower, upper):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    validate_table("figures", with_cell(figures, i, qualifier=qualifier, lower=lower, upper=upper))


def test_percent_with_unit_yuan_fails(figures):
    i = row_of(figures, "unit", "%")
    frame = with_cell(figures, i, unit="元")
    message = assert_fails("figures", frame, "percent_iff_unit_percent", figures.at[i, "figure_id"])
    assert "money_iff_unit_yuan" in message


def test_unit_percent_must_be_kind_percent(figures):
    i = row_of(figures, "unit", "%")
    assert_fails("figures", with_cell(figures, i, kind="count"), "percent_iff_unit_percent")


def test_money_without_yuan_fails(figures):
    i = row_of(figures, "kind", "money")
    frame = with_cell(figures, i, unit="人")
    assert_fails("figures", frame, "money_iff_unit_yuan", figures.at[i, "figure_id"])


def test_end_not_after_start_fails(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    frame = with_cell(figures, i, end=95).astype({"end": "int64"})
    assert_fails("figures", frame, "end_after_start", PREFACE_FIGURE)


def test_mention_length_must_match_offsets(figures):
    i = row_of(figures, "figure_id", PREFACE_FIGURE)
    assert_fails("figures", with_cell(figures, i, mention="两期案例"), "mention_length_is_end_minus_start",
                 PREFACE_FIGURE)


def test_figure_case_must_belong_to_its_bulletin(figures):
    i = int(figures.index[figures["case_id"].notna()][0])
    frame = with_cell(figures, i, case_id="other-bulletin-01")
    assert_fails("figures", frame, "case_in_bulletin", figures.at[i, "figure_id"])


def test_seq_repeated_in_a_bulletin_fails(cases):
    frame = with_cell(cases, 1, seq=1, case_id=f"{BULLETIN_ID}-01x").astype({"seq": "int64"})
    message = assert_fails("cases", frame, "seq_unique_in_bulletin", f"{BULLETIN_ID}-01")
    assert repr(f"{BULLETIN_ID}-01x") in message


def test_case_id_must_be_bulletin_id_and_two_digit_seq(cases):
    frame = with_cell(cases, 0, case_id=f"{BULLETIN_ID}-07")
    assert_fails("cases", frame, "case_id_is_bulletin_id_and_seq", f"{BULLETIN_ID}-07")
    frame = with_cell(cases, 0, case_id=f"{BULLETIN_ID}-001")
    assert_fails("cases", frame, "case_id_is_bulletin_id_and_seq")


def test_prefecture_code_outside_province_fails(cases):
    i = row_of(cases, "prefecture_code", "331000")
    assert_fails("cases", with_cell(cases, i, prefecture_code="441000"), "prefecture_code_in_province",
                 cases.at[i, "case_id"])


def test_provincial_union_with_prefecture_fails(cases):
    i = row_of(cases, "union_level", "provincial")
    code = cases.at[i, "province_code"][:2] + "1000"
    frame = with_cell(cases, i, prefecture="台州市", prefecture_code=code)
    assert_fails("cases", frame, "prefecture_fits_level", cases.at[i, "case_id"])


def test_prefectural_union_without_prefecture_fails(cases):
    i = row_of(cases, "prefecture_code", "331000")
    frame = with_cell(cases, i, prefecture=None, prefecture_code=None)
    assert_fails("cases", frame, "prefecture_fits_level", cases.at[i, "case_id"])


def test_prefecture_without_code_fails(cases):
    i = row_of(cases, "prefecture_code", "331000")
    assert_fails("cases", with_cell(cases, i, prefecture_code=None), "prefecture_with_code")


def test_message_shows_at_most_ten_ids(figures):
    frame = figures.copy()
    frame["qualifier"] = "roughly"
    message = assert_fails("figures", frame, "isin")
    line = next(li for li in message.splitlines() if "isin" in li)
    assert line.count(repr(BULLETIN_ID)[:-1]) == 10
    assert f"(+{len(frame) - 10} more)" in line


@given(digits=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2),
       step=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e6"), places=2))
def test_over_with_a_step_passes_and_a_lower_above_value_fails(digits, step):
    frame = make_figures(make_cases(), make_bulletins())
    i = row_of(frame, "figure_id", PREFACE_FIGURE)
    validate_table("figures", with_cell(frame, i, value=digits, qualifier="over", lower=digits,
                                        upper=digits + step))
    with pytest.raises(TableValidationError, match="bounds_contain_value"):
        validate_table("figures", with_cell(frame, i, value=digits, qualifier="about", lower=digits + step))


# --------------------------------------------------------------------------------------------- cross-table


def test_mentions_at_their_offsets(tables):
    assert check_mention_offsets(tables["figures"], tables["cases"], tables["bulletins"]).empty


def test_mention_offsets_find_planted_rows(figures, cases, bulletins):
    in_case = int(figures.index[figures["case_id"].notna()][0])
    moved = with_cell(figures, in_case, start=figures.at[in_case, "start"] + 1,
                      end=figures.at[in_case, "end"] + 1)
    moved = with_cell(moved, row_of(figures, "figure_id", PREFACE_FIGURE), mention="三期")
    moved = with_cell(moved, 5, case_id=f"{BULLETIN_ID}-99")
    bad = check_mention_offsets(moved, cases, bulletins)
    assert list(bad.columns) == ["figure_id", "mention", "found"]
    assert set(bad["figure_id"]) == {figures.at[in_case, "figure_id"], PREFACE_FIGURE,
                                     figures.at[5, "figure_id"]}
    assert bad.set_index("figure_id").at[PREFACE_FIGURE, "found"] == "两期"
    assert pd.isna(bad.set_index("figure_id").at[figures.at[5, "figure_id"], "found"])


def test_foreign_keys_resolve(tables):
    assert check_foreign_keys(**tables).empty


def test_foreign_keys_find_planted_rows(bulletins, cases, figures):
    cases = with_cell(cases, 2, bulletin_id="no-such-bulletin")
    i = int(figures.index[figures["case_id"].notna()][0])
    figures = with_cell(figures, i, case_id=f"{BULLETIN_ID}-99")
    figures = with_cell(figures, 0, bulletin_id="elsewhere")
    bad = check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures)
    assert list(bad.columns) == ["table", "id", "column", "value"]
    got = set(map(tuple, bad.to_numpy().tolist()))
    assert got == {
        ("cases", f"{BULLETIN_ID}-03", "bulletin_id", "no-such-bulletin"),
        ("figures", figures.at[i, "figure_id"], "case_id", f"{BULLETIN_ID}-99"),
        ("figures", figures.at[0, "figure_id"], "bulletin_id", "elsewhere"),
    }


def test_foreign_keys_follow_the_schemas(monkeypatch, bulletins, cases, figures):
    from pipeline.metadata import pandera_schemas

    monkeypatch.setattr(pandera_schemas, "foreign_keys", lambda table: [])
    cases = with_cell(cases, 2, bulletin_id="no-such-bulletin")
    assert check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures).empty


def test_a_local_union_without_province_fails(cases):
    i = row_of(cases, "union_level", "provincial")
    frame = with_cell(cases, i, province=None, province_code=None)
    assert_fails("cases", frame, "province_fits_level", cases.at[i, "case_id"])


def test_a_national_union_has_no_province_or_prefecture(cases):
    i = row_of(cases, "union_level", "provincial")
    frame = with_cell(cases, i, union_name="中国海员建设工会", province=None, province_code=None,
                      union_level="national")
    validate_table("cases", frame)


def test_a_county_union_of_a_municipality_needs_no_prefecture(cases):
    i = row_of(cases, "union_level", "provincial")
    frame = with_cell(cases, i, union_name="上海市浦东新区总工会", province="上海市", province_code="310000",
                      county="浦东新区", county_code="310115", union_level="county")
    validate_table("cases", frame)


def test_foreign_keys_of_text_columns_find_the_rows_found_one_by_one(monkeypatch, bulletins, cases, figures):
    from pipeline.metadata import pandera_schemas

    cases, figures = cases.copy(), figures.copy()
    cases["bulletin_id"] = pd.Series([*cases["bulletin_id"][:-1], "no-such-bulletin"], dtype="str")
    in_case = figures.index[figures["case_id"].notna()]
    planted = [f"{BULLETIN_ID}-99", "", None]
    case_ids = figures["case_id"].tolist()
    for row, value in zip(in_case[:3], planted, strict=True):
        case_ids[row] = value
    figures["case_id"] = pd.Series(case_ids, dtype="str")
    assert isinstance(figures["case_id"].dtype, pd.StringDtype) and isinstance(cases["case_id"].dtype, pd.StringDtype)
    bad = check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures)
    assert set(map(tuple, bad.to_numpy().tolist())) == {
        ("cases", cases["case_id"].iloc[-1], "bulletin_id", "no-such-bulletin"),
        ("figures", figures.at[in_case[0], "figure_id"], "case_id", f"{BULLETIN_ID}-99")}
    monkeypatch.setattr(pandera_schemas, "_found_in", lambda values, parent: None)  # row by row only
    assert bad.equals(check_foreign_keys(bulletins=bulletins, cases=cases, figures=figures))
