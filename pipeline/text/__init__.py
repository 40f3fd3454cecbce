"""Layout repair and segmentation of printed bulletins: plain functions, no Dagster.

The raw text is what a PDF/print extractor gives for a two-column newspaper page: one printed line
per text line, blank lines between them, running headers, and each case's union and title printed
after its body. The modules here turn that into canonical paragraphs and cases.
"""

from pipeline.text.canonical import canonical_spaces, join_wrapped
from pipeline.text.errors import BulletinFormatError
from pipeline.text.headers import drop_running_headers
from pipeline.text.lines import Line, display_width, read_lines
from pipeline.text.paragraphs import column_width, rebuild_paragraphs
from pipeline.text.segment import SegmentedBulletin, SegmentedCase, segment_bulletin

__all__ = [
    "BulletinFormatError",
    "Line",
    "SegmentedBulletin",
    "SegmentedCase",
    "canonical_spaces",
    "column_width",
    "display_width",
    "drop_running_headers",
    "join_wrapped",
    "read_lines",
    "rebuild_paragraphs",
    "segment_bulletin",
]
