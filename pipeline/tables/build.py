"""From a verified bulletin snapshot to the rows of ``bulletins``, ``cases`` and ``figures``.

Row order and ids are derived from the text alone (bulletin id, case order, character offsets), so
two builds of the same raw bytes give identical tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.geo import UnknownUnionError, is_union_name, resolve_union
from pipeline.sources import BulletinSnapshot
from pipeline.text import BulletinFormatError, SegmentedBulletin, segment_bulletin
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


def cases_frame(parsed: ParsedBulletin) -> pd.DataFrame:
    bid = parsed.snapshot.bulletin_id
    rows = []
    for case in parsed.segmented.cases:
        try:
            geo = resolve_union(case.union_name)
        except UnknownUnionError as e:  # is_union_name accepted it, so this is a bug, not bad input
            raise BulletinFormatError(str(e), path=parsed.snapshot.source_file, line=case.footer_line) from e
        rows.append({
            "case_id": case_id(bid, case.seq),
            "bulletin_id": bid,
            "seq": case.seq,
            "union_name": case.union_name,
            "province": geo.province,
            "province_code": geo.province_code,
            "prefecture": geo.prefecture,
            "prefecture_code": geo.prefecture_code,
            "union_level": geo.union_level,
            "title": case.title,
            "body": case.body,
        })
    frame = pd.DataFrame(rows, columns=[
        "case_id", "bulletin_id", "seq", "union_name", "province", "province_code", "prefecture",
        "prefecture_code", "union_level", "title", "body"])
    return frame.astype({"seq": "int64"})


FIGURE_COLUMNS = [
    "figure_id", "case_id", "bulletin_id", "start", "end", "mention", "value", "unit", "qualifier",
    "lower", "upper", "kind", "sentence"]


def figures_frame(bulletins: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Every figure in each preface and case body, with offsets into that text."""
    from pipeline.figures import extract_figures, sentence_at

    sections: list[tuple[str, str | None, str, str]] = []
    for b in bulletins.itertuples(index=False):
        sections.append((f"{b.bulletin_id}-{PREFACE_SECTION}", None, b.bulletin_id, b.preface or ""))
    for c in cases.itertuples(index=False):
        sections.append((c.case_id, c.case_id, c.bulletin_id, c.body))
    rows = []
    for section_id, cid, bid, text in sections:
        for f in extract_figures(text):
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
                "sentence": sentence_at(text, f.start, f.end),
            })
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"})
