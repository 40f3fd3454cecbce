"""Printed lines: reading them with their line numbers, and measuring their printed width."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Line:
    """One non-blank printed line: its 1-based line number in the file and its text.

    ``text`` keeps leading white space (a remnant of a paragraph indent) and drops trailing white space.
    """

    lineno: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indented(self) -> bool:
        return self.text[:1].isspace()


def read_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``; blank lines are an extraction artifact and carry nothing."""
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        raw = raw.rstrip()
        if raw.strip():
            out.append(Line(n, raw))
    return out


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(s: str) -> int:
    """Printed width in half-width cells: CJK characters and full-width punctuation count 2."""
    return sum(_char_width(c) for c in s.strip())
