"""The analysts' DuckDB database: tables created from the generated DDL, loaded from the frames."""

from pipeline.store.database import write_database

__all__ = ["write_database"]
