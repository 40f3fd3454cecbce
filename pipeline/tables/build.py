"""From a verified bulletin snapshot to the rows of ``bulletins``, ``cases`` and ``figures``.

Row order and ids are derived from the text alone (bulletin id, case order, character offsets), so
two builds of the same raw bytes give identical tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.geo import UnionGeo, is_union_name, resolve_union
from pipeline.memo import forget_bulletin
from pipeline.sources import BulletinSnapshot
from pipeline.text import SegmentedBulletin, segment_bulletin
from pipeline.text.script import detect_script

PREFACE_SECTION = "00"


@dataclass(frozen=True)
class ParsedBulletin:
    """A snapshot with its segmentation: everything the table builders need."""

    snapshot: BulletinSnapshot
    segmented: SegmentedBulletin
    script: str


def parse_bulletin(snapshot: BulletinSnapshot) -> ParsedBulletin:
    """Segment a snapshot's text into preface and cases (BulletinFormatError when it cannot)."""
    forget_bulletin()  # memos keyed on lines live for one bulletin (pipeline/memo.py)
    segmented = segment_bulletin(snapshot.text, is_union_line=is_union_name, path=snapshot.source_file)
    return ParsedBulletin(snapshot, segmented, detect_script(snapshot.text))


def bulletins_frame(parsed: ParsedBulletin) -> pd.DataFrame:
    s = parsed.snapshot
    return pd.DataFrame([{
        "bulletin_id": s.bulletin_id,
        "title": s.title,
        "publisher": s.publisher,
        "event_date": s.event_date,
        "preface": parsed.segmented.preface,
        "raw_path": s.raw_path,
        "raw_sha256": s.raw_sha256,
        "raw_bytes": s.raw_bytes,
        "encoding": s.encoding,
        "script": parsed.script,
        "layout": parsed.segmented.layout,
    }])


def case_id(bulletin_id: str, seq: int) -> str:
    return f"{bulletin_id}-{seq:02d}"


CASE_COLUMNS = [
    "case_id", "bulletin_id", "seq", "union_name", "province", "province_code", "prefecture",
    "prefecture_code", "county", "county_code", "union_level", "title", "body"]


def union_geo(name: str) -> UnionGeo:
    """The union's level and place; a name the grammar does not read is kept with level unknown.

    NOTE: the segmentation accepts a signer line by more evidence than the union-name grammar
    alone, so a signer may come here that ``resolve_union`` does not read: it is kept, with no
    place and a note, rather than stopping the build.
    """
    geo = resolve_union(name)
    if geo is None:
        geo = UnionGeo(name, None, None, None, None, "unknown",
                       place_note=f"{name!r} is not read by the union-name grammar")
    return geo


def cases_frame(parsed: ParsedBulletin) -> pd.DataFrame:
    """One row per case; a union whose place is not known keeps empty place columns (see unplaced_unions)."""
    bid = parsed.snapshot.bulletin_id
    rows = []
    for case in parsed.segmented.cases:
        geo = union_geo(case.union_name)
        rows.append({
            "case_id": case_id(bid, case.seq),
            "bulletin_id": bid,
            "seq": case.seq,
            "union_name": case.union_name,
            "province": geo.province,
            "province_code": geo.province_code,
            "prefecture": geo.prefecture,
            "prefecture_code": geo.prefecture_code,
            "county": geo.county,
            "county_code": geo.county_code,
            "union_level": geo.union_level,
            "title": case.title,
            "body": case.body,
        })
    return _with_int64(pd.DataFrame(rows, columns=CASE_COLUMNS), ["seq"])


UNPLACED_COLUMNS = ["case_id", "union_name", "union_level", "place_note"]


def unplaced_unions(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases whose union could not be placed, for the build's report: case_id, union_name,
    union_level, place_note (why). Empty when every union is placed."""
    rows = []
    for cid, name in zip(cases["case_id"].tolist(), cases["union_name"].tolist(), strict=True):
        geo = union_geo(name)
        if not geo.placed:
            rows.append({"case_id": cid, "union_name": name, "union_level": geo.union_level,
                         "place_note": geo.place_note})
    return pd.DataFrame(rows, columns=UNPLACED_COLUMNS)


FIGURE_COLUMNS = [
    "figure_id", "case_id", "bulletin_id", "start", "end", "mention", "value", "unit", "qualifier",
    "lower", "upper", "kind", "basis", "per", "measure", "sentence"]


def figures_frame(bulletins: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Every figure in each preface and case body, with offsets into that text and what it is about."""
    from pipeline.figures import extract_figures, sentence_at
    from pipeline.figures.about import describe_all

    sections: list[tuple[str, str | None, str, str]] = []
    # Only the columns read (itertuples would convert every column, bodies and all).
    for bid, preface in zip(bulletins["bulletin_id"].tolist(), bulletins["preface"].tolist(), strict=True):
        sections.append((f"{bid}-{PREFACE_SECTION}", None, bid, preface or ""))
    columns = (cases[col].tolist() for col in ("case_id", "bulletin_id", "body"))
    for cid, bid, body in zip(*columns, strict=True):
        sections.append((cid, cid, bid, body))
    rows = []
    for section_id, cid, bid, text in sections:
        found = extract_figures(text)
        for f, about in zip(found, describe_all(text, found), strict=True):
            rows.append({
                "figure_id": f"{section_id}-{f.start:05d}",
                "case_id": cid,
                "bulletin_id": bid,
                "start": f.start,
                "end": f.end,
                "mention": f.mention,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "lower": f.lower,
                "upper": f.upper,
                "kind": f.kind,
                "basis": about.basis,
                "per": about.per,
                "measure": about.measure,
                "sentence": sentence_at(text, f.start, f.end),
            })
    return _with_int64(pd.DataFrame(rows, columns=FIGURE_COLUMNS), ["start", "end"])


def _with_int64(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with ``columns`` as int64 (an empty frame's columns are object otherwise).

    NOTE: column by column: ``DataFrame.astype`` with a dict copies every other column too.
    """
    for col in columns:
        frame[col] = frame[col].astype("int64")
    return frame
