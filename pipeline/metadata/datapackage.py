"""Data Package (v2) descriptors for the CSV release, built from ``schemas/*.schema.json``.

What belongs here: the resource and package descriptors. Writing the CSVs and adding each
resource's ``bytes`` and ``hash`` is ``pipeline.release.package``'s job; the dialect below must
match how ``pipeline.release.csvfiles`` writes (UTF-8, header row, ``,``, CRLF, ``"`` quoting).
"""

from __future__ import annotations

import datetime as dt

from pipeline.metadata.tables import load_table_schema

PACKAGE_NAME = "acftu-innovation-cases"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

# The CSV layout written by pipeline.release.csvfiles.write_csv.
CSV_DIALECT: dict = {
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
}

# Table-level properties that belong to the resource, not to its inline schema.
_TABLE_PROPS = ("name", "title", "description", "description_zh")

LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
             "title": "Creative Commons Attribution 4.0"}]
KEYWORDS = ["ACFTU", "trade unions", "innovation cases", "China", "全国总工会", "工会", "创新案例"]
CONTRIBUTORS = [{"title": "acftu-innovation-cases maintainers", "roles": ["creator"]}]


def inline_schema(name: str) -> dict:
    """The Table Schema of ``name`` for inlining in a resource.

    Field-level custom properties (``description_zh``, ``decimalPlaces``) stay: the Table Schema
    profile allows additional properties and Frictionless 5 validates packages that carry them
    (tests/metadata/test_datapackage.py). Table-level titles move to the resource.
    """
    schema = load_table_schema(name)
    # NOTE: empty CSV fields are nulls (csvfiles writes None as ""), which is Frictionless' default.
    out = {k: v for k, v in schema.items() if k not in _TABLE_PROPS}
    out.setdefault("missingValues", [""])
    return out


def resource_descriptor(name: str, path: str) -> dict:
    """Data Package v2 resource for table ``name`` stored as the CSV file ``path`` (relative)."""
    schema = load_table_schema(name)
    return {
        "name": name,
        "type": "table",
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": schema.get("title", name),
        "description": f"{schema.get('description', '')} / {schema.get('description_zh', '')}".strip(" /"),
        "dialect": dict(CSV_DIALECT),
        "schema": inline_schema(name),
    }


def created_timestamp(created: str) -> str:
    """``created`` as the RFC 3339 datetime the Data Package profile demands."""
    # NOTE: the version records the date it was cut (2026-11-24); the profile's "created" is a
    # datetime, so a bare date becomes midnight UTC on that day. A full timestamp is kept as given.
    value = str(created).strip()
    try:
        return dt.date.fromisoformat(value).isoformat() + "T00:00:00Z"
    except ValueError:
        pass
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"created {created!r} is not an ISO 8601 date or datetime") from None
    return value


def package_descriptor(resources: list[dict], *, version: str, created: str, sources: list[dict]) -> dict:
    """The ``datapackage.json`` of a release holding ``resources`` (as made by resource_descriptor).

    ``created`` is the date the version was cut (ISO 8601), not the time of a build, so rebuilding a
    version gives the same bytes.
    """
    return {
        "$schema": PROFILE,
        "name": PACKAGE_NAME,
        "title": "ACFTU national trade-union innovation cases / 全国工会重点工作创新案例",
        "description": (
            "The national trade-union innovation cases published by the All-China Federation of "
            "Trade Unions (ACFTU), as tables: bulletins, cases with the publishing union and its "
            "GB/T 2260 region, and every figure stated in the texts normalized to exact decimals. / "
            "中华全国总工会发布的全国工会重点工作创新案例数据集：通报、案例（含报送工会及其 GB/T 2260 "
            "行政区划）以及文中所有数字（换算为精确小数）。"
        ),
        "version": version,
        "created": created_timestamp(created),
        "licenses": [dict(lic) for lic in LICENSES],
        "keywords": list(KEYWORDS),
        "contributors": [dict(c) for c in CONTRIBUTORS],
        "sources": [dict(s) for s in sources],
        "resources": list(resources),
    }
