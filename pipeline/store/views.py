"""Analyst views in the DuckDB database, built on the published tables."""

# NOTE: `money_total_yuan` sums only figures whose unit is plain 元; rates such as 元/人/月 are not
# amounts and are left out of the total.
VIEWS_SQL = """
CREATE OR REPLACE VIEW figures_with_context AS
SELECT f.figure_id, f.bulletin_id, b.event_date, f.case_id, c.seq AS case_seq, c.title AS case_title,
       c.union_name, c.province, c.province_code, c.prefecture, c.prefecture_code,
       f.mention, f.value, f.unit, f.qualifier, f.lower, f.upper, f.kind, f.sentence
FROM figures AS f
JOIN bulletins AS b USING (bulletin_id)
LEFT JOIN cases AS c USING (case_id);

COMMENT ON VIEW figures_with_context IS
  'Each figure with its case title, union, province, prefecture and sentence (preface figures have no case).';

CREATE OR REPLACE VIEW case_summary AS
SELECT c.case_id, c.bulletin_id, c.seq, c.union_name, c.province, c.prefecture, c.union_level, c.title,
       count(f.figure_id) AS figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'count') AS count_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'money') AS money_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'percent') AS percent_figures,
       count(f.figure_id) FILTER (WHERE f.kind = 'duration') AS duration_figures,
       max(f.value) FILTER (WHERE f.kind = 'count') AS largest_count,
       coalesce(sum(f.value) FILTER (WHERE f.kind = 'money' AND f.unit = '元'), 0) AS money_total_yuan
FROM cases AS c
LEFT JOIN figures AS f USING (case_id)
GROUP BY ALL
ORDER BY c.bulletin_id, c.seq;

COMMENT ON VIEW case_summary IS
  'One row per case: figures by kind, the largest count, and the total of amounts in yuan.';
"""
