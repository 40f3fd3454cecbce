"""pandera validation of the published tables, derived from ``schemas/*.schema.json``.

What belongs here: turning a Table Schema into a pandera ``DataFrameSchema`` (column types,
constraints, primary keys) plus the row rules a Table Schema cannot express (qualifier bounds,
offsets, id patterns), and the cross-table checks (mention offsets, foreign keys) that the blocking
Dagster asset checks in ``pipeline.checks`` run.

Frames are validated as ``pipeline.tables.build`` makes them and are never coerced:

* string columns: pandas 3 ``str`` dtype or ``object`` holding ``str`` (an empty or all-null column
  is ``object``); nulls are ``None``/``NaN``;
* integer columns: ``int64``;
* date columns: ``object`` holding ``datetime.date`` (not ``datetime``);
* number columns (``value``, ``lower``, ``upper``): ``object`` holding ``decimal.Decimal`` or ``None``.
  They are exact decimals and must never pass through float, so pandera never casts them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.io.pandas_io import from_frictionless_schema

from pipeline.metadata.tables import TABLES, foreign_keys, load_table_schema, primary_key

MAX_IDS_SHOWN = 10

# Check name -> what it demands, for error messages and the data dictionary.
CHECK_DESCRIPTIONS: dict[str, str] = {"seq_unique_in_bulletin": "seq is unique within a bulletin"}


class TableValidationError(ValueError):
    """A table breaks its schema. ``failures`` has one row per failure: check, column, id, value."""

    def __init__(self, table: str, message: str, failures: pd.DataFrame) -> None:
        super().__init__(message)
        self.table = table
        self.failures = failures


# ---------------------------------------------------------------------------------------------
# Cell helpers


def is_null(v: object) -> bool:
    """``None``, ``pd.NA``, ``NaT`` or a float NaN; a ``Decimal('NaN')`` is a value (and invalid)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def is_blank(v: object) -> bool:
    # NOTE: an empty string counts as empty in nullable columns: the CSV release writes both as an
    # empty field, which Frictionless reads as null, so "" and None mean the same in the release.
    return is_null(v) or v == ""


def _element(name: str, test: Callable[[object], bool], description: str,
             vectorized: Callable[[pd.Series], pd.Series | None] | None = None) -> pa.Check:
    """A check of each value of a column: ``test(value)`` on every non-null value (a test that
    raises fails the value). ``vectorized(column)``, when given, may answer for the whole column
    at once (a boolean Series), or return None to leave it to ``test``."""

    def element(v: object) -> bool:
        if is_null(v):
            return True
        try:
            return bool(test(v))
        except Exception:
            return False

    # ignore_na=False: pandas treats Decimal('NaN') as NA, and a NaN must fail here, not slip through.
    def check(column: pd.Series) -> pd.Series:
        found = vectorized(column) if vectorized is not None else None
        if found is not None:
            return found
        return pd.Series([element(v) for v in column.tolist()], index=column.index, dtype=bool)

    CHECK_DESCRIPTIONS[name] = description
    return pa.Check(check, ignore_na=False, name=name)


def _all_str(column: pd.Series) -> pd.Series | None:
    # NOTE: a pandas string column can hold nothing but str and missing values, and infer_dtype
    # says in C whether an object column holds only str (missing values aside); only a column
    # holding something else is looked at value by value, to name the values that are not text.
    if isinstance(column.dtype, pd.StringDtype) or pd.api.types.infer_dtype(column, skipna=True) in (
            "string", "empty"):
        return pd.Series(True, index=column.index, dtype=bool)
    return None


def _not_empty(column: pd.Series) -> pd.Series:
    return ~column.eq("").fillna(False).astype(bool)


def _finite_decimal(v: object) -> bool:
    return type(v) is Decimal and v.is_finite()


def _plain_date(v: object) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


ELEMENT_CHECKS = {
    "string": _element("is_str", lambda v: isinstance(v, str), "every value is a str", _all_str),
    "date": _element("is_date", _plain_date, "every value is a datetime.date (not a datetime)"),
    "number": _element("is_finite_decimal", _finite_decimal,
                       "every value is a finite decimal.Decimal (never a float)"),
}
NOT_EMPTY = _element("not_empty_string", lambda v: v != "", "a required string is not empty", _not_empty)


# ---------------------------------------------------------------------------------------------
# Row rules that a Table Schema cannot express


def _rowwise(name: str, columns: list[str], rule: Callable[..., bool], description: str) -> pa.Check:
    """A wide check applying ``rule(*row values)`` to each row; a rule that raises fails the row."""

    def check(frame: pd.DataFrame) -> pd.Series:
        if any(c not in frame.columns for c in columns):
            # A missing column is already reported by the schema's column checks.
            return pd.Series(True, index=frame.index)
        out = []
        for values in zip(*(frame[c].tolist() for c in columns), strict=True):
            try:
                out.append(bool(rule(*values)))
            except Exception:
                out.append(False)
        return pd.Series(out, index=frame.index, dtype=bool)

    CHECK_DESCRIPTIONS[name] = description
    return pa.Check(check, name=name)


def _value_given_unless_about(qualifier: str, value: object) -> bool:
    # NOTE: `几十家`, `数百` state no number; figures.md files them under `about` and the gold keeps
    # such a row (optional) with an empty value. Every other qualifier qualifies a stated number.
    return qualifier == "about" or not is_null(value)


def _bounds_contain_value(value: object, lower: object, upper: object) -> bool:
    if is_null(value):
        return True  # judged by value_given_unless_about
    return (is_null(lower) or lower <= value) and (is_null(upper) or value <= upper)


def _qualifier_bounds(qualifier: str, value: object, lower: object, upper: object) -> bool:
    # NOTE: bounds per figures.md "Qualifiers and bounds". `over` has an upper bound only for
    # 余/多 (value + one step), none for 超过/逾, so only its lower bound is fixed. `about` is free.
    if is_null(value):
        return True  # judged by value_given_unless_about
    if qualifier == "exact":
        return not is_null(lower) and not is_null(upper) and lower == value == upper
    if qualifier == "over":
        return not is_null(lower) and lower == value
    if qualifier == "at_least":
        return not is_null(lower) and lower == value and is_null(upper)
    if qualifier in ("under", "at_most", "nearly"):
        return not is_null(upper) and upper == value and is_null(lower)
    return True


def _unit(unit: object) -> str:
    return "" if is_blank(unit) else str(unit)


def _percent_iff_unit_percent(kind: str, unit: object) -> bool:
    return (kind == "percent") == (_unit(unit) == "%")


def _money_iff_unit_yuan(kind: str, unit: object) -> bool:
    return (kind == "money") == ("元" in _unit(unit))


def _case_in_bulletin(case_id: object, bulletin_id: str) -> bool:
    return is_blank(case_id) or str(case_id).startswith(f"{bulletin_id}-")


def _case_id_from_parts(case_id: str, bulletin_id: str, seq: int) -> bool:
    return case_id == f"{bulletin_id}-{int(seq):02d}"


def _prefecture_in_province(prefecture_code: object, province_code: str) -> bool:
    return is_blank(prefecture_code) or str(prefecture_code)[:2] == str(province_code)[:2]


# NOTE: levels and place columns follow the data model's "signers at every level" table. A union
# of a placed level whose place is not known (or not one place only: 桥西区总工会) has every place
# column empty; it is listed in the build's report, never given a guessed place.
_NO_PLACE = ("national", "enterprise", "unknown")
_PROVINCE_ONLY = ("provincial", "corps")
_COUNTY_LEVELS = ("county", "township")


def _prefecture_fits_level(union_level: str, prefecture: object, province_code: object) -> bool:
    if union_level == "prefectural":
        return is_blank(prefecture) == is_blank(province_code)
    if union_level in _NO_PLACE or union_level in _PROVINCE_ONLY:
        return is_blank(prefecture)
    # county, township: empty for districts of a municipality and province-administered cities;
    # zone, industrial: as far as the name tells.
    return is_blank(province_code) <= is_blank(prefecture)


def _province_fits_level(union_level: str, province_code: object) -> bool:
    if union_level in _NO_PLACE:
        return is_blank(province_code)
    if union_level == "corps":
        return province_code == "650000"
    if union_level == "provincial":
        return not is_blank(province_code)
    return True  # placed, or unplaced with every place column empty (judged by the other checks)


def _county_fits_level(union_level: str, county: object, prefecture: object, province_code: object) -> bool:
    if union_level == "county":
        return is_blank(county) == is_blank(province_code)
    if union_level == "township":
        # a town of a prefecture without counties (东莞市) lies in the prefecture directly
        return is_blank(province_code) == (is_blank(county) and is_blank(prefecture))
    if union_level in ("zone", "industrial"):
        return is_blank(province_code) <= is_blank(county)
    return is_blank(county)


def _county_in_prefecture(county_code: object, prefecture_code: object, province_code: object) -> bool:
    if is_blank(county_code):
        return True
    code = str(county_code)
    return (not is_blank(province_code) and code[:2] == str(province_code)[:2]
            and (is_blank(prefecture_code) or code[:4] == str(prefecture_code)[:4]))


def _county_with_code(county: object, county_code: object) -> bool:
    return is_blank(county) == is_blank(county_code)


def _prefecture_with_code(prefecture: object, prefecture_code: object) -> bool:
    return is_blank(prefecture) == is_blank(prefecture_code)


def _seq_unique_in_bulletin(frame: pd.DataFrame) -> pd.Series:
    if "bulletin_id" not in frame or "seq" not in frame:
        return pd.Series(True, index=frame.index)
    return ~frame.duplicated(["bulletin_id", "seq"], keep=False)


TABLE_CHECKS: dict[str, list[pa.Check]] = {
    "bulletins": [],
    "cases": [
        pa.Check(_seq_unique_in_bulletin, name="seq_unique_in_bulletin"),
        _rowwise("case_id_is_bulletin_id_and_seq", ["case_id", "bulletin_id", "seq"], _case_id_from_parts,
                 "case_id == bulletin_id + '-' + two-digit seq"),
        _rowwise("prefecture_code_in_province", ["prefecture_code", "province_code"], _prefecture_in_province,
                 "prefecture_code starts with the province_code's first two digits"),
        _rowwise("prefecture_fits_level", ["union_level", "prefecture", "province_code"],
                 _prefecture_fits_level,
                 "a placed prefectural union has a prefecture; provincial, corps, national, enterprise and "
                 "unknown unions have none; a prefecture only with a province"),
        _rowwise("province_fits_level", ["union_level", "province_code"], _province_fits_level,
                 "national, enterprise and unknown unions have no province; provincial unions have one; "
                 "corps unions are in 650000"),
        _rowwise("county_fits_level", ["union_level", "county", "prefecture", "province_code"],
                 _county_fits_level,
                 "a placed county union has a county, a placed township union a county (or a prefecture "
                 "without counties); only county, township, zone and industrial unions have one, and "
                 "only with a province"),
        _rowwise("county_code_in_prefecture", ["county_code", "prefecture_code", "province_code"],
                 _county_in_prefecture,
                 "county_code starts with the province_code's first two digits and the prefecture_code's "
                 "first four"),
        _rowwise("county_with_code", ["county", "county_code"], _county_with_code,
                 "county and county_code are both given or both empty"),
        _rowwise("prefecture_with_code", ["prefecture", "prefecture_code"], _prefecture_with_code,
                 "prefecture and prefecture_code are both given or both empty"),
    ],
    "figures": [
        _rowwise("end_after_start", ["start", "end"], lambda s, e: e > s, "end > start"),
        _rowwise("mention_length_is_end_minus_start", ["start", "end", "mention"],
                 lambda s, e, m: e - s == len(m), "end - start == len(mention)"),
        _rowwise("value_given_unless_about", ["qualifier", "value"], _value_given_unless_about,
                 "value is empty only for an about figure that states no number"),
        _rowwise("bounds_contain_value", ["value", "lower", "upper"], _bounds_contain_value,
                 "lower <= value <= upper where the bounds are given"),
        _rowwise("bounds_match_qualifier", ["qualifier", "value", "lower", "upper"], _qualifier_bounds,
                 "exact: lower == upper == value; over: lower == value; at_least: lower == value, no "
                 "upper; under/at_most/nearly: upper == value, no lower"),
        _rowwise("percent_iff_unit_percent", ["kind", "unit"], _percent_iff_unit_percent,
                 "kind is percent exactly when unit is %"),
        _rowwise("money_iff_unit_yuan", ["kind", "unit"], _money_iff_unit_yuan,
                 "kind is money exactly when unit contains 元"),
        _rowwise("case_in_bulletin", ["case_id", "bulletin_id"], _case_in_bulletin,
                 "a figure's case_id belongs to its bulletin_id"),
    ],
}


TABLE_CHECK_NAMES = frozenset(c.name for checks in TABLE_CHECKS.values() for c in checks)


# ---------------------------------------------------------------------------------------------
# Schemas


@cache
def pandera_schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of table ``name``: the Frictionless schema's columns, adjusted to our frames.

    ``from_frictionless_schema`` coerces every column (numbers to float, enums to category, dates to
    strings); here no column is coerced, and each column's type is checked on its values instead.
    """
    descriptor = load_table_schema(name)
    base = from_frictionless_schema(descriptor)
    types = {f["name"]: f["type"] for f in descriptor["fields"]}
    required = {f["name"]: bool(f.get("constraints", {}).get("required")) for f in descriptor["fields"]}
    columns = {}
    for col_name, col in base.columns.items():
        kind = types[col_name]
        if kind not in ("string", "integer", "date", "number"):
            raise ValueError(f"schemas/{name}.schema.json: field {col_name!r} has type {kind!r}, "
                             "which the pipeline does not handle")
        checks = list(col.checks)
        if kind in ELEMENT_CHECKS:
            checks.insert(0, ELEMENT_CHECKS[kind])
        if kind == "string" and required[col_name]:
            checks.append(NOT_EMPTY)
        columns[col_name] = pa.Column(
            # NOTE: integers must already be int64; other types are checked per value (dtype None)
            # because a str column may be pandas' `str` or `object`, and Decimals must stay objects.
            dtype="int64" if kind == "integer" else None,
            checks=checks,
            nullable=col.nullable,
            unique=col.unique,
            coerce=False,
            required=True,
            name=col_name,
            title=col.title,
            description=col.description,
        )
    return pa.DataFrameSchema(
        columns,
        checks=TABLE_CHECKS.get(name, []),
        strict=True,
        ordered=True,
        coerce=False,
        unique=base.unique,
        name=name,
        title=descriptor.get("title"),
        description=descriptor.get("description"),
    )


def _nullable_strings_blank_as_null(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with "" in nullable string columns as None, so patterns skip them as they skip nulls."""
    out = frame.reset_index(drop=True)
    for f in load_table_schema(name)["fields"]:
        if f["type"] == "string" and not f.get("constraints", {}).get("required") and f["name"] in out:
            col = out[f["name"]].astype(object)
            out[f["name"]] = col.where(col != "", None)
    return out


def _failure_rows(name: str, checked: pd.DataFrame, errors: SchemaErrors) -> pd.DataFrame:
    pk = [c for c in primary_key(name) if c in checked.columns]
    rows = []
    for fc in errors.failure_cases.to_dict("records"):
        check = str(fc.get("check"))
        column = fc.get("column")
        value = fc.get("failure_case")
        if check in TABLE_CHECK_NAMES:
            # pandera reports a wide check once per column of the failing row; one row is enough.
            column, value = None, None
        idx = fc.get("index")
        if idx is None or is_null(idx):
            row_id = None
        elif pk and 0 <= int(idx) < len(checked):
            row_id = ",".join(str(checked.iloc[int(idx)][c]) for c in pk)
        else:
            row_id = f"row {int(idx)}"
        rows.append({"check": check, "column": column, "id": row_id, "value": value})
    failures = pd.DataFrame(rows, columns=["check", "column", "id", "value"])
    return failures.drop_duplicates(ignore_index=True)


def _message(name: str, failures: pd.DataFrame) -> str:
    pk = ",".join(primary_key(name))
    groups = failures.groupby(["column", "check"], dropna=False, sort=False)
    lines = [f"table {name!r} breaks its schema (schemas/{name}.schema.json): "
             f"{groups.ngroups} failing checks"]
    for (column, check), group in groups:
        where = "rows" if is_null(column) else f"column {column!r}"
        label = f"{check} ({CHECK_DESCRIPTIONS[check]})" if check in CHECK_DESCRIPTIONS else check
        ids = group["id"].dropna().drop_duplicates().tolist()
        values = [v for v in group["value"].tolist() if not is_null(v)]
        if ids:
            shown = ", ".join(repr(i) for i in ids[:MAX_IDS_SHOWN])
            more = f" (+{len(ids) - MAX_IDS_SHOWN} more)" if len(ids) > MAX_IDS_SHOWN else ""
            lines.append(f"  - {where}: {label}: {len(ids)} failing, {pk} {shown}{more}")
        else:
            shown = ", ".join(repr(v) for v in values[:MAX_IDS_SHOWN])
            lines.append(f"  - {where}: {label}: {shown}")
    return "\n".join(lines)


def _key_failures(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` that break a uniqueness constraint of table ``name`` (a unique column, the
    schema's unique columns): the failures as ``_failure_rows`` gives them, vectorized."""
    schema = pandera_schema(name)
    pk = [c for c in primary_key(name) if c in frame.columns]
    groups = [([c], "field_uniqueness", c) for c, col in schema.columns.items() if col.unique and c in frame]
    if schema.unique:
        cols = [schema.unique] if isinstance(schema.unique, str) else list(schema.unique)
        if all(c in frame for c in cols):
            groups.append((cols, "multiple_fields_uniqueness", None))
    rows = []
    for cols, check, column in groups:
        dup = frame.loc[frame.duplicated(cols, keep=False), list(dict.fromkeys(pk + cols))]
        for row in dup.to_dict("records"):
            rows.append({"check": check, "column": column, "id": ",".join(str(row[c]) for c in pk) or None,
                         "value": row[column] if column else None})
    return pd.DataFrame(rows, columns=["check", "column", "id", "value"])


def validate_table(name: str, frame: pd.DataFrame, rows: pd.Series | None = None) -> pd.DataFrame:
    """Validate ``frame`` as table ``name``; return ``frame`` itself (never a coerced copy).

    With ``rows`` (a boolean mask of ``frame``), the schema's row checks run on those rows only and
    its uniqueness constraints on the whole table.
    NOTE: the build validates only the rows of bulletins not validated before under the same parser
    and schema (pipeline/checks.py); the other rows are the very rows that passed then.

    Raises TableValidationError naming the table, each failing check and the failing rows' ids.
    """
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; the tables are {', '.join(TABLES)}")
    if rows is not None:
        keys = _key_failures(name, frame)
        if len(keys):
            raise TableValidationError(name, _message(name, keys), keys)
    checked = _nullable_strings_blank_as_null(name, frame if rows is None else frame[rows.to_numpy()])
    try:
        pandera_schema(name).validate(checked, lazy=True)
    except SchemaErrors as e:
        failures = _failure_rows(name, checked, e)
        raise TableValidationError(name, _message(name, failures), failures) from None
    return frame


# ---------------------------------------------------------------------------------------------
# Cross-table checks


def check_mention_offsets(figures: pd.DataFrame, cases: pd.DataFrame,
                          bulletins: pd.DataFrame) -> pd.DataFrame:
    """Figures whose ``mention`` is not ``text[start:end]``: columns figure_id, mention, found.

    The text is the case body for a figure with a case_id, else its bulletin's preface; ``found`` is
    None when that text does not exist.
    """
    bodies = dict(zip(cases["case_id"].tolist(), cases["body"].tolist(), strict=True))
    prefaces = dict(zip(bulletins["bulletin_id"].tolist(), bulletins["preface"].tolist(), strict=True))
    bad = []
    columns = ["figure_id", "case_id", "bulletin_id", "start", "end", "mention"]
    for fid, cid, bid, start, end, mention in zip(*(figures[c].tolist() for c in columns), strict=True):
        text = prefaces.get(bid) if is_blank(cid) else bodies.get(cid)
        if is_null(text) and is_blank(cid) and bid in prefaces:
            text = ""  # an absent preface is an empty text
        found = None if text is None or is_null(text) else text[int(start):int(end)]
        if found != mention:
            bad.append({"figure_id": fid, "mention": mention, "found": found})
    return pd.DataFrame(bad, columns=["figure_id", "mention", "found"])


def _found_in(values: pd.Series, parent: pd.Series):
    """Which of ``values`` occur in ``parent`` (a boolean array), when both are text columns; else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not all(isinstance(c.dtype, pd.StringDtype) for c in (values, parent)):
        return None
    known = pa.array(parent.array)
    if isinstance(known, pa.ChunkedArray):
        known = known.combine_chunks()
    return pc.is_in(pa.array(values.array), value_set=known).to_numpy(zero_copy_only=False)


def check_foreign_keys(*, bulletins: pd.DataFrame, cases: pd.DataFrame,
                       figures: pd.DataFrame) -> pd.DataFrame:
    """Rows whose foreign keys (as declared in the schemas) do not resolve: table, id, column, value.

    As in Frictionless, a key with an empty part is not checked (a preface figure has no case_id).
    """
    frames = {"bulletins": bulletins, "cases": cases, "figures": figures}
    bad = []
    for table in TABLES:
        frame = frames[table]
        pk = primary_key(table)
        for fk in foreign_keys(table):
            ref = fk["reference"]
            parent = frames[ref["resource"] or table]
            child = frame
            if len(fk["fields"]) == 1:
                # NOTE: text keys found in the parent column resolve (the test below, done by
                # Arrow on all rows at once); only the others are looked at one by one.
                found = _found_in(frame[fk["fields"][0]], parent[ref["fields"][0]])
                if found is not None:
                    child = frame[~found]
            known = set(zip(*(parent[c].tolist() for c in ref["fields"]), strict=True))
            ids = zip(*(child[c].tolist() for c in pk), strict=True)
            keys = zip(*(child[c].tolist() for c in fk["fields"]), strict=True)
            for row_id, key in zip(ids, keys, strict=True):
                if any(is_blank(v) for v in key) or key in known:
                    continue
                bad.append({"table": table, "id": ",".join(map(str, row_id)),
                            "column": ",".join(fk["fields"]), "value": ",".join(map(str, key))})
    return pd.DataFrame(bad, columns=["table", "id", "column", "value"])
