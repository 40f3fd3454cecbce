"""Union names at every level, written for the tests from Chinese administrative geography.

Each row: name, expected level, and the expected (province, prefecture, county) names, None where
the column is empty. ``UNPLACED`` names are unions whose place the name does not tell, or tells
only ambiguously: every place column must stay empty. ``NOT_UNIONS`` are lines that are not a
union's name.
"""

from __future__ import annotations

PLACED: list[tuple[str, str, str | None, str | None, str | None]] = [
    # national
    ("中国教育工会", "national", None, None, None),
    ("中国海员建设工会", "national", None, None, None),
    ("中华全国总工会", "national", None, None, None),
    ("中国金融工会", "national", None, None, None),
    ("全国铁路总工会", "national", None, None, None),
    ("中国能源化学地质工会", "national", None, None, None),
    ("中國國防郵電工會", "national", None, None, None),
    # corps
    ("新疆生产建设兵团总工会", "corps", "新疆维吾尔自治区", None, None),
    ("兵团总工会", "corps", "新疆维吾尔自治区", None, None),
    ("新疆生产建设兵团第一师总工会", "corps", "新疆维吾尔自治区", None, None),
    ("第八师石河子市总工会", "corps", "新疆维吾尔自治区", None, None),
    ("兵团第十四师总工会", "corps", "新疆维吾尔自治区", None, None),
    # provincial
    ("浙江省总工会", "provincial", "浙江省", None, None),
    ("广西壮族自治区总工会", "provincial", "广西壮族自治区", None, None),
    ("广西总工会", "provincial", "广西壮族自治区", None, None),
    ("内蒙古自治区总工会", "provincial", "内蒙古自治区", None, None),
    ("北京市总工会", "provincial", "北京市", None, None),
    ("重庆市总工会", "provincial", "重庆市", None, None),
    ("西藏自治区总工会", "provincial", "西藏自治区", None, None),
    ("宁夏总工会", "provincial", "宁夏回族自治区", None, None),
    ("黑龙江省总工会", "provincial", "黑龙江省", None, None),
    ("新疆維吾爾自治區總工會", "provincial", "新疆维吾尔自治区", None, None),
    # prefectural
    ("浙江台州市总工会", "prefectural", "浙江省", "台州市", None),
    ("江西赣州工会", "prefectural", "江西省", "赣州市", None),
    ("江西省赣州市总工会", "prefectural", "江西省", "赣州市", None),
    ("台州市总工会", "prefectural", "浙江省", "台州市", None),
    ("延边州总工会", "prefectural", "吉林省", "延边朝鲜族自治州", None),
    ("湖北省恩施土家族苗族自治州总工会", "prefectural", "湖北省", "恩施土家族苗族自治州", None),
    ("恩施州总工会", "prefectural", "湖北省", "恩施土家族苗族自治州", None),
    ("内蒙古锡林郭勒盟总工会", "prefectural", "内蒙古自治区", "锡林郭勒盟", None),
    ("西藏阿里地区总工会", "prefectural", "西藏自治区", "阿里地区", None),
    ("广东东莞市总工会", "prefectural", "广东省", "东莞市", None),
    ("吉林省吉林市总工会", "prefectural", "吉林省", "吉林市", None),
    ("福建龙岩市总工会", "prefectural", "福建省", "龙岩市", None),
    ("四川省凉山彝族自治州总工会", "prefectural", "四川省", "凉山彝族自治州", None),
    ("深圳市总工会", "prefectural", "广东省", "深圳市", None),
    ("江苏苏州市总工会", "prefectural", "江苏省", "苏州市", None),
    ("黑龍江省哈爾濱市總工會", "prefectural", "黑龙江省", "哈尔滨市", None),
    ("南昌总工会", "prefectural", "江西省", "南昌市", None),
    # county
    ("湖南浏阳市总工会", "county", "湖南省", "长沙市", "浏阳市"),
    ("广东省深圳市南山区总工会", "county", "广东省", "深圳市", "南山区"),
    ("江苏省昆山市总工会", "county", "江苏省", "苏州市", "昆山市"),
    ("北京市朝阳区总工会", "county", "北京市", None, "朝阳区"),
    ("上海市浦东新区总工会", "county", "上海市", None, "浦东新区"),
    ("天津市滨海新区总工会", "county", "天津市", None, "滨海新区"),
    ("重庆市万州区总工会", "county", "重庆市", None, "万州区"),
    ("重庆市渝北区总工会", "county", "重庆市", None, "渝北区"),
    ("浙江省义乌市总工会", "county", "浙江省", "金华市", "义乌市"),
    ("义乌市总工会", "county", "浙江省", "金华市", "义乌市"),
    ("湖北省仙桃市总工会", "county", "湖北省", None, "仙桃市"),
    ("河南省济源市总工会", "county", "河南省", None, "济源市"),
    ("海南省琼海市总工会", "county", "海南省", None, "琼海市"),
    ("内蒙古鄂尔多斯市准格尔旗总工会", "county", "内蒙古自治区", "鄂尔多斯市", "准格尔旗"),
    ("云南省昆明市五华区总工会", "county", "云南省", "昆明市", "五华区"),
    ("江苏省张家港市总工会", "county", "江苏省", "苏州市", "张家港市"),
    ("福建省晋江市总工会", "county", "福建省", "泉州市", "晋江市"),
    ("山东省青岛市黄岛区总工会", "county", "山东省", "青岛市", "黄岛区"),
    ("浙江省杭州市西湖区总工会", "county", "浙江省", "杭州市", "西湖区"),
    ("四川省成都市武侯区总工会", "county", "四川省", "成都市", "武侯区"),
    ("广东省佛山市顺德区总工会", "county", "广东省", "佛山市", "顺德区"),
    ("長沙市岳麓區總工會", "county", "湖南省", "长沙市", "岳麓区"),
    ("湖北长阳土家族自治县总工会", "county", "湖北省", "宜昌市", "长阳土家族自治县"),
    # township
    ("杭州市西湖区转塘街道总工会", "township", "浙江省", "杭州市", "西湖区"),
    ("北京市海淀区中关村街道总工会", "township", "北京市", None, "海淀区"),
    ("江苏省昆山市玉山镇总工会", "township", "江苏省", "苏州市", "昆山市"),
    ("广东省东莞市长安镇总工会", "township", "广东省", "东莞市", None),
    ("中山市小榄镇总工会", "township", "广东省", "中山市", None),
    ("浙江省温州市瑞安市塘下镇总工会", "township", "浙江省", "温州市", "瑞安市"),
    # zone
    ("苏州工业园区总工会", "zone", "江苏省", "苏州市", None),
    ("成都高新区总工会", "zone", "四川省", "成都市", None),
    ("长沙经开区总工会", "zone", "湖南省", "长沙市", None),
    ("天津经济技术开发区总工会", "zone", "天津市", None, None),
    ("青岛西海岸新区总工会", "zone", "山东省", "青岛市", None),
    ("雄安新区总工会", "zone", "河北省", None, None),
    ("广州开发区总工会", "zone", "广东省", "广州市", None),
    ("武汉东湖新技术开发区总工会", "zone", "湖北省", "武汉市", None),
    ("郑州航空港经济综合实验区总工会", "zone", "河南省", "郑州市", None),
    ("江苏省昆山市开发区工会工作委员会", "zone", "江苏省", "苏州市", "昆山市"),
    # industrial
    ("四川省机械冶金建材工会", "industrial", "四川省", None, None),
    ("杭州市教育工会", "industrial", "浙江省", "杭州市", None),
    ("浙江省财贸轻纺烟草工会", "industrial", "浙江省", None, None),
    ("江苏省建设工会", "industrial", "江苏省", None, None),
    ("广东省直属机关工会", "industrial", "广东省", None, None),
    ("上海市金融工会", "industrial", "上海市", None, None),
    ("湖北省教科文卫体工会", "industrial", "湖北省", None, None),
    # enterprise: a company's name is not its union's place
    ("国家电网有限公司工会", "enterprise", None, None, None),
    ("中国石油天然气集团有限公司工会", "enterprise", None, None, None),
    ("中国移动通信集团有限公司工会", "enterprise", None, None, None),
    ("鞍钢集团工会", "enterprise", None, None, None),
    ("中国工商银行工会", "enterprise", None, None, None),
    ("中国宝武钢铁集团有限公司工会委员会", "enterprise", None, None, None),
    ("浙江吉利控股集团工会联合会", "enterprise", None, None, None),
    ("中国中铁股份有限公司工会", "enterprise", None, None, None),
    ("华为技术有限公司工会委员会", "enterprise", None, None, None),
    ("杭州市西湖区某某科技有限公司工会", "enterprise", None, None, None),
]

# Accepted as union names, level told, place not: every place column stays empty.
UNPLACED: list[tuple[str, str]] = [
    ("桥西区总工会", "county"),          # 石家庄市 and 张家口市 both have one
    ("朝阳区总工会", "county"),          # 北京市 and 长春市
    ("鼓楼区总工会", "county"),          # 南京, 徐州, 福州, 开封
    ("江苏省鼓楼区总工会", "county"),    # 南京 and 徐州, both in 江苏
    ("西湖区总工会", "county"),          # 杭州 and 南昌
    ("普陀区总工会", "county"),          # 上海 and 舟山
    ("城关区总工会", "county"),
    ("江北区总工会", "county"),          # 宁波 and 重庆          # 兰州, 拉萨
    ("浙江省杭州市转塘街道总工会", "township"),  # the town's county is not given
    ("西安高新区总工会", "zone"),       # 西安 is also short for 西安区 (辽源, 牡丹江)
    ("市教育工会", "industrial"),
    ("海南航空工会", "unknown"),
    ("中国一汽工会", "unknown"),         # a company, not Hainan's aviation union
    ("中国某某工会", "unknown"),
    ("火星市总工会", "unknown"),
    ("清华大学工会", "unknown"),
]

NOT_UNIONS: list[str] = [
    "华为工会",        # a bare word before 工会 is not told from prose (楼宇工会, 增强工会)
    "楼宇工会",
    "增强工会",
    "南省总工会",      # wrapped lines' tails, not names
    "省台州市总工会",
    "自治区总工会",
    "族自治区总工会",
    "2021年江苏省总工会",
    "各市州总工会",
    "政府与省总工会",
    "北京市总工会贯彻落实中国工会",
    "拓展工会",
    "推动各级工会",
    "公司工会",
    "基层工会",
    "各级工会",
    "积极引导职工加入工会",
    "北京市总工会贯彻落实习近平总书记重要指示",
    "全总定期分领域发布全国工会重点工作创新案例。",
    "浙江省总工会，",
    "总工会",
    "工会",
    "",
]

# NOTE: written before the code ran on them (a blind measure of the grammar on names not tuned for):
# name, the level and the places a reader of Chinese geography expects; (None, None, None) where
# the name does not tell the place or tells it ambiguously. GB/T 2260 as of the pinned table.
BLIND: list[tuple[str, str, str | None, str | None, str | None]] = [
    # provincial
    ("吉林省总工会", "provincial", "吉林省", None, None),
    ("青海省总工会", "provincial", "青海省", None, None),
    ("天津市总工会", "provincial", "天津市", None, None),
    ("海南省总工会", "provincial", "海南省", None, None),
    # prefectural
    ("河北省保定市总工会", "prefectural", "河北省", "保定市", None),
    ("广西柳州市总工会", "prefectural", "广西壮族自治区", "柳州市", None),
    ("甘肃天水市总工会", "prefectural", "甘肃省", "天水市", None),
    ("黔东南州总工会", "prefectural", "贵州省", "黔东南苗族侗族自治州", None),
    ("内蒙古呼伦贝尔市总工会", "prefectural", "内蒙古自治区", "呼伦贝尔市", None),
    ("新疆伊犁哈萨克自治州总工会", "prefectural", "新疆维吾尔自治区", "伊犁哈萨克自治州", None),
    ("湖南省湘西土家族苗族自治州总工会", "prefectural", "湖南省", "湘西土家族苗族自治州", None),
    ("大理州总工会", "prefectural", "云南省", "大理白族自治州", None),
    ("湖南岳阳市总工会", "prefectural", "湖南省", "岳阳市", None),
    # county
    ("浙江省安吉县总工会", "county", "浙江省", "湖州市", "安吉县"),
    ("四川省都江堰市总工会", "county", "四川省", "成都市", "都江堰市"),
    ("广东省佛山市南海区总工会", "county", "广东省", "佛山市", "南海区"),
    ("上海市闵行区总工会", "county", "上海市", None, "闵行区"),
    ("天津市西青区总工会", "county", "天津市", None, "西青区"),
    ("河北省辛集市总工会", "county", "河北省", "石家庄市", "辛集市"),
    ("江苏省江阴市总工会", "county", "江苏省", "无锡市", "江阴市"),
    ("山东省寿光市总工会", "county", "山东省", "潍坊市", "寿光市"),
    ("贵州省遵义市仁怀市总工会", "county", "贵州省", "遵义市", "仁怀市"),
    ("湖北省潜江市总工会", "county", "湖北省", None, "潜江市"),
    ("内蒙古鄂温克族自治旗总工会", "county", "内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗"),
    # township
    ("浙江省宁波市余姚市泗门镇总工会", "township", "浙江省", "宁波市", "余姚市"),
    ("广东省东莞市虎门镇总工会", "township", "广东省", "东莞市", None),
    ("北京市朝阳区望京街道总工会", "township", "北京市", None, "朝阳区"),
    ("广东省佛山市南海区狮山镇总工会", "township", "广东省", "佛山市", "南海区"),
    # zone
    ("合肥高新区总工会", "zone", "安徽省", "合肥市", None),
    ("青岛高新区总工会", "zone", "山东省", "青岛市", None),
    ("宁波保税区总工会", "zone", "浙江省", "宁波市", None),
    ("长春经济技术开发区总工会", "zone", "吉林省", "长春市", None),
    # industrial
    ("河南省教科文卫体工会", "industrial", "河南省", None, None),
    ("广州市金融工会", "industrial", "广东省", "广州市", None),
    ("北京市国防邮电工会", "industrial", "北京市", None, None),
    ("云南省农林水利工会", "industrial", "云南省", None, None),
    # enterprise
    ("中国建筑第八工程局有限公司工会", "enterprise", None, None, None),
    ("宁德时代新能源科技股份有限公司工会", "enterprise", None, None, None),
    ("中国南方电网有限责任公司工会", "enterprise", None, None, None),
    ("首钢集团有限公司工会委员会", "enterprise", None, None, None),
    ("招商银行工会", "enterprise", None, None, None),
    # national, corps
    ("中国农林水利气象工会", "national", None, None, None),
    ("中国财贸轻纺烟草工会", "national", None, None, None),
    ("新疆生产建设兵团第八师总工会", "corps", "新疆维吾尔自治区", None, None),
    # not told, or told ambiguously: every place column empty
    ("新华区总工会", "county", None, None, None),         # 石家庄, 沧州, 平顶山
    ("长安区总工会", "county", None, None, None),         # 石家庄, 西安
    ("北京大学工会", "unknown", None, None, None),
    ("浙江大学医学院附属第一医院工会", "unknown", None, None, None),
]

# Lines of running text a narrow column can leave alone on a line: never union names.
BLIND_NOT_UNIONS: list[str] = [
    "全市各级工会",
    "指导基层工会",
    "区总工会",
    "加强产业工会",
    "市县两级工会",
    "镇总工会还在",
    "安吉县总工会立足",
    "的企业工会",
]
