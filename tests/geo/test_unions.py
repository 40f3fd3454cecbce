"""Union names to GB/T 2260 places, on the gold unions and on names of the same grammar."""

import pytest

from pipeline.geo import UnknownUnionError, is_union_name, load_divisions, resolve_union


def test_gold_unions_resolve_to_their_gold_places(gold_cases):
    for row in gold_cases:
        geo = resolve_union(row["union_name"])
        assert (geo.province, geo.province_code, geo.prefecture or "", geo.prefecture_code or "",
                geo.union_level) == (row["province"], row["province_code"], row["prefecture"],
                                     row["prefecture_code"], row["union_level"])


@pytest.mark.parametrize("name, province, code, prefecture, pcode, level", [
    ("广西总工会", "广西壮族自治区", "450000", None, None, "provincial"),
    ("内蒙古自治区总工会", "内蒙古自治区", "150000", None, None, "provincial"),
    ("台州市总工会", "浙江省", "330000", "台州市", "331000", "prefectural"),
    ("浙江省杭州市总工会", "浙江省", "330000", "杭州市", "330100", "prefectural"),
    ("延边州总工会", "吉林省", "220000", "延边朝鲜族自治州", "222400", "prefectural"),
    ("杭州市西湖区总工会", "浙江省", "330000", "杭州市", "330100", "county"),
    ("新疆維吾爾自治區總工會", "新疆维吾尔自治区", "650000", None, None, "provincial"),
    ("中国海员建设工会", None, None, None, None, "national"),
    ("全国铁路总工会", None, None, None, None, "national"),
    ("新疆生产建设兵团总工会", "新疆维吾尔自治区", "650000", None, None, "corps"),
    ("上海市浦东新区总工会", "上海市", "310000", None, None, "county"),
    ("国家电网有限公司工会", None, None, None, None, "enterprise"),
    ("中国石油天然气集团有限公司工会", None, None, None, None, "enterprise"),
])
def test_names_of_the_same_grammar(name, province, code, prefecture, pcode, level):
    geo = resolve_union(name)
    assert (geo.province, geo.province_code, geo.prefecture, geo.prefecture_code, geo.union_level) == (
        province, code, prefecture, pcode, level)
    assert geo.union_name == name


@pytest.mark.parametrize("name", ["中国某某工会", "朝阳区总工会", "火星市总工会", "总工会", ""])
def test_unknown_or_ambiguous_names_are_refused(name):
    with pytest.raises(UnknownUnionError):
        resolve_union(name)


@pytest.mark.parametrize("line, expected", [
    ("北京市总工会", True),
    ("北京市总工会贯彻落实习近平总书记重要指示", False),
    ("全总定期分领域发布全国工会重点工作创新案例。", False),
    ("  福建龙岩市总工会 ", True),
    ("国家电网有限公司工会", True),
    ("推动各级工会", False),
    ("公司工会", False),
])
def test_is_union_name(line, expected):
    assert is_union_name(line) is expected


def test_divisions_table_is_the_national_list():
    divisions = load_divisions()
    levels = [d.level for d in divisions]
    assert levels.count("province") == 34
    assert 330 <= levels.count("prefecture") <= 340
    assert len({d.code for d in divisions}) == len(divisions)
