"""Segmentation of a bulletin into its preface and its cases.

In this print layout each case is its body, then the publishing union alone on a line (the case
footer), then the case title on one or more lines. A running header separates the preface from
the first case. A footer printed twice (union and title again) is kept once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.text.canonical import canonical_spaces
from pipeline.text.errors import BulletinFormatError
from pipeline.text.headers import drop_running_headers
from pipeline.text.lines import Line, read_lines
from pipeline.text.paragraphs import (
    SENTENCE_END,
    column_width,
    looks_indented,
    paragraph_ends,
    printed_width,
    rebuild_paragraphs,
)

_OPENERS = "“‘「『《（([【〔"
_CLOSERS = "”’」』》）)]】〕"
# Clause or sentence punctuation: prose, never a title line.
_PROSE = re.compile(r"[，。；：！？、,;:!?]")
_CJK = r"\u3400-\u4DBF\u4E00-\u9FFF"
_CJK_SPACE_CJK = re.compile(rf"[{_CJK}”’」』》）] +[{_CJK}“‘「『《（]")
# NOTE: a body's first line falls short of the column only by its indent (about 4 cells); a title
# line set as a heading is usually far shorter. 7 cells short or more reads as a title line.
TITLE_SHORT_BY = 7
MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class SegmentedCase:
    """One case as printed: where it stands in the file and its canonical text."""

    seq: int
    union_name: str
    title: str
    paragraphs: tuple[str, ...]
    first_line: int
    footer_line: int

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SegmentedBulletin:
    """A bulletin split into preface and cases, with the layout lines that were dropped."""

    preface: str
    cases: tuple[SegmentedCase, ...]
    header_lines: tuple[int, ...] = field(default=())
    duplicate_footer_lines: tuple[int, ...] = field(default=())


def _quote_depth(s: str) -> int:
    depth = 0
    for ch in s:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth


def _outside_quotes(s: str) -> str:
    out, depth = [], 0
    for ch in s:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _continues_title(title_parts: list[str], candidate: Line, following: list[Line]) -> bool:
    """Whether ``candidate`` (the line after the title so far) is more title or the next body."""
    if _quote_depth("".join(title_parts)) > 0:
        return True
    s = candidate.stripped
    if candidate.indented or _PROSE.search(s) or SENTENCE_END.search(s):
        return False
    # A line that leaves a quotation or book title open is prose wrapping mid-sentence (《关 / 于…》);
    # a title's own break inside a quotation is caught above, on the line before.
    if _quote_depth(s) > 0:
        return False
    # Titles set two phrases apart with a space; prose has spaces between CJK only inside names.
    if _CJK_SPACE_CJK.search(_outside_quotes(s)):
        return True
    if not following:
        return True
    width = column_width([candidate, *following])
    # Far short of the column, or followed by what can only be a paragraph's indented first line.
    return width - printed_width(s) >= TITLE_SHORT_BY or looks_indented(following[0], width)


def join_title(parts: list[str]) -> str:
    """One title from its printed lines: one space between parts, nothing inside a quotation."""
    title = ""
    for part in parts:
        part = part.strip()
        if title and _quote_depth(title) == 0:
            title += " "
        title += part
    return canonical_spaces(title)


def _check_no_stray_footer(body_lines: list[Line], path: str) -> None:
    """Refuse a body holding a line that can only be a case footer or title.

    NOTE: in this layout a paragraph's first line runs to the column's edge but for its indent, and
    its last line ends a sentence. A line a third of the column short (an indent and a pushed-down
    character take a few cells, never a third) that neither ends a sentence nor
    holds clause punctuation, opening a paragraph that goes on, is a union or title line: the union
    line of a case is missing, or is not a union name we recognise.
    """
    if len(body_lines) < 2:
        return
    ends = paragraph_ends(body_lines)
    width = column_width(body_lines)
    for i in range(1, len(body_lines)):
        line = body_lines[i]
        s = line.stripped
        if (ends[i - 1] and not ends[i] and not line.indented and not _PROSE.search(s)
                and width - printed_width(s) >= max(TITLE_SHORT_BY, width // 3)):
            raise BulletinFormatError(
                f"{s!r} stands alone between paragraphs like a case footer or title, but no union "
                "line signs the case before it", path=path, line=line.lineno,
                hint="Put the union's name (a GB/T 2260 place + 总工会, or a national union) on its own "
                     "line between the case text and its title")


def _same_text(a: list[Line], b: list[Line]) -> bool:
    return len(a) == len(b) and all(x.stripped == y.stripped for x, y in zip(a, b, strict=True))


def segment_bulletin(
    text: str,
    *,
    is_union_line: Callable[[str], bool],
    path: str = "<text>",
) -> SegmentedBulletin:
    """Split a bulletin's raw text into preface and cases, or raise BulletinFormatError."""
    lines = read_lines(text)
    if not lines:
        raise BulletinFormatError("the bulletin has no text", path=path,
                                  hint="Check that the right file was saved")
    kept, headers = drop_running_headers(lines)
    unions = [i for i, line in enumerate(kept) if is_union_line(line.stripped)]
    if not unions:
        raise BulletinFormatError(
            "no case footer found: no line holds only a union name (such as 浙江台州市总工会)",
            path=path, line=lines[0].lineno,
            hint="Each case body must be followed by its union on a line of its own, then its title")

    # NOTE: the preface is what precedes the first running header, when that header comes before
    # the first case footer; a bulletin printed without a header has no separable preface.
    start = 0
    if headers and headers[0].lineno < kept[unions[0]].lineno:
        start = sum(1 for line in kept if line.lineno < headers[0].lineno)
    preface = "\n".join(rebuild_paragraphs(kept[:start]))

    union_set = set(unions)
    cases: list[SegmentedCase] = []
    duplicates: list[int] = []
    pos = start
    while pos < len(kept):
        u = next((i for i in unions if i >= pos), None)
        if u is None:
            raise BulletinFormatError(
                "text after the last case footer does not end with a union line and a title: "
                "the bulletin looks truncated mid-case", path=path, line=kept[pos].lineno,
                hint="Restore the end of the bulletin from the source")
        body_lines = kept[pos:u]
        if not body_lines:
            raise BulletinFormatError(
                f"case footer {kept[u].stripped!r} follows no case body", path=path, line=kept[u].lineno,
                hint="A union line must come after the case text it signs")
        j = u + 1
        if j >= len(kept) or j in union_set:
            raise BulletinFormatError(
                f"case footer {kept[u].stripped!r} has no title line after it", path=path,
                line=kept[u].lineno, hint="Each union line must be followed by the case title")
        next_union = next((i for i in unions if i > j), len(kept))
        title_lines = [kept[j]]
        j += 1
        while (j < next_union and len(title_lines) < MAX_TITLE_LINES
               and _continues_title([t.stripped for t in title_lines], kept[j], kept[j + 1:next_union])):
            title_lines.append(kept[j])
            j += 1
        footer = kept[u:j]
        if _same_text(kept[j:j + len(footer)], footer):
            duplicates.extend(line.lineno for line in kept[j:j + len(footer)])
            j += len(footer)
        _check_no_stray_footer(body_lines, path)
        cases.append(SegmentedCase(
            seq=len(cases) + 1,
            union_name=kept[u].stripped,
            title=join_title([t.stripped for t in title_lines]),
            paragraphs=tuple(rebuild_paragraphs(body_lines)),
            first_line=body_lines[0].lineno,
            footer_line=kept[u].lineno,
        ))
        pos = j
    return SegmentedBulletin(
        preface=preface,
        cases=tuple(cases),
        header_lines=tuple(h.lineno for h in headers),
        duplicate_footer_lines=tuple(duplicates),
    )
