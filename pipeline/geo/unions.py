"""A union's level and place from its name: ``浙江台州市总工会`` → prefectural, 浙江省 330000, 台州市 331000.

What belongs here: the union-name grammar. A name is ``<head><suffix>`` with the suffix one of
工会, 总工会, 工会委员会, 工会工作委员会, 工会联合会. The head is read, in this order, as

1. a national industrial union or the ACFTU (a fixed list) → ``national``;
2. the XPCC's federation or a division's (兵团总工会, 第一师总工会) → ``corps``;
3. an organisation ending in a company type (…有限公司, …集团, …银行) → ``enterprise``, no place;
4. a chain of GB/T 2260 divisions from the province down, each part in full (``浙江省``) or short
   (``浙江``), the province or the prefecture left out where the rest is unambiguous, followed by
   nothing (the division's federation: ``provincial``, ``prefectural``, ``county``), a town or
   street (``township``), a zone (``zone``) or an industry (``industrial``);
5. any other plausible name → its level where the words tell it (``industrial``, ``zone``), else
   ``unknown``; no place.

A name whose place is not found, or found more than once (``桥西区总工会``: several prefectures
have a 桥西区), keeps empty place columns and a ``place_note`` saying why; no place is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import opencc

from pipeline.geo.divisions import Division, load_divisions, short_forms
from pipeline.geo.national import (
    CLAUSE_WORDS,
    COMPANY,
    CORPS_UNION,
    GENERIC_HEADS,
    INDUSTRIAL_REST,
    NAME_CHARS,
    NATIONAL_INDUSTRIAL_UNIONS,
    NON_ADMINISTRATIVE,
    TOWNSHIP_REST,
    XINJIANG,
    ZONE_REST,
    ZONE_WORDS,
)
from pipeline.memo import per_bulletin

DIVISION_ENDINGS = ("省", "市", "县", "区", "旗", "州", "盟")
ORG_OPENERS = ("中国", "中华", "国家")
INSTITUTIONS = ("大学", "学院", "学校", "中学", "小学", "医院", "研究院", "研究所", "科学院")

UNION_SUFFIXES = ("工会工作委员会", "工会委员会", "工会联合会", "总工会", "工会")
UNION_ENDINGS = ("会", "會")  # the last character of a union's name, Simplified or Traditional
MAX_UNION_NAME = 40
MAX_HEAD = 30

LEVELS = ("national", "corps", "provincial", "prefectural", "county", "township", "zone", "industrial",
          "enterprise", "unknown")
# Levels whose unions have a place by definition (the others have none, or only where known).
PLACED_LEVELS = frozenset({"corps", "provincial", "prefectural", "county", "township", "zone", "industrial"})


@dataclass(frozen=True)
class UnionGeo:
    """A union name's level and place; the place columns are None where not known."""

    union_name: str
    province: str | None
    province_code: str | None
    prefecture: str | None
    prefecture_code: str | None
    union_level: str  # one of LEVELS
    county: str | None = None
    county_code: str | None = None
    place_note: str | None = None  # why the place columns are empty, when the level has a place

    @property
    def placed(self) -> bool:
        """False when the name's place could not be told (the build's report lists these)."""
        return self.place_note is None


def _unplaced(name: str, level: str, note: str) -> UnionGeo:
    return UnionGeo(name, None, None, None, None, level, place_note=note)


@cache
def _index() -> tuple[dict[str, Division], dict[str, dict[str, list[Division]]]]:
    """Divisions by code, and for each parent code the children reachable by each name form.

    A county hangs under its prefecture and also under its province (a name may leave the
    prefecture out: 江苏省昆山市, 湖南浏阳市); a prefecture and a county hang under "" too (a name
    may leave the province out: 台州市, 浏阳市).
    """
    by_code = {d.code: d for d in load_divisions()}
    children: dict[str, dict[str, list[Division]]] = {}

    def add(parent: str, d: Division) -> None:
        for form in short_forms(d.name):
            bucket = children.setdefault(parent, {}).setdefault(form, [])
            if d not in bucket:
                bucket.append(d)

    for d in by_code.values():
        add("", d)
        if d.level == "prefecture":
            add(d.province_code, d)
        elif d.level == "county":
            add(d.province_code, d)
            if d.prefecture_code in by_code:
                add(d.prefecture_code, d)
    return by_code, children


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _readings(head: str, parent: str, chain: tuple[tuple[Division, str], ...]
              ) -> list[tuple[tuple[tuple[Division, str], ...], str]]:
    """Every (chain of divisions with the form printed, rest of the head) reading of ``head``."""
    _, children = _index()
    forms = children.get(parent, {})
    order = _form_order().get(parent, {})
    # NOTE: the forms that open ``head`` are looked up prefix by prefix (not every form of the
    # table tried with startswith), then taken in the table's order, as the readings always were.
    opening = sorted((order[head[:n]], head[:n]) for n in range(len(head) + 1) if head[:n] in forms)
    found = []
    for _, form in opening:
        for d in forms[form]:
            longer = (*chain, (d, form))
            found.append((longer, head[len(form):]))
            if d.level != "county":
                found += _readings(head[len(form):], d.code, longer)
    return found


@cache
def _form_order() -> dict[str, dict[str, int]]:
    """For each parent code, the place of each name form among its children (the table's order)."""
    _, children = _index()
    return {parent: {form: i for i, form in enumerate(forms)} for parent, forms in children.items()}


@cache
def _with_counties() -> frozenset[str]:
    """Prefectures that have county-level divisions in the table."""
    by_code, _ = _index()
    return frozenset(d.prefecture_code for d in by_code.values()
                     if d.level == "county" and d.prefecture_code in by_code)


def _kind_of_rest(rest: str, last: Division, last_form: str) -> str | None:
    if not rest:
        if last.code in NON_ADMINISTRATIVE:
            return "zone"
        return {"province": "provincial", "prefecture": "prefectural", "county": "county"}[last.level]
    if TOWNSHIP_REST.match(rest):
        # NOTE: a town is placed at its county; in a prefecture without counties (东莞市, 中山市,
        # 儋州市, 嘉峪关市) its towns lie in the prefecture directly. A town of a prefecture that has
        # counties, named without its county, is not placed (no town table: docs/signers.md).
        if last.level == "county" or (last.level == "prefecture" and last.code not in _with_counties()):
            return "township"
        return "township-unplaced"
    if ZONE_REST.match(rest):
        return "zone"
    # An industry needs its place in full (海南航空 is an airline, 海南省航空… would be a union).
    if last_form == last.name and INDUSTRIAL_REST.match(rest):
        return "industrial"
    return None


def _place(chain: tuple[tuple[Division, str], ...]) -> tuple[str, str | None, str | None]:
    """The (province, prefecture, county) codes of a chain's last division, from the hierarchy."""
    by_code, _ = _index()
    last = chain[-1][0]
    if last.code in NON_ADMINISTRATIVE:  # a zone the table lists: placed in what holds it
        parent = last.prefecture_code if last.level == "county" else None
        return last.province_code, parent if parent in by_code else None, None
    has_prefecture = last.level != "province" and last.prefecture_code in by_code
    prefecture = last.prefecture_code if has_prefecture else None
    return last.province_code, prefecture, last.code if last.level == "county" else None


def _within(outer: tuple[str, str | None, str | None], inner: tuple[str, str | None, str | None]) -> bool:
    deepest = next(c for c in reversed(outer) if c)
    return deepest in inner


def _geo(name: str, level: str, place: tuple[str, str | None, str | None]) -> UnionGeo:
    by_code, _ = _index()
    province, prefecture, county = (by_code[c] if c else None for c in place)
    return UnionGeo(
        union_name=name,
        province=province.name if province else None,
        province_code=province.code if province else None,
        prefecture=prefecture.name if prefecture else None,
        prefecture_code=prefecture.code if prefecture else None,
        union_level=level,
        county=county.name if county else None,
        county_code=county.code if county else None,
    )


def _by_place(name: str, head: str) -> UnionGeo | None:
    """The union as a chain of divisions and a rest; None when no reading fits the grammar."""
    readings = [(chain, rest, kind) for chain, rest in _readings(head, "", ())
                if (kind := _kind_of_rest(rest, *chain[-1])) is not None]
    if not readings:
        return None
    if all(kind == "township-unplaced" for _, _, kind in readings):
        return _unplaced(name, "township", "the town's county is not in the name and no town table is used")
    readings = [r for r in readings if r[2] != "township-unplaced"]
    # NOTE: the reading that takes most of the head as divisions wins (上海市浦东新区 is the
    # district 310115, not a zone 浦东新区 of 上海市), then the one with the fewest parts (a full
    # name beats one split oddly).
    shortest = min(len(rest) for _, rest, _ in readings)
    readings = [r for r in readings if len(r[1]) == shortest]
    fewest = min(len(chain) for chain, _, _ in readings)
    outcomes = sorted({(kind, _place(chain)) for chain, rest, kind in readings if len(chain) == fewest},
                      key=lambda o: (o[0], tuple(c or "" for c in o[1])))
    if len(outcomes) == 1:
        return _geo(name, *outcomes[0])
    # NOTE: readings nested in one another (南昌 is 南昌市 and its 南昌县; 长沙经开区 could lie in
    # 长沙市 or 长沙县) are read as the outer one, as a name that meant the inner one would say so
    # (南昌县总工会); readings side by side (朝阳区: Beijing's or Changchun's) stay unplaced.
    for kind, place in outcomes:
        if all(_within(place, other) for _, other in outcomes):
            return _geo(name, kind, place)
    kinds = {kind for kind, _ in outcomes}
    level = kinds.pop() if len(kinds) == 1 else "unknown"
    places = "; ".join("/".join(_index()[0][c].name for c in place if c) for _, place in outcomes)
    return _unplaced(name, level, f"ambiguous: could be {places}")


def _plausible_head(head: str) -> bool:
    return (2 <= len(head) <= MAX_HEAD and NAME_CHARS.match(head) is not None
            and "工会" not in head and head not in GENERIC_HEADS
            and not any(w in head for w in CLAUSE_WORDS))


def _split(text: str) -> tuple[str, str] | None:
    for suffix in UNION_SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)], suffix
    return None


def resolve_union(name: str) -> UnionGeo | None:
    """The level and place of the union ``name`` (Simplified or Traditional); None if not a union name.

    Every name :func:`is_union_name` accepts gives a result; ``place_note`` is set when the level
    has a place that the name does not tell (the place columns are then all None).
    """
    # NOTE: every name _resolve accepts ends in 会 once converted to Simplified (each suffix, each
    # national union, the corps' pattern), and OpenCC's t2s gives a text ending in 会 only from one
    # ending in 会 or 會 (white space aside): no entry of its dictionaries that yields a final 会 has
    # another last character, and none holds white space (tests/geo/test_unions.py reads them). So
    # the other lines, most of a bulletin's, are refused without the conversion: the same answers.
    if not name.rstrip().endswith(UNION_ENDINGS):
        return None
    return _resolve(name)


@per_bulletin(8192)  # the segmentation asks about the same lines more than once
def _resolve(name: str) -> UnionGeo | None:
    text = "".join(_t2s().convert(name).split())
    if not text or len(text) > MAX_UNION_NAME:
        return None
    if text in NATIONAL_INDUSTRIAL_UNIONS:
        return UnionGeo(name, None, None, None, None, "national")
    if CORPS_UNION.match(text):
        return UnionGeo(name, *XINJIANG, None, None, "corps")
    split = _split(text)
    if split is None:
        return None
    head, suffix = split
    if not _plausible_head(head):
        return None
    company = COMPANY.search(head)
    if company:
        owner = head[: company.start()]
        if len(owner) < 2 or owner in GENERIC_HEADS:
            return None
        return UnionGeo(name, None, None, None, None, "enterprise")
    geo = _by_place(name, head)
    if geo is not None:
        return geo
    # No division reading: the level where the words tell it, never a place.
    if INDUSTRIAL_REST.match(head) and head[0] in "省市区县":
        return _unplaced(name, "industrial", f"no place in the name {name!r}")
    zone = ZONE_REST.match(head)
    if zone and len(head) - max(len(w) for w in ZONE_WORDS if head.endswith(w)) >= 2:
        return _unplaced(name, "zone", f"the zone {head!r} is not placed by the division table")
    # NOTE: a name of no known kind is taken for a union's name only when it opens as an
    # organisation's name does: with 中国/中华/国家 (中国一汽工会), a division (海南航空工会) or a
    # name ending in an institution (清华大学工会). A bare word before 工会 (华为工会, and equally
    # 楼宇工会, 增强工会 in running text) cannot be told from prose by its grammar, so it is refused.
    # A federation (总工会) of a division-shaped name the table lacks (火星市总工会) is a union too.
    shaped = suffix == "总工会" and _division_shaped(head)
    if shaped or head.startswith(ORG_OPENERS) or _opens_with_division(head) or head.endswith(INSTITUTIONS):
        return _unplaced(name, "unknown", f"{head!r} is not a GB/T 2260 division nor a known union")
    return None


def _division_shaped(head: str) -> bool:
    """``火星市``: one division-shaped word, not the tail of a longer name (省台州市, 族自治区)."""
    stem = head[:-1]
    return (3 <= len(head) <= 8 and head.endswith(DIVISION_ENDINGS)
            and all("\u4e00" <= c <= "\u9fff" for c in head)
            and not stem.endswith(("族", "自治")) and not any(c in stem for c in "各与和由年的省市")
            and not any(head[i:j] in _division_forms() for i in range(1, len(head))
                        for j in range(i + 2, len(head) + 1)))


def _opens_with_division(head: str) -> bool:
    forms = _division_forms()
    return any(head[:n] in forms for n in range(2, min(len(head), 12) + 1))


@cache
def _division_forms() -> frozenset[str]:
    return frozenset(_index()[1].get("", {}))


def is_union_name(line: str) -> bool:
    """Whether ``line`` is, by itself, the name of a union (the line printed under a case)."""
    return resolve_union(line.strip()) is not None
