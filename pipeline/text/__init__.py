"""Layout repair and segmentation of printed bulletins: plain functions, no Dagster.

The raw text is what a print or web extractor gives: one printed line per text line, with or without
blank lines between them, running headers and page furniture, and each case's union and title after
its body (print) or before it (web). The modules here detect the layout and turn the text into
canonical paragraphs and cases (docs/layouts.md).
"""

from pipeline.text.canonical import canonical_spaces, clean_characters, join_wrapped
from pipeline.text.errors import BulletinFormatError
from pipeline.text.furniture import drop_furniture
from pipeline.text.headers import drop_running_headers
from pipeline.text.lines import Line, display_width, read_lines
from pipeline.text.paragraphs import column_width, rebuild_paragraphs
from pipeline.text.segment import LAYOUTS, SegmentedBulletin, SegmentedCase, segment_bulletin

__all__ = [
    "LAYOUTS",
    "BulletinFormatError",
    "Line",
    "SegmentedBulletin",
    "SegmentedCase",
    "canonical_spaces",
    "clean_characters",
    "column_width",
    "display_width",
    "drop_furniture",
    "drop_running_headers",
    "join_wrapped",
    "read_lines",
    "rebuild_paragraphs",
    "segment_bulletin",
]
