"""Canonical spacing and joining of wrapped lines, on real sentences of the bulletin."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import canonical_spaces, join_wrapped


@pytest.mark.parametrize("raw, canonical", [
    ("目前已发布两期案例共 262 个，现节", "目前已发布两期案例共262个，现节"),
    ("总工会创新打造“一地六园 N 点”新时代产", "总工会创新打造“一地六园N点”新时代产"),
    ("连续 3 年开展“工会送岗位 乐业在江淮”全省", "连续3年开展“工会送岗位 乐业在江淮”全省"),
    ("一是聚焦协商实践。 2024 年《参考信", "一是聚焦协商实践。2024年《参考信"),
    ("社工年流失率低于1%，队伍稳定性高。", "社工年流失率低于1%，队伍稳定性高。"),
    ("服务女职工 130 多万", "服务女职工130多万"),
    ("在川工之家 APP 先后", "在川工之家APP先后"),
    (" 4月 26日，全国总工会", "4月26日，全国总工会"),
])
def test_canonical_spaces(raw, canonical):
    assert canonical_spaces(raw) == canonical


@pytest.mark.parametrize("parts, joined", [
    (["依托沟通会已建立工会组织企业 1.61", "万家。"], "依托沟通会已建立工会组织企业1.61万家。"),
    (["产生专利、工法等技术成果 357", "项，为高效推进"], "产生专利、工法等技术成果357项，为高效推进"),
    (["截至 2023", "年 11 月 30 日，全市"], "截至2023年11月30日，全市"),
    (["先后培育 7", "名大国工匠"], "先后培育7名大国工匠"),
])
def test_numbers_broken_across_lines_rejoin(parts, joined):
    assert join_wrapped(parts) == joined


@given(st.text(max_size=200))
def test_canonical_spaces_is_idempotent_and_total(s):
    once = canonical_spaces(s)
    assert canonical_spaces(once) == once


@given(st.lists(st.text(alphabet="工会职工1234567890万余人，。 %", max_size=30), max_size=10))
def test_joining_loses_no_character_but_artifact_spaces(parts):
    joined = join_wrapped(parts)
    assert joined.replace(" ", "") == "".join(parts).replace(" ", "")
