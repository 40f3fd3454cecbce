"""The union-name grammar: every level, placed or reported unplaced, never placed wrongly."""

import json
import subprocess
import tempfile
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.geo import LEVELS, UnionGeo, is_union_name, load_divisions, resolve_union
from pipeline.geo.national import CORPS_UNION, NATIONAL_INDUSTRIAL_UNIONS
from pipeline.geo.unions import UNION_ENDINGS, UNION_SUFFIXES, _resolve
from tests.geo.union_names import BLIND, BLIND_NOT_UNIONS, NOT_UNIONS, PLACED, UNPLACED

DIVISIONS = {d.code: d for d in load_divisions()}


def place_names(geo: UnionGeo) -> tuple[str | None, str | None, str | None]:
    return geo.province, geo.prefecture, geo.county


def assert_codes_match_the_table(geo: UnionGeo) -> None:
    """Every code is a division of the table with the name beside it, nested as the table nests it."""
    for name, code, level in ((geo.province, geo.province_code, "province"),
                              (geo.prefecture, geo.prefecture_code, "prefecture"),
                              (geo.county, geo.county_code, "county")):
        assert (name is None) == (code is None)
        if code is not None:
            assert DIVISIONS[code].name == name and DIVISIONS[code].level == level
    if geo.prefecture_code:
        assert geo.prefecture_code[:2] == geo.province_code[:2]
    if geo.county_code:
        assert geo.county_code[:2] == geo.province_code[:2]
        assert geo.prefecture_code is None or geo.county_code[:4] == geo.prefecture_code[:4]


def test_gold_unions_resolve_to_their_gold_places(gold_cases):
    for row in gold_cases:
        geo = resolve_union(row["union_name"])
        assert (geo.province, geo.province_code, geo.prefecture or "", geo.prefecture_code or "",
                geo.union_level) == (row["province"], row["province_code"], row["prefecture"],
                                     row["prefecture_code"], row["union_level"])
        assert geo.county is None and geo.placed


@pytest.mark.parametrize("name, level, province, prefecture, county", PLACED)
def test_names_at_every_level_are_placed(name, level, province, prefecture, county):
    geo = resolve_union(name)
    assert geo is not None and geo.union_name == name
    assert (geo.union_level, place_names(geo)) == (level, (province, prefecture, county))
    assert geo.placed and geo.place_note is None
    assert_codes_match_the_table(geo)
    assert is_union_name(name)


@pytest.mark.parametrize("name, level", UNPLACED)
def test_unplaceable_or_ambiguous_names_keep_empty_places(name, level):
    geo = resolve_union(name)
    assert geo is not None and geo.union_level == level
    assert place_names(geo) == (None, None, None)
    assert (geo.province_code, geo.prefecture_code, geo.county_code) == (None, None, None)
    assert not geo.placed and geo.place_note
    assert is_union_name(name)


def test_an_ambiguous_name_says_where_it_could_be():
    note = resolve_union("桥西区总工会").place_note
    assert "石家庄市" in note and "张家口市" in note


@pytest.mark.parametrize("line", NOT_UNIONS)
def test_lines_that_are_not_union_names(line):
    assert resolve_union(line) is None
    assert not is_union_name(line)


@pytest.mark.parametrize("name, level, province, prefecture, county", BLIND)
def test_blind_names_are_placed_as_written_or_reported(name, level, province, prefecture, county):
    """Names written before the grammar ran on them: level and places as a reader expects; where
    the name does not tell the place, every place column empty and a note saying why."""
    geo = resolve_union(name)
    assert geo is not None and is_union_name(name)
    assert (geo.union_level, place_names(geo)) == (level, (province, prefecture, county))
    told = province is not None or level in ("national", "enterprise")  # these have no place to tell
    assert geo.placed == told and (geo.place_note is None) == told
    assert_codes_match_the_table(geo)


@pytest.mark.parametrize("line", BLIND_NOT_UNIONS)
def test_blind_lines_that_are_not_union_names(line):
    assert resolve_union(line) is None and not is_union_name(line)


@pytest.mark.parametrize("line, expected", [
    ("  福建龙岩市总工会 ", True),
    ("北京市 总工会", True),
    ("第二段继续推动各级工会", False),
])
def test_is_union_name_strips_spaces(line, expected):
    assert is_union_name(line) is expected


def test_the_test_list_covers_every_level():
    assert {level for _, level, *_ in PLACED} | {level for _, level in UNPLACED} == set(LEVELS)


def test_divisions_table_is_the_national_list():
    divisions = load_divisions()
    levels = [d.level for d in divisions]
    assert levels.count("province") == 34
    assert 330 <= levels.count("prefecture") <= 340
    assert len({d.code for d in divisions}) == len(divisions)


NAME_PARTS = st.sampled_from(
    [d.name for d in load_divisions()][::7] + ["江西", "赣州", "浏阳", "朝阳", "桥西区", "高新区", "街道",
                                               "镇", "有限公司", "集团", "教育", "机关", "兵团", "第一师",
                                               "中国", "各级", "，", "、", " ", "A1", "總", "區"])
SUFFIXES = st.sampled_from(["", "总工会", "工会", "工会委员会", "工会联合会", "總工會"])


def assert_result_or_none(text: str) -> None:
    geo = resolve_union(text)
    assert geo is None or isinstance(geo, UnionGeo)
    assert is_union_name(text) == (geo is not None)
    if geo is not None:
        assert geo.union_level in LEVELS
        assert_codes_match_the_table(geo)
        if not geo.placed:
            assert place_names(geo) == (None, None, None)


@given(st.text(max_size=50))
def test_any_string_gives_a_result_or_none(text):
    assert_result_or_none(text)


@given(st.lists(NAME_PARTS, max_size=5).map("".join), SUFFIXES)
def test_any_name_shaped_string_gives_a_result_or_none(head, suffix):
    assert_result_or_none(head + suffix)


def _t2s_dictionaries() -> list[dict[str, str]]:
    """Every dictionary of OpenCC's t2s (its normalisation and conversion chain) as key → the
    output OpenCC takes (the first candidate), dumped to text with the package's ``opencc_dict``."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC package ships no opencc_dict to read its dictionaries")
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    specs = [step["dict"] for step in config["normalization"] + config["conversion_chain"]]
    files = [d["file"] for spec in specs for d in spec.get("dicts", [spec])]
    assert "TSCharacters.ocd2" in files and "TSPhrases.ocd2" in files
    tables = []
    with tempfile.TemporaryDirectory() as tmp:
        for file in files:
            out = Path(tmp) / (file + ".txt")
            subprocess.run([str(tool), "-i", str(share / file), "-o", str(out), "-f", "ocd2", "-t", "text"],
                           check=True, capture_output=True)
            table = {}
            for line in out.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t")
                table[key] = values.split(" ")[0]
            tables.append(table)
    return tables


def test_t2s_ends_a_text_in_hui_only_from_hui():
    # What resolve_union's pre-filter relies on: a text converted to Simplified ends in 会 (white
    # space aside) only if it ended in 会 or 會, and OpenCC neither makes nor takes white space.
    tables = _t2s_dictionaries()
    assert sum(len(t) for t in tables) > 5000
    for table in tables:
        for key, out in table.items():
            assert key and out and "".join(key.split()) == key and "".join(out.split()) == out
            if out.endswith(UNION_ENDINGS):
                assert key.endswith(UNION_ENDINGS), (key, out)
    assert tables[-1]["會"] == "会"  # the dictionaries read are the ones that convert 會


def test_every_accepted_name_ends_in_hui():
    assert all(name.endswith("会") for name in NATIONAL_INDUSTRIAL_UNIONS)
    assert all(suffix.endswith("会") for suffix in UNION_SUFFIXES)
    assert CORPS_UNION.pattern.endswith("(?:总工会|工会|工会联合会)$")


@given(st.lists(st.sampled_from(["会", "會", "工", "總", "总", "浙江", "臺州", "市", "藉此機", " ", "\u3000", "\n",
                                 "第八师", "兵团", "中国金融", "有限公司", "a"]), max_size=8).map("".join))
def test_the_pre_filter_gives_what_the_conversion_gives(text):
    assert resolve_union(text) == _resolve.__wrapped__(text)
