"""The Table Schema files: present, valid Frictionless, the contract's columns, described in two languages."""

from __future__ import annotations

import frictionless
import pytest

from pipeline.metadata import tables
from pipeline.metadata.tables import TABLES, SchemaFileError, field_names, load_table_schema

CONTRACT = {
    "bulletins": ["bulletin_id", "title", "publisher", "event_date", "preface", "raw_path", "raw_sha256",
                  "raw_bytes", "encoding", "script", "layout"],
    "cases": ["case_id", "bulletin_id", "seq", "union_name", "province", "province_code", "prefecture",
              "prefecture_code", "county", "county_code", "union_level", "title", "body"],
    "figures": ["figure_id", "case_id", "bulletin_id", "start", "end", "mention", "value", "unit",
                "qualifier", "lower", "upper", "kind", "basis", "per", "measure", "sentence"],
}


def test_tables_are_in_load_order():
    assert TABLES == ("bulletins", "cases", "figures")
    assert tables.SCHEMAS_DIR.is_dir()


@pytest.mark.parametrize("name", TABLES)
def test_columns_are_the_contract_in_order(name):
    assert field_names(name) == CONTRACT[name]


@pytest.mark.parametrize("name", TABLES)
def test_schema_is_a_valid_frictionless_table_schema(name):
    report = frictionless.Schema.validate_descriptor(load_table_schema(name))
    assert report.valid, report.flatten(["type", "message"])


@pytest.mark.parametrize("name", TABLES)
def test_table_and_every_field_are_described_in_english_and_chinese(name):
    schema = load_table_schema(name)
    assert schema["name"] == name
    for key in ("title", "description", "description_zh"):
        assert schema.get(key), (name, key)
    for field in schema["fields"]:
        for key in ("title", "description", "description_zh"):
            assert field.get(key), (name, field["name"], key)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in field["description_zh"]), field["name"]
        assert "required" in field.get("constraints", {}), field["name"]
        if field["type"] == "number":
            assert isinstance(field.get("decimalPlaces"), int), field["name"]


@pytest.mark.parametrize("name", TABLES)
def test_keys_refer_to_known_tables_and_columns(name):
    schema = load_table_schema(name)
    assert set(schema["primaryKey"]) <= set(field_names(name))
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        assert ref["resource"] in TABLES
        assert TABLES.index(ref["resource"]) < TABLES.index(name), "a table loads after its references"
        assert set(fk["fields"]) <= set(field_names(name))
        assert set(ref["fields"]) <= set(field_names(ref["resource"]))


def test_nullable_columns_are_the_contracts():
    nullable = {(t, f["name"]) for t in TABLES for f in load_table_schema(t)["fields"]
                if not f["constraints"]["required"]}
    assert nullable == {("bulletins", "preface"), ("cases", "province"), ("cases", "province_code"), ("cases", "prefecture"), ("cases", "prefecture_code"),
                        ("cases", "county"), ("cases", "county_code"),
                        ("figures", "case_id"), ("figures", "value"), ("figures", "unit"),
                        ("figures", "lower"), ("figures", "upper"), ("figures", "per"), ("figures", "measure")}


def test_load_returns_a_fresh_copy():
    load_table_schema("cases")["fields"].clear()
    assert load_table_schema("cases")["fields"]


def test_missing_schema_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "SCHEMAS_DIR", tmp_path)
    with pytest.raises(SchemaFileError, match=r"cases\.schema\.json: the Table Schema file .* is missing"):
        load_table_schema("cases")


def test_invalid_json_is_named_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "SCHEMAS_DIR", tmp_path)
    (tmp_path / "cases.schema.json").write_text('{\n  "fields": [,]\n}\n', encoding="utf-8")
    with pytest.raises(SchemaFileError, match=r"cases\.schema\.json:2:\d+: not valid JSON"):
        load_table_schema("cases")


def test_unknown_table_is_refused():
    with pytest.raises(SchemaFileError, match="unknown table 'people'"):
        load_table_schema("people")
