"""Printed lines: reading them with their line numbers, and measuring their printed width.

Only real line breaks (``\\n``, ``\\r\\n``, ``\\r``) end a line, so the line numbers in error messages
are the ones an editor shows; ``str.splitlines`` would also split on U+2028, U+0085, form feeds and
other separators, and every later line number would be off.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.memo import per_bulletin
from pipeline.text.canonical import clean_characters

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    """One non-blank printed line: its 1-based line number in the file and its text.

    ``text`` keeps leading white space (a remnant of a paragraph indent) and drops trailing white space.
    ``after_blank`` says whether a blank line stood before it in the file.
    """

    lineno: int
    text: str
    after_blank: bool = False

    # ``text`` without white space at either end, read many times over by the segmentation.
    stripped: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stripped", self.text.strip())

    @property
    def indented(self) -> bool:
        return self.text[:1].isspace()


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` split on real line breaks only."""
    return _LINE_BREAK.split(text)


def read_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, their characters cleaned (see ``clean_characters``).

    Blank lines are an extraction artifact and carry nothing but the layout's spacing.
    """
    out, blank = [], False
    for n, raw in enumerate(split_lines(text), start=1):
        raw = clean_characters(raw).rstrip()
        if raw.strip():
            out.append(Line(n, raw, blank))
            blank = False
        else:
            blank = True
    return out


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@per_bulletin(65536)  # the segmentation measures the same lines many times over
def display_width(s: str) -> int:
    """Printed width in half-width cells: CJK characters and full-width punctuation count 2."""
    return sum(map(_char_width, s.strip()))
