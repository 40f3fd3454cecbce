"""Where the Table Schemas live, which tables there are, and reading one schema file.

Only loading and small lookups belong here; everything derived from a schema lives in its own module.
"""

from __future__ import annotations

import json
from pathlib import Path

SCHEMAS_DIR: Path = Path(__file__).resolve().parents[2] / "schemas"

# Load order: a table comes after every table its foreign keys reference.
TABLES: tuple[str, ...] = ("bulletins", "cases", "figures")


class SchemaFileError(ValueError):
    """A Table Schema file is missing or is not a JSON object with fields."""


def schema_path(name: str) -> Path:
    """Path of ``schemas/<name>.schema.json``."""
    return SCHEMAS_DIR / f"{name}.schema.json"


def load_table_schema(name: str) -> dict:
    """The Table Schema of ``name`` as a dict (a fresh copy on every call, so callers may mutate it)."""
    path = schema_path(name)
    if name not in TABLES:
        raise SchemaFileError(f"{path}: unknown table {name!r}; the tables are {', '.join(TABLES)}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaFileError(f"{path}: the Table Schema file of {name!r} is missing") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as e:
        raise SchemaFileError(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise SchemaFileError(f"{path}: a Table Schema is a JSON object with a 'fields' list")
    return schema


def field_names(name: str) -> list[str]:
    """Column names of ``name`` in schema order."""
    return [f["name"] for f in load_table_schema(name)["fields"]]


def primary_key(name: str) -> list[str]:
    """Primary-key columns of ``name`` (a string primaryKey is read as a one-column key)."""
    pk = load_table_schema(name).get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


def foreign_keys(name: str) -> list[dict]:
    """Foreign keys of ``name`` with ``fields`` and ``reference.fields`` always lists."""
    out = []
    for fk in load_table_schema(name).get("foreignKeys", []):
        fields = fk["fields"]
        ref = fk["reference"]
        ref_fields = ref["fields"]
        out.append({
            "fields": [fields] if isinstance(fields, str) else list(fields),
            "reference": {"resource": ref["resource"],
                          "fields": [ref_fields] if isinstance(ref_fields, str) else list(ref_fields)},
        })
    return out
