-- Loads this release into DuckDB. Run it in this folder (Parquet paths are relative):
--   duckdb acftu.duckdb -c ".read load.sql"      (a file)   or   duckdb -c ".read load.sql"
--   python: duckdb.connect().execute(open('load.sql', encoding='utf-8').read())
-- Generated from schemas/*.schema.json by pipeline.metadata.ddl; do not edit.
-- Regenerate with: python -m pipeline.metadata.generate
CREATE TABLE "bulletins" (
    "bulletin_id" VARCHAR NOT NULL,
    "title" VARCHAR NOT NULL,
    "publisher" VARCHAR NOT NULL,
    "event_date" DATE NOT NULL,
    "preface" VARCHAR,
    "raw_path" VARCHAR NOT NULL,
    "raw_sha256" VARCHAR NOT NULL,
    "raw_bytes" BIGINT NOT NULL CHECK ("raw_bytes" >= 1),
    "encoding" VARCHAR NOT NULL,
    "script" VARCHAR NOT NULL CHECK ("script" IN ('Hans', 'Hant')),
    "layout" VARCHAR NOT NULL CHECK ("layout" IN ('print', 'print-dense', 'web-title-union-body', 'web-title-union-body-dense', 'web-title-body-union', 'web-title-body-union-dense')),
    PRIMARY KEY ("bulletin_id")
);
COMMENT ON TABLE "bulletins" IS 'One row per raw bulletin: its metadata, the preface text before the first case, and the provenance of the raw bytes it was parsed from. / 每期通报一行：元数据、第一个案例之前的导语正文，以及所依据原始文件的来源信息。';
COMMENT ON COLUMN "bulletins"."bulletin_id" IS 'Stable slug of the bulletin, taken from the raw file''s metadata, e.g. acftu-innovation-cases-2024-04-26. / 通报的稳定标识，取自原始文件的元数据，如 acftu-innovation-cases-2024-04-26。';
COMMENT ON COLUMN "bulletins"."title" IS 'Title of the bulletin as published. / 通报标题（按原文）。';
COMMENT ON COLUMN "bulletins"."publisher" IS 'Organisation that published the bulletin, e.g. the ACFTU. / 发布单位，如中华全国总工会。';
COMMENT ON COLUMN "bulletins"."event_date" IS 'Date of the bulletin (ISO 8601). / 通报日期（ISO 8601 格式）。';
COMMENT ON COLUMN "bulletins"."preface" IS 'Canonical text before the first case; empty when the bulletin has none. / 第一个案例之前的规范化正文（导语）；没有导语时为空。';
COMMENT ON COLUMN "bulletins"."raw_path" IS 'Repository path of the raw text snapshot this row was parsed from. / 本行所依据的原始文本快照在仓库中的路径。';
COMMENT ON COLUMN "bulletins"."raw_sha256" IS 'SHA-256 digest (lower-case hex) of the raw snapshot''s bytes. / 原始快照字节的 SHA-256 摘要（小写十六进制）。';
COMMENT ON COLUMN "bulletins"."raw_bytes" IS 'Size of the raw snapshot in bytes. / 原始快照的字节数。';
COMMENT ON COLUMN "bulletins"."encoding" IS 'Character encoding the raw bytes were decoded with, e.g. utf-8, gb18030, utf-16. / 解码原始字节所用的字符编码，如 utf-8、gb18030、utf-16。';
COMMENT ON COLUMN "bulletins"."script" IS 'Chinese script of the raw text: Hans (simplified) or Hant (traditional), ISO 15924. / 原文所用汉字字体：Hans（简体）或 Hant（繁体），ISO 15924 代码。';
COMMENT ON COLUMN "bulletins"."layout" IS 'How the raw text lays out each case, detected from the text: print (body, then union, then title), web-title-union-body or web-title-body-union; with the suffix -dense when no blank lines stand between the printed lines. See docs/layouts.md. / 原文中每个案例的排列方式（由文本自动识别）：print（正文、署名工会、标题）、web-title-union-body（标题、署名工会、正文）或 web-title-body-union（标题、正文、署名工会）；行与行之间没有空行时加后缀 -dense。详见 docs/layouts.md。';

CREATE TABLE "cases" (
    "case_id" VARCHAR NOT NULL,
    "bulletin_id" VARCHAR NOT NULL,
    "seq" BIGINT NOT NULL CHECK ("seq" >= 1),
    "union_name" VARCHAR NOT NULL,
    "province" VARCHAR,
    "province_code" VARCHAR,
    "prefecture" VARCHAR,
    "prefecture_code" VARCHAR,
    "county" VARCHAR,
    "county_code" VARCHAR,
    "union_level" VARCHAR NOT NULL CHECK ("union_level" IN ('national', 'corps', 'provincial', 'prefectural', 'county', 'township', 'zone', 'industrial', 'enterprise', 'unknown')),
    "title" VARCHAR NOT NULL,
    "body" VARCHAR NOT NULL,
    PRIMARY KEY ("case_id"),
    FOREIGN KEY ("bulletin_id") REFERENCES "bulletins" ("bulletin_id")
);
COMMENT ON TABLE "cases" IS 'One row per innovation case: the publishing union, where it is, the case title and its canonical body text. / 每个创新案例一行：报送案例的工会、所在地区、案例标题及规范化正文。';
COMMENT ON COLUMN "cases"."case_id" IS 'Stable id of the case: the bulletin id, a hyphen and the two-digit sequence number. / 案例的稳定标识：通报标识加连字符和两位序号。';
COMMENT ON COLUMN "cases"."bulletin_id" IS 'The bulletin the case was published in. / 案例所在的通报。';
COMMENT ON COLUMN "cases"."seq" IS '1-based order of the case in its bulletin. / 案例在通报中的顺序，从 1 开始。';
COMMENT ON COLUMN "cases"."union_name" IS 'The publishing trade union as printed under the case, e.g. 浙江台州市总工会. / 案例下方署名的工会，按原文，如“浙江台州市总工会”。';
COMMENT ON COLUMN "cases"."province" IS 'Full name of the province-level division, e.g. 浙江省; empty for a national or enterprise union and where the place is not known. / 省级行政区全称，如“浙江省”；全国产业工会、企业工会及所在地无法确定的工会为空。';
COMMENT ON COLUMN "cases"."province_code" IS 'Six-digit GB/T 2260 code of the province, e.g. 330000; empty for a national or enterprise union and where the place is not known. / 省级行政区的六位 GB/T 2260 代码，如 330000；全国产业工会、企业工会及所在地无法确定的工会为空。';
COMMENT ON COLUMN "cases"."prefecture" IS 'Full name of the prefecture-level division, e.g. 台州市; empty for a provincial union, a district of a municipality and where the place is not known. / 地级行政区全称，如“台州市”；省级工会、直辖市所辖区及所在地无法确定的工会为空。';
COMMENT ON COLUMN "cases"."prefecture_code" IS 'Six-digit GB/T 2260 code of the prefecture, e.g. 331000; empty for a provincial union, a district of a municipality and where the place is not known. / 地级行政区的六位 GB/T 2260 代码，如 331000；省级工会、直辖市所辖区及所在地无法确定的工会为空。';
COMMENT ON COLUMN "cases"."county" IS 'Full name of the county-level division (district, county, county-level city, banner), e.g. 浏阳市; empty for a union above that level or one whose place is not known. / 县级行政区（市辖区、县、县级市、旗）全称，如“浏阳市”；县级以上工会或所在地无法确定的工会为空。';
COMMENT ON COLUMN "cases"."county_code" IS 'Six-digit GB/T 2260 code of the county-level division, e.g. 430181; empty where county is empty. / 县级行政区的六位 GB/T 2260 代码，如 430181；县级行政区为空时为空。';
COMMENT ON COLUMN "cases"."union_level" IS 'Level of the publishing union: national (a national industrial union or the ACFTU), corps (the Xinjiang Production and Construction Corps or one of its divisions), provincial, prefectural, county, township (a town, township or street), zone (a development zone or new area), industrial (a provincial or city industrial union), enterprise (a company''s or group''s union), or unknown (a union name whose kind the name does not tell). A union whose place is not known (or not one place only) has empty place columns and is listed in the build''s report. / 报送工会的层级：national（全国产业工会或全总）、corps（新疆生产建设兵团及其师）、provincial（省级）、prefectural（地市级）、county（县级）、township（乡镇、街道）、zone（开发区、新区等）、industrial（省、市产业工会）、enterprise（企业、集团工会）或 unknown（名称无法判断类型的工会）。无法确定（或无法唯一确定）所在地的工会，地区各列为空，并列入构建报告。';
COMMENT ON COLUMN "cases"."title" IS 'The case title; a title printed over two lines is one title, its parts joined by one space. / 案例标题；分两行印刷的标题合为一个，两部分之间用一个空格连接。';
COMMENT ON COLUMN "cases"."body" IS 'Canonical text of the case: paragraphs joined by a newline, without layout line breaks or running headers. / 案例的规范化正文：段落之间以换行符分隔，不含排版换行和页眉。';

CREATE TABLE "figures" (
    "figure_id" VARCHAR NOT NULL,
    "case_id" VARCHAR,
    "bulletin_id" VARCHAR NOT NULL,
    "start" BIGINT NOT NULL CHECK ("start" >= 0),
    "end" BIGINT NOT NULL CHECK ("end" >= 1),
    "mention" VARCHAR NOT NULL,
    "value" DECIMAL(38,6),
    "unit" VARCHAR,
    "qualifier" VARCHAR NOT NULL CHECK ("qualifier" IN ('exact', 'over', 'at_least', 'under', 'at_most', 'nearly', 'about')),
    "lower" DECIMAL(38,6),
    "upper" DECIMAL(38,6),
    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('count', 'money', 'percent', 'duration')),
    "basis" VARCHAR NOT NULL CHECK ("basis" IN ('total', 'cumulative', 'average', 'change', 'rate', 'limit')),
    "per" VARCHAR,
    "measure" VARCHAR,
    "sentence" VARCHAR NOT NULL,
    PRIMARY KEY ("figure_id"),
    FOREIGN KEY ("case_id") REFERENCES "cases" ("case_id"),
    FOREIGN KEY ("bulletin_id") REFERENCES "bulletins" ("bulletin_id")
);
COMMENT ON TABLE "figures" IS 'One row per figure (a quantity stated in the text) found in a bulletin preface or case body, normalized to an exact decimal value in base units with its interval. / 每个数字（文本中陈述的数量）一行，来自通报导语或案例正文；数值已换算为基本单位的精确小数，并给出取值区间。';
COMMENT ON COLUMN "figures"."figure_id" IS 'Stable id of the figure: the section it was found in and its start offset. / 数字的稳定标识：所在段落（导语或案例）加起始位置。';
COMMENT ON COLUMN "figures"."case_id" IS 'The case whose body holds the figure; empty for a figure in the bulletin preface. / 数字所在的案例；出现在通报导语中的数字为空。';
COMMENT ON COLUMN "figures"."bulletin_id" IS 'The bulletin the figure was found in. / 数字所在的通报。';
COMMENT ON COLUMN "figures"."start" IS 'Character offset (Python str index) where the mention starts in cases.body, or in bulletins.preface when case_id is empty. / 数字原文在 cases.body（case_id 为空时为 bulletins.preface）中的起始字符位置（Python 字符串下标）。';
COMMENT ON COLUMN "figures"."end" IS 'Character offset just after the mention (exclusive). / 数字原文之后的字符位置（不含）。';
COMMENT ON COLUMN "figures"."mention" IS 'The span as it stands in the canonical text, from the first qualifier word to the end of the unit, e.g. 160余处. / 规范化正文中的原文片段，从第一个限定词到单位结束，如“160余处”。';
COMMENT ON COLUMN "figures"."value" IS 'The stated number scaled to base units, as an exact decimal, e.g. 7.61万人 is 76100; empty only for an about figure that states no number, e.g. 几十家. / 换算为基本单位的数值（精确小数），如“7.61万人”为 76100；仅当约数未给出具体数字时（如“几十家”）为空。';
COMMENT ON COLUMN "figures"."unit" IS 'Canonical measure word or unit after the number, e.g. 人, 元/人/月, %; empty when no unit follows. / 数字之后的量词或单位（规范化），如“人”“元/人/月”“%”；没有单位时为空。';
COMMENT ON COLUMN "figures"."qualifier" IS 'How the text qualifies the number: exact, over, at_least, under, at_most, nearly or about. / 原文对数字的限定：exact（确数）、over（超过/余）、at_least（不少于）、under（低于）、at_most（不超过）、nearly（近）、about（约）。';
COMMENT ON COLUMN "figures"."lower" IS 'Lower bound of the interval the true quantity lies in, in base units; empty where open. / 真实数量所在区间的下限（基本单位）；无下限时为空。';
COMMENT ON COLUMN "figures"."upper" IS 'Upper bound of the interval the true quantity lies in, in base units; empty where open. / 真实数量所在区间的上限（基本单位）；无上限时为空。';
COMMENT ON COLUMN "figures"."kind" IS 'What the figure measures: count, money (unit contains 元), percent (unit %) or duration. / 数字的类别：count（数量）、money（金额，单位含“元”）、percent（百分比，单位为 %）或 duration（时长）。';
COMMENT ON COLUMN "figures"."basis" IS 'What kind of quantity the figure is, from the words around it: total (a count or amount as stated), cumulative (累计, 共计, 先后…), average (人均, 日均, 平均…), change (增长, 同比…: a difference or growth rate), rate (每年, 每人, or a rate unit such as 元/人/月) or limit (a standard, floor, cap or target: 标准, 不低于…每月, 力争). Only total and cumulative figures of one unit and one measure may be added up. / 数字的性质（据其上下文判断）：total（所述数量或金额）、cumulative（累计、共计、先后…）、average（人均、日均、平均…）、change（增长、同比…，即差值或增长率）、rate（每年、每人或“元/人/月”等比率单位）、limit（标准、下限、上限或目标，如“标准”“每月不低于”“力争”）。只有同一单位、同一计量对象的 total 与 cumulative 数字可以相加。';
COMMENT ON COLUMN "figures"."per" IS 'The denominator of an average or rate as a simplified word, e.g. 人 (人均, /人), 户, 日 (日均, 每天), 月, 年, 篇, 场, or 人/月 for 元/人/月; empty for other bases. / 平均数或比率的分母（简体字），如“人”（人均、/人）、“户”、“日”（日均、每天）、“月”、“年”、“篇”、“场”，“元/人/月”为“人/月”；其他性质的数字为空。';
COMMENT ON COLUMN "figures"."measure" IS 'What the figure counts or measures: the shortest noun phrase of its sentence that it quantifies, as printed (涉案金额近千万元: 涉案金额; 覆盖5000家企业: 企业); read by machine, for grouping and reading; empty when the sentence does not say. / 数字所计量的对象：句中该数字所修饰的最短名词短语，照录原文（“涉案金额近千万元”为“涉案金额”，“覆盖5000家企业”为“企业”）；由程序识别，用于分组与阅读；句中未说明时为空。';
COMMENT ON COLUMN "figures"."sentence" IS 'The sentence the figure stands in, for reading without the body. / 数字所在的句子，便于脱离正文阅读。';

INSERT INTO "bulletins" BY NAME SELECT * FROM read_parquet('bulletins.parquet');
INSERT INTO "cases" BY NAME SELECT * FROM read_parquet('cases.parquet');
INSERT INTO "figures" BY NAME SELECT * FROM read_parquet('figures.parquet');
CREATE OR REPLACE VIEW figures_with_context AS
SELECT f.figure_id, f.bulletin_id, b.event_date, f.case_id, c.seq AS case_seq, c.title AS case_title,
       c.union_name, c.province, c.province_code, c.prefecture, c.prefecture_code,
       f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind, f.basis, f.per, f.measure,
       f.sentence
FROM figures AS f
JOIN bulletins AS b USING (bulletin_id)
LEFT JOIN cases AS c USING (case_id);

COMMENT ON VIEW figures_with_context IS
  'Each figure with its case title, union, province, prefecture and sentence (preface figures have no case).';

CREATE OR REPLACE VIEW figures_additive AS
SELECT f.*
FROM figures_with_context AS f
WHERE 
    f.basis IN ('total', 'cumulative') AND f.kind IN ('count', 'money') AND f.value IS NOT NULL
    AND f.measure IS NOT NULL AND (f.unit IS NULL OR f.unit NOT LIKE '%/%')
;

COMMENT ON VIEW figures_additive IS
  'The figures that may be added up: stated totals or cumulative counts and amounts (basis total or cumulative, kind count or money, a measure, no rate unit). Sum them only within one unit and one measure.';

CREATE OR REPLACE VIEW case_summary AS
WITH sums AS (
    SELECT case_id, unit, measure,
           count(*) AS figures,
           sum(value) AS value_sum,
           -- An interval sum is known only when every figure's bound is: 近千万元 has no lower bound.
           CASE WHEN count(lower) = count(*) THEN sum(lower) END AS lower_sum,
           CASE WHEN count(upper) = count(*) THEN sum(upper) END AS upper_sum,
           string_agg(mention, '、' ORDER BY "start") AS mentions
    FROM figures AS f
    WHERE f.case_id IS NOT NULL AND 
    f.basis IN ('total', 'cumulative') AND f.kind IN ('count', 'money') AND f.value IS NOT NULL
    AND f.measure IS NOT NULL AND (f.unit IS NULL OR f.unit NOT LIKE '%/%')

    GROUP BY case_id, unit, measure
)
SELECT c.case_id, c.bulletin_id, c.seq, c.union_name, c.province, c.prefecture, c.union_level, c.title,
       s.unit, s.measure, coalesce(s.figures, 0) AS figures, s.value_sum, s.lower_sum, s.upper_sum, s.mentions
FROM cases AS c
LEFT JOIN sums AS s USING (case_id)
ORDER BY c.bulletin_id, c.seq, s.unit NULLS FIRST, s.measure;

COMMENT ON VIEW case_summary IS
  'One row per case, unit and measure: the sum of the additive figures (see figures_additive) of that unit and measure, with the sums of their bounds; a case with no additive figure has one row with an empty unit and measure.';

CREATE OR REPLACE VIEW case_overview AS
SELECT c.case_id, c.bulletin_id, c.seq, c.union_name, c.province, c.prefecture, c.union_level, c.title,
       count(f.figure_id) AS figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'count') AS count_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'money') AS money_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'percent') AS percent_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'duration') AS duration_figures,
       count(f.figure_id) FILTER (WHERE f.basis IN ('total', 'cumulative')) AS stated_amounts,
       count(f.figure_id) FILTER (WHERE f.basis IN ('average', 'change', 'rate', 'limit')) AS not_additive
FROM cases AS c
LEFT JOIN figures AS f USING (case_id)
GROUP BY ALL
ORDER BY c.bulletin_id, c.seq;

COMMENT ON VIEW case_overview IS
  'One row per case: how many figures of each kind, and how many are stated amounts (total, cumulative) or not additive (average, change, rate, limit). No sums: see case_summary.';
