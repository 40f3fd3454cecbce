"""The same bulletin in other encodings and in Traditional script gives the same tables."""

import opencc
import pytest

from pipeline.sources import load_snapshot
from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin
from tests.conftest import BULLETIN_ID, RAW
from tests.faults.helpers import raw_folder

TEXT = (RAW / BULLETIN_ID / "bulletin.txt").read_text(encoding="utf-8")


def tables(raw):
    parsed = parse_bulletin(load_snapshot(raw, BULLETIN_ID))
    b = bulletins_frame(parsed)
    c = cases_frame(parsed)
    return b, c, figures_frame(b, c)


@pytest.fixture(scope="module")
def simplified():
    return tables(RAW)


@pytest.mark.parametrize("encoding, data", [
    ("gb18030", TEXT.encode("gb18030")),
    ("utf-16", TEXT.encode("utf-16")),
    ("utf-8-sig", TEXT.encode("utf-8-sig")),
])
def test_other_encodings_build_the_same_tables(encoding, data, simplified, tmp_path):
    b, c, f = tables(raw_folder(tmp_path, data))
    assert b.at[0, "encoding"] == encoding
    assert b.at[0, "preface"] == simplified[0].at[0, "preface"]
    assert c.equals(simplified[1])
    assert f.equals(simplified[2])


def test_traditional_script_gives_the_same_cases_codes_and_figures(simplified, tmp_path):
    s2t = opencc.OpenCC("s2t")
    b, c, f = tables(raw_folder(tmp_path, s2t.convert(TEXT).encode("utf-8")))
    _, c0, f0 = simplified
    assert b.at[0, "script"] == "Hant" and simplified[0].at[0, "script"] == "Hans"
    assert len(c) == 15
    assert c["union_name"].tolist() == [s2t.convert(u) for u in c0["union_name"]]
    for col in ("province", "province_code", "prefecture_code", "union_level"):
        assert c[col].tolist() == c0[col].tolist(), col
    assert c.at[0, "body"] != c0.at[0, "body"]  # canonical text keeps the original characters
    assert f["value"].tolist() == f0["value"].tolist()
    assert f[["start", "end", "qualifier", "kind"]].equals(f0[["start", "end", "qualifier", "kind"]])
    assert f["unit"].tolist() == f0["unit"].tolist()  # units are given in Simplified form
