"""DuckDB DDL for the published tables, generated from ``schemas/*.schema.json``.

What belongs here: the mapping from Table Schema fields to DuckDB columns, keys, CHECK constraints
and comments. The database writer (``pipeline.store.database``) runs this DDL on a fresh file and
loads the frames in ``TABLES`` order, so referenced rows exist before the rows that reference them.
"""

from __future__ import annotations

from pipeline.metadata.tables import TABLES, foreign_keys, load_table_schema, primary_key

DEFAULT_DECIMAL_PLACES = 6


def quote_ident(name: str) -> str:
    """A double-quoted identifier (``end`` is a keyword, so every identifier is quoted)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A single-quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def column_type(field: dict) -> str:
    """DuckDB type of a Table Schema field."""
    kind = field["type"]
    if kind == "number":
        # NOTE: numbers are exact decimals (figures.md); DECIMAL(38, k) keeps 844300 and 91.4 exact,
        # where DOUBLE would not. k comes from the field's custom "decimalPlaces" hint.
        places = int(field.get("decimalPlaces", DEFAULT_DECIMAL_PLACES))
        return f"DECIMAL(38,{places})"
    types = {"string": "VARCHAR", "integer": "BIGINT", "date": "DATE", "boolean": "BOOLEAN"}
    if kind not in types:
        raise ValueError(f"field {field['name']!r}: no DuckDB type for Table Schema type {kind!r}")
    return types[kind]


def bilingual(descriptor: dict) -> str:
    """``description`` then `` / `` and ``description_zh`` (either may be missing)."""
    parts = [descriptor.get("description", ""), descriptor.get("description_zh", "")]
    return " / ".join(p for p in parts if p)


def _column_sql(field: dict) -> str:
    name = quote_ident(field["name"])
    constraints = field.get("constraints", {})
    sql = f"{name} {column_type(field)}"
    if constraints.get("required"):
        sql += " NOT NULL"
    # Enumerations and minimums are enforced by the database too; patterns are left to pandera
    # because DuckDB's regular expressions (RE2) are not Python's.
    if "enum" in constraints:
        sql += f" CHECK ({name} IN ({', '.join(quote_literal(str(v)) for v in constraints['enum'])}))"
    if "minimum" in constraints:
        sql += f" CHECK ({name} >= {constraints['minimum']})"
    return sql


def table_ddl(name: str) -> str:
    """CREATE TABLE and COMMENT statements of one table."""
    schema = load_table_schema(name)
    lines = [_column_sql(f) for f in schema["fields"]]
    pk = primary_key(name)
    if pk:
        lines.append(f"PRIMARY KEY ({', '.join(quote_ident(c) for c in pk)})")
    for fk in foreign_keys(name):
        ref = fk["reference"]
        lines.append(f"FOREIGN KEY ({', '.join(quote_ident(c) for c in fk['fields'])}) "
                     f"REFERENCES {quote_ident(ref['resource'] or name)} "
                     f"({', '.join(quote_ident(c) for c in ref['fields'])})")
    body = ",\n".join(f"    {line}" for line in lines)
    statements = [f"CREATE TABLE {quote_ident(name)} (\n{body}\n);"]
    statements.append(f"COMMENT ON TABLE {quote_ident(name)} IS {quote_literal(bilingual(schema))};")
    for f in schema["fields"]:
        statements.append(f"COMMENT ON COLUMN {quote_ident(name)}.{quote_ident(f['name'])} "
                          f"IS {quote_literal(bilingual(f))};")
    return "\n".join(statements)


def duckdb_ddl() -> str:
    """The DDL of every table in ``TABLES`` order, as one script."""
    header = ("-- Generated from schemas/*.schema.json by pipeline.metadata.ddl; do not edit.\n"
              "-- Regenerate with: python -m pipeline.metadata.generate\n")
    return header + "\n\n".join(table_ddl(t) for t in TABLES) + "\n"
