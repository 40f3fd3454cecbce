"""Analyst views in the DuckDB database, built on the published tables.

A figure's value may be added to another only when both are stated amounts (basis ``total`` or
``cumulative``) of the same unit and the same measure: 近千万元 in dispute and 60余万元 recovered
are both 元 but not one quantity; a 日均 count, a growth rate, a 每月 wage and a wage floor are
not amounts at all. ``figures_additive`` holds the figures that may be summed and the sums below
never cross a unit or a measure.
"""

# NOTE: besides basis total/cumulative, a figure is additive only when it is a count or an amount of
# money (a percentage is a share of some whole, a duration the length of one activity), states a
# number (几十家 does not), has no rate unit (元/人/月) and has a measure (an empty measure would
# lump unrelated figures together).
ADDITIVE_WHERE = """
    f.basis IN ('total', 'cumulative') AND f.kind IN ('count', 'money') AND f.value IS NOT NULL
    AND f.measure IS NOT NULL AND (f.unit IS NULL OR f.unit NOT LIKE '%/%')
"""

_FIGURES_WITH_CONTEXT = (
    "Each figure with its case title, union, province, prefecture and sentence (preface "
    "figures have no case)."
)
_FIGURES_ADDITIVE = (
    "The figures that may be added up: stated totals or cumulative counts and amounts (basis "
    "total or cumulative, kind count or money, a measure, no rate unit). Sum them only within "
    "one unit and one measure."
)
_CASE_SUMMARY = (
    "One row per case, unit and measure: the sum of the additive figures (see "
    "figures_additive) of that unit and measure, with the sums of their bounds; a case with "
    "no additive figure has one row with an empty unit and measure."
)
_CASE_OVERVIEW = (
    "One row per case: how many figures of each kind, and how many are stated amounts (total, "
    "cumulative) or not additive (average, change, rate, limit). No sums: see case_summary."
)

VIEWS_SQL = f"""
CREATE OR REPLACE VIEW figures_with_context AS
SELECT f.figure_id, f.bulletin_id, b.event_date, f.case_id, c.seq AS case_seq, c.title AS case_title,
       c.union_name, c.province, c.province_code, c.prefecture, c.prefecture_code,
       f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind, f.basis, f.per, f.measure,
       f.sentence
FROM figures AS f
JOIN bulletins AS b USING (bulletin_id)
LEFT JOIN cases AS c USING (case_id);

COMMENT ON VIEW figures_with_context IS
  '{_FIGURES_WITH_CONTEXT}';

CREATE OR REPLACE VIEW figures_additive AS
SELECT f.*
FROM figures_with_context AS f
WHERE {ADDITIVE_WHERE};

COMMENT ON VIEW figures_additive IS
  '{_FIGURES_ADDITIVE}';

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
    WHERE f.case_id IS NOT NULL AND {ADDITIVE_WHERE}
    GROUP BY case_id, unit, measure
)
SELECT c.case_id, c.bulletin_id, c.seq, c.union_name, c.province, c.prefecture, c.union_level, c.title,
       s.unit, s.measure, coalesce(s.figures, 0) AS figures, s.value_sum, s.lower_sum, s.upper_sum, s.mentions
FROM cases AS c
LEFT JOIN sums AS s USING (case_id)
ORDER BY c.bulletin_id, c.seq, s.unit NULLS FIRST, s.measure;

COMMENT ON VIEW case_summary IS
  '{_CASE_SUMMARY}';

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
  '{_CASE_OVERVIEW}';
"""
