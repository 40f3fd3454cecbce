"""Fixtures: the three published tables built from the gold labels, shaped like pipeline.tables.build.

Strings are plain ``str`` cells (pandas 3 gives them the ``str`` dtype), nulls are ``None``, integer
columns are ``int64``, ``event_date`` holds ``datetime.date`` and numbers hold ``decimal.Decimal``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pandas as pd
import pytest

from tests.conftest import (
    BULLETIN_ID,
    RAW,
    read_gold_about,
    read_gold_cases,
    read_gold_figures,
    read_gold_preface,
)

FIGURE_COLUMNS = ["figure_id", "case_id", "bulletin_id", "start", "end", "mention", "value", "unit",
                  "qualifier", "lower", "upper", "kind", "basis", "per", "measure", "sentence"]


def _or_none(s: str) -> str | None:
    return s if s != "" else None


def _decimal(s: str) -> Decimal | None:
    return Decimal(s) if s != "" else None


def make_bulletins() -> pd.DataFrame:
    data = (RAW / BULLETIN_ID / "bulletin.txt").read_bytes()
    return pd.DataFrame([{
        "bulletin_id": BULLETIN_ID,
        "title": "全国工会重点工作创新案例选登",
        "publisher": "中华全国总工会",
        "event_date": dt.date(2024, 4, 26),
        "preface": read_gold_preface(),
        "raw_path": f"raw/{BULLETIN_ID}/bulletin.txt",
        "raw_sha256": hashlib.sha256(data).hexdigest(),
        "raw_bytes": len(data),
        "encoding": "utf-8",
        "script": "Hans",
        "layout": "print",
    }])


def make_cases() -> pd.DataFrame:
    rows = [{
        "case_id": f"{BULLETIN_ID}-{int(g['seq']):02d}",
        "bulletin_id": BULLETIN_ID,
        "seq": int(g["seq"]),
        "union_name": g["union_name"],
        "province": g["province"],
        "province_code": g["province_code"],
        "prefecture": _or_none(g["prefecture"]),
        "prefecture_code": _or_none(g["prefecture_code"]),
        "county": _or_none(g.get("county", "")),
        "county_code": _or_none(g.get("county_code", "")),
        "union_level": g["union_level"],
        "title": g["title"],
        "body": g["body"],
    } for g in read_gold_cases()]
    return pd.DataFrame(rows).astype({"seq": "int64"})


def make_figures(cases: pd.DataFrame, bulletins: pd.DataFrame) -> pd.DataFrame:
    bodies = dict(zip(cases["seq"], cases["body"], strict=True))
    preface = bulletins["preface"].iloc[0]
    rows = []
    about = {(a["seq"], a["start"], a["end"]): a for a in read_gold_about()}
    for g in read_gold_figures():
        seq, start, end = int(g["seq"]), int(g["start"]), int(g["end"])
        text = preface if seq == 0 else bodies[seq]
        rows.append({
            "figure_id": f"{BULLETIN_ID}-{seq:02d}-{start:05d}",
            "case_id": None if seq == 0 else f"{BULLETIN_ID}-{seq:02d}",
            "bulletin_id": BULLETIN_ID,
            "start": start,
            "end": end,
            "mention": g["mention"],
            "value": _decimal(g["value"]),  # empty for 几十家 (about, no stated number)
            "unit": _or_none(g["unit"]),
            "qualifier": g["qualifier"],
            "lower": _decimal(g["lower"]),
            "upper": _decimal(g["upper"]),
            "kind": g["kind"],
            "basis": about[(g["seq"], g["start"], g["end"])]["basis"],
            "per": _or_none(about[(g["seq"], g["start"], g["end"])]["per"]),
            "measure": _or_none(about[(g["seq"], g["start"], g["end"])]["measure"]),
            "sentence": text[max(0, start - 10):end + 10],
        })
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype({"start": "int64", "end": "int64"})


@pytest.fixture
def bulletins() -> pd.DataFrame:
    return make_bulletins()


@pytest.fixture
def cases() -> pd.DataFrame:
    return make_cases()


@pytest.fixture
def figures(cases, bulletins) -> pd.DataFrame:
    return make_figures(cases, bulletins)


@pytest.fixture
def tables(bulletins, cases, figures) -> dict[str, pd.DataFrame]:
    return {"bulletins": bulletins, "cases": cases, "figures": figures}
