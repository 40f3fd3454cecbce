"""Paragraphs from printed lines: a paragraph ends on a line that ends a sentence and falls short
of the column width, or that is followed by an indented first line.
"""

from __future__ import annotations

import re

from pipeline.text.canonical import join_wrapped
from pipeline.text.lines import Line, display_width

SENTENCE_END = re.compile(r"[。！？!?…]['”’」』）)》]*$")
# NOTE: a line that ends a sentence at the column edge may stop one CJK character (2 cells) short
# because the next character cannot begin a line (kinsoku); 3 cells or more short is a real end.
SHORT_BY = 3
# NOTE: an indent is two CJK characters (4 cells); extraction drops it, so a paragraph's first
# line falls about 4 cells short at its end although it does not end a sentence; 3 allows for
# the proportional setting of digits.
INDENT_BY = 3


# NOTE: web pages often give one paragraph per line: then most lines of prose (lines holding
# clause or sentence punctuation) end a sentence, where in a printed column about one in five
# does; widths say nothing about roles then, and every sentence end ends a paragraph. Decided once
# per bulletin, since a case of one-line paragraphs in a wide column looks the same on its own.
UNWRAPPED_SHARE = 0.6
_PROSE_MARK = re.compile(r"[，。；！？,;!?]")


def unwrapped(lines: list[Line]) -> bool:
    """Whether ``lines`` hold one paragraph per line (not wrapped at a column)."""
    prose = [x for x in lines if _PROSE_MARK.search(x.stripped)]
    ends = sum(bool(SENTENCE_END.search(x.stripped)) for x in prose)
    return len(prose) >= 3 and ends >= UNWRAPPED_SHARE * len(prose)


def printed_width(s: str) -> int:
    """Width on the page in cells. A space the extractor puts between CJK and digits stands for the
    quarter-em gap typesetters leave there, so it counts like a half-width character."""
    return display_width(s)


def column_width(lines: list[Line]) -> int:
    """The column's width in cells: the 75th percentile of line widths (robust to short last lines)."""
    widths = sorted(printed_width(line.text) for line in lines)
    if not widths:
        return 0
    return widths[(len(widths) * 3) // 4 if len(widths) > 1 else 0]


def looks_indented(line: Line, width: int) -> bool:
    """A paragraph's first line: a kept indent, or a pure-CJK line short of the column mid-sentence."""
    if line.indented:
        return True
    s = line.stripped
    if SENTENCE_END.search(s):
        return False
    return width - printed_width(s) >= INDENT_BY


def paragraph_ends(lines: list[Line], flat: bool | None = None) -> list[bool]:
    """For each line, whether a paragraph ends after it; ``flat``: one paragraph per line (found
    from ``lines`` when not given)."""
    if flat if flat is not None else unwrapped(lines):
        return [i == len(lines) - 1 or bool(SENTENCE_END.search(x.stripped)) for i, x in enumerate(lines)]
    width = column_width(lines)
    ends = []
    for i, line in enumerate(lines):
        if i == len(lines) - 1:
            ends.append(True)
            continue
        s = line.stripped
        ends.append(bool(SENTENCE_END.search(s)) and (
            width - printed_width(s) >= SHORT_BY or looks_indented(lines[i + 1], width)))
    return ends


def rebuild_paragraphs(lines: list[Line], flat: bool | None = None) -> list[str]:
    """Canonical paragraphs (no layout breaks, canonical spaces) from one block of printed lines."""
    paragraphs, current = [], []
    for line, end in zip(lines, paragraph_ends(lines, flat), strict=True):
        current.append(line.stripped)
        if end:
            paragraphs.append(join_wrapped(current))
            current = []
    return [p for p in paragraphs if p]
