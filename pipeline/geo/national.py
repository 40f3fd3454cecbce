"""Unions that are not the federation of one administrative division.

Enterprise unions (某某集团有限公司工会) are recognised by the shape of a company name; their
place is not in their name, so they carry no province (level ``enterprise``).

NOTE: the ACFTU's national industrial unions (全国产业工会, listed in the ACFTU's own directory of
its member unions) sign cases too; they have no province. The trade-union federation of the
Xinjiang Production and Construction Corps (兵团) is provincial in rank but not a GB/T 2260
division; it is given the province it lies in and the level ``corps``.
"""

from __future__ import annotations

import re

NATIONAL_INDUSTRIAL_UNIONS: tuple[str, ...] = (
    "中国教育、科技、文化、卫生、体育工会",
    "中国教科文卫体工会",
    "中国能源化学地质工会",
    "中国机械冶金建材工会",
    "中国国防邮电工会",
    "中国财贸轻纺烟草工会",
    "中国农林水利气象工会",
    "中国海员建设工会",
    "全国铁路总工会",
    "中国铁路总工会",
    "中国民航工会",
    "中国金融工会",
    "中央和国家机关工会联合会",
    "中华全国总工会",
)

CORPS_UNIONS: dict[str, tuple[str, str]] = {
    "新疆生产建设兵团总工会": ("新疆维吾尔自治区", "650000"),
    "新疆生产建设兵团工会": ("新疆维吾尔自治区", "650000"),
}


# NOTE: a company's legal form ends its name (GB/T 12402 company types), and the union's name
# follows it; nothing else in a case body is a short line of this shape.
ENTERPRISE_UNION = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:有限责任公司|股份有限公司|有限公司|集团公司|集团|总公司|公司)"
    r"(?:委员会)?工会(?:委员会)?$")
