"""Versioned releases: CSV files and a data package, built aside, hashed, validated, then published."""
