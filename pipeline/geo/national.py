"""Unions that are not the federation of one administrative division.

NOTE: the ACFTU's national industrial unions (全国产业工会, listed in the ACFTU's own directory of
its member unions) sign cases too; they have no province. The trade-union federation of the
Xinjiang Production and Construction Corps (兵团) is provincial in rank but not a GB/T 2260
division; it is given the province it lies in and the level ``corps``.
"""

from __future__ import annotations

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
