"""ACFTU innovation-case dataset pipeline: raw bulletins to validated tables and releases."""
