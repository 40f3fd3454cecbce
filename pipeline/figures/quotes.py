"""Spans of quoted names and slogans (“一地六园N点”, 《…》), where numbers are part of a name.

NOTE: a quotation that reads as a sentence (it holds a comma or sentence punctuation) is reported
speech, not a name; figures inside it still count. Book titles in 《》 are always names.
"""

from __future__ import annotations

import bisect
import re

PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "〈": "〉", "\"": "\""}
SPEECH_MARKS = set("，。！？；：,!?;")
MAX_NAME = 40
_TITLES = "《〈"  # book titles: always names, however long


def _name_pattern() -> re.Pattern:
    """One alternative per pair: the opener, then up to the first closer on the same line.

    A book title may run to ``10 * MAX_NAME`` characters; any other quotation is a name only when
    it is at most ``MAX_NAME`` characters long and holds no speech mark (else it is reported speech).
    """
    speech = "".join(sorted(SPEECH_MARKS))
    alternatives = []
    for opener, closer in PAIRS.items():
        if opener in _TITLES:
            inner = f"[^{re.escape(closer)}\\n]{{0,{10 * MAX_NAME - 1}}}"
        else:
            inner = f"[^{re.escape(closer)}\\n{re.escape(speech)}]{{0,{MAX_NAME}}}"
        alternatives.append(f"{re.escape(opener)}{inner}{re.escape(closer)}")
    return re.compile("|".join(alternatives))


_NAME = _name_pattern()


def name_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted name, quotes excluded, in order; unclosed quotes are ignored.

    Read left to right: a quotation that is no name is skipped by its opener alone, so a name may
    open inside it; after a name, reading resumes behind its closer. One regex pass does it all.
    """
    return [(m.start() + 1, m.end() - 1) for m in _NAME.finditer(text)]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same characters (what ``in_spans`` expects)."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any span (spans sorted and disjoint: see merge_spans)."""
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for a, b in spans[max(k, 0): k + 2]:
        if a < end and start < b:
            return True
    return False
