"""A union's place from its name: ``浙江台州市总工会`` → 浙江省 330000, 台州市 331000, prefectural.

A local federation of trade unions is named ``<place>总工会``, the place written from the province
down, each part either in full (``浙江省``) or in its short form (``浙江``). The province may be
left out when the place below it is unambiguous (``台州市总工会``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.geo.divisions import Division, load_divisions, short_forms
from pipeline.geo.national import CORPS_UNIONS, ENTERPRISE_UNION, NATIONAL_INDUSTRIAL_UNIONS

UNION_SUFFIX = "总工会"
MAX_UNION_NAME = 40


class UnknownUnionError(ValueError):
    """A union name whose place is not a GB/T 2260 division (or not one place only)."""


@dataclass(frozen=True)
class UnionGeo:
    union_name: str
    province: str | None
    province_code: str | None
    prefecture: str | None
    prefecture_code: str | None
    union_level: str  # national | corps | provincial | prefectural | county | enterprise


@cache
def _index() -> tuple[dict[str, Division], dict[str, dict[str, list[Division]]]]:
    """Divisions by code, and for each parent code the children reachable by each name form."""
    by_code = {d.code: d for d in load_divisions()}
    children: dict[str, dict[str, list[Division]]] = {}
    for d in by_code.values():
        if d.level == "province":
            parent = ""
        elif d.level == "prefecture":
            parent = d.province_code
        else:
            # NOTE: counties of municipalities and province-administered county-level cities have
            # no prefecture of their own in the table; they hang under the province.
            parent = d.prefecture_code if d.prefecture_code in by_code else d.province_code
        for form in short_forms(d.name):
            children.setdefault(parent, {}).setdefault(form, []).append(d)
    return by_code, children


def _to_simplified(text: str) -> str:
    from pipeline.text.script import _t2s

    return _t2s().convert(text)


def _descend(place: str, parent: str) -> list[list[Division]]:
    """Every way to read ``place`` as a chain of divisions below ``parent`` (code or "")."""
    if not place:
        return [[]]
    _, children = _index()
    chains = []
    for form, divisions in children.get(parent, {}).items():
        if place.startswith(form):
            for d in divisions:
                for rest in _descend(place[len(form):], d.code):
                    chains.append([d, *rest])
    return chains


def _chains(place: str) -> list[list[Division]]:
    chains = _descend(place, "")
    if chains:
        return chains
    # The province left out: start at any prefecture (or county directly under a province).
    _, children = _index()
    found = []
    for parent, forms in children.items():
        if not parent:
            continue
        for form, divisions in forms.items():
            if place.startswith(form):
                for d in divisions:
                    found += [[d, *rest] for rest in _descend(place[len(form):], d.code)]
    return found


def resolve_union(name: str) -> UnionGeo:
    """The province, prefecture and level of the union ``name`` (Simplified or Traditional)."""
    text = _to_simplified(name.strip())
    if text in NATIONAL_INDUSTRIAL_UNIONS:
        return UnionGeo(name, None, None, None, None, "national")
    if text in CORPS_UNIONS:
        return UnionGeo(name, *CORPS_UNIONS[text], None, None, "corps")
    if ENTERPRISE_UNION.match(text):
        return UnionGeo(name, None, None, None, None, "enterprise")
    if not text.endswith(UNION_SUFFIX) or len(text) <= len(UNION_SUFFIX):
        raise UnknownUnionError(f"{name!r} is not a local federation of trade unions (…{UNION_SUFFIX})")
    place = text[: -len(UNION_SUFFIX)]
    chains = _chains(place)
    # A full name beats a reading that splits it oddly: prefer the fewest parts.
    if chains:
        fewest = min(len(c) for c in chains)
        chains = [c for c in chains if len(c) == fewest]
    codes = {tuple(d.code for d in c) for c in chains}
    if not codes:
        raise UnknownUnionError(f"{name!r}: {place!r} is not a GB/T 2260 division")
    if len(codes) > 1:
        raise UnknownUnionError(f"{name!r}: {place!r} could be any of {sorted(codes)}")
    by_code, _ = _index()
    last = chains[0][-1]
    province = by_code[last.province_code]
    prefecture = by_code.get(last.prefecture_code or "") if last.level != "province" else None
    level = {"province": "provincial", "prefecture": "prefectural", "county": "county"}[last.level]
    return UnionGeo(
        union_name=name,
        province=province.name,
        province_code=province.code,
        prefecture=prefecture.name if prefecture else None,
        prefecture_code=prefecture.code if prefecture else None,
        union_level=level,
    )


def is_union_name(line: str) -> bool:
    """Whether ``line`` is, by itself, the name of a local union (the line printed under a case)."""
    text = line.strip()
    if not text or len(text) > MAX_UNION_NAME or not (text.endswith("工会") or text.endswith("工會")):
        return False
    try:
        resolve_union(text)
    except UnknownUnionError:
        return False
    return True
