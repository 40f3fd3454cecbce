"""Canonical spacing and joining of wrapped lines, on real sentences of the bulletin."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import canonical_spaces, join_wrapped
from pipeline.text.canonical import _FULL_WIDTH, _INVISIBLE, clean_characters


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


@pytest.mark.parametrize("raw, canonical", [
    ("１６０ 余处", "160余处"),                           # full-width digits (PDF tools)
    ("覆盖率达到９１．４％以上", "覆盖率达到91．4%以上"),     # full-width ％; the full-width point is punctuation
    ("川工之家ＡＰＰ先后", "川工之家APP先后"),
    ("7.6\u200b1万人", "7.61万人"),                        # zero-width space inside a number
    ("7.61\u2060万\u200d人\ufeff", "7.61万人"),            # word joiner, zero-width joiner, BOM
    ("技能\u00ad培训", "技能培训"),                         # soft hyphen
    ("共\u00a0262\u00a0个", "共262个"),                      # no-break spaces are spaces
    ("共\u3000262\u3000个", "共262个"),                      # ideographic spaces are spaces
    ("“工会送岗位\u3000乐业在江淮”", "“工会送岗位 乐业在江淮”"),  # between CJK: the author's space stays
    ("（亮牌子、亮身份）", "（亮牌子、亮身份）"),               # full-width punctuation stays
])
def test_cleaning_of_extraction_characters(raw, canonical):
    assert canonical_spaces(raw) == canonical


@given(st.text(alphabet="０１２３４５６７８９ＡＺａｚ％\u200b\u00a0\u3000工会人万", max_size=40))
def test_cleaning_leaves_no_full_width_alphanumerics_or_invisibles(s):
    out = canonical_spaces(s)
    assert not any("\uff10" <= c <= "\uff5a" or c in "％\u200b\u00a0\u3000" for c in out)
    assert canonical_spaces(out) == out


_WHITE_SPACE = [chr(i) for i in range(0x3001) if chr(i).isspace()] + ["\u3000", "\u205f", "\u2029"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_WHITE_SPACE + list("工会7万a％０９Ａｚ\u200b\u00ad\ufeff\u2060"))))
def test_clean_characters_makes_every_other_space_a_plain_space(s: str) -> None:
    expected = "".join(" " if c.isspace() and c != "\n" else c
                       for c in s.translate(_INVISIBLE).translate(_FULL_WIDTH))
    assert clean_characters(s) == expected
