"""The analysts' DuckDB database: tables created from the generated DDL, loaded from the frames
or from a release's Parquet files."""

from pipeline.store.database import write_database, write_database_from_parquet

__all__ = ["write_database", "write_database_from_parquet"]
