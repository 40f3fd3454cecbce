"""Table metadata: the single source of truth for the published tables.

``schemas/<table>.schema.json`` (Frictionless Table Schemas) describe every column once; the modules
here derive from them the pandera validation (``pandera_schemas``), the DuckDB DDL (``ddl``), the
data-package descriptors (``datapackage``) and the data dictionary (``dictionary``). Generated files
are rewritten by ``python -m pipeline.metadata.generate``.
"""
