"""The data dictionary (``docs/data-dictionary.md``), generated from ``schemas/*.schema.json``.

What belongs here: rendering the schemas as Markdown for readers. Do not edit the generated file;
edit the schemas and run ``python -m pipeline.metadata.generate``.
"""

from __future__ import annotations

from pipeline.metadata.ddl import column_type
from pipeline.metadata.pandera_schemas import CHECK_DESCRIPTIONS, TABLE_CHECKS
from pipeline.metadata.tables import TABLES, foreign_keys, load_table_schema, primary_key


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"matches `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if field["type"] == "number":
        parts.append("exact decimal")
    return "; ".join(parts)


def table_markdown(name: str) -> str:
    """The dictionary section of one table."""
    schema = load_table_schema(name)
    lines = [f"## `{name}` — {schema.get('title', name)}", "",
             schema.get("description", ""), "", schema.get("description_zh", ""), ""]
    pk = primary_key(name)
    lines.append(f"- Primary key: {', '.join(f'`{c}`' for c in pk) if pk else 'none'}")
    for fk in foreign_keys(name):
        ref = fk["reference"]
        lines.append(f"- Foreign key: {', '.join(f'`{c}`' for c in fk['fields'])} → "
                     f"`{ref['resource']}` ({', '.join(f'`{c}`' for c in ref['fields'])})")
    if TABLE_CHECKS.get(name):
        lines.append("- Row rules (checked before release):")
        lines += [f"  - `{c.name}`: {CHECK_DESCRIPTIONS.get(c.name, '')}" for c in TABLE_CHECKS[name]]
    lines += ["", "| column | type | required | constraints | description | 说明 |",
              "|---|---|---|---|---|---|"]
    for f in schema["fields"]:
        required = "yes" if f.get("constraints", {}).get("required") else "no (nullable)"
        lines.append(f"| `{f['name']}` | {f['type']} (`{column_type(f)}`) | {required} | "
                     f"{_cell(_constraints(f))} | {_cell(f.get('description', ''))} | "
                     f"{_cell(f.get('description_zh', ''))} |")
    return "\n".join(lines)


def data_dictionary_markdown() -> str:
    """The whole of ``docs/data-dictionary.md``."""
    intro = [
        "# Data dictionary / 数据字典",
        "",
        "<!-- Generated from schemas/*.schema.json by pipeline.metadata.dictionary; do not edit. -->",
        "<!-- Regenerate with: python -m pipeline.metadata.generate -->",
        "",
        "The release has one CSV per table (UTF-8, header row, CRLF line ends; an empty field is null)",
        "and the same tables in the DuckDB database. Types are Frictionless Table Schema types, with",
        "the DuckDB column type in brackets. Numbers are exact decimals written plainly (`844300`, `91.4`).",
        "",
        "发布数据每张表对应一个 CSV 文件（UTF-8，含表头，CRLF 换行；空字段表示缺失值），",
        "DuckDB 数据库中包含相同的表。数值均为精确小数。",
        "",
        "Tables, in load order: " + ", ".join(f"`{t}`" for t in TABLES) + ".",
    ]
    return "\n".join(intro) + "\n\n" + "\n\n".join(table_markdown(t) for t in TABLES) + "\n"
