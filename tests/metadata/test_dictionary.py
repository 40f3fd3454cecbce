"""The data dictionary names every table and column with both descriptions."""

from __future__ import annotations

from pipeline.metadata.dictionary import data_dictionary_markdown
from pipeline.metadata.tables import TABLES, load_table_schema


def test_every_column_has_a_row_with_both_descriptions():
    md = data_dictionary_markdown()
    for name in TABLES:
        schema = load_table_schema(name)
        assert f"## `{name}`" in md
        assert schema["description_zh"] in md
        for f in schema["fields"]:
            row = next(line for line in md.splitlines() if line.startswith(f"| `{f['name']}` |")
                       and f["description"].replace("|", "\\|") in line)
            assert f["description_zh"] in row


def test_keys_and_row_rules_are_listed():
    md = data_dictionary_markdown()
    assert "- Foreign key: `case_id` → `cases` (`case_id`)" in md
    assert "`bounds_match_qualifier`" in md
    assert "DECIMAL(38,6)" in md
