"""Geography of unions: GB/T 2260 divisions and the level and place a union's name stands for."""

from pipeline.geo.divisions import Division, divisions_source, load_divisions
from pipeline.geo.unions import LEVELS, UnionGeo, is_union_name, resolve_union

DIVISIONS_SOURCE = divisions_source()

__all__ = ["DIVISIONS_SOURCE", "LEVELS", "Division", "UnionGeo", "is_union_name", "load_divisions",
           "resolve_union"]
