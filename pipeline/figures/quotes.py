"""Spans of quoted names and slogans (“一地六园N点”, 《…》), where numbers are part of a name.

NOTE: a quotation that reads as a sentence (it holds a comma or sentence punctuation) is reported
speech, not a name; figures inside it still count. Book titles in 《》 are always names.
"""

from __future__ import annotations

import bisect
import re

PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "〈": "〉", "\"": "\""}
SPEECH_MARKS = set("，。！？；：,!?;")
_OPENERS = re.compile("[" + re.escape("".join(PAIRS)) + "]")
MAX_NAME = 40


def name_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted name, quotes excluded, in order; unclosed quotes are ignored."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _OPENERS.search(text, i)
        if m is None:
            break
        i = m.start()
        close = PAIRS[text[i]]
        limit = min(n, i + 1 + (10 * MAX_NAME))
        j = text.find(close, i + 1, limit)
        newline = text.find("\n", i + 1, limit)
        if j == -1 or (newline != -1 and newline < j):
            i += 1
            continue
        inner = text[i + 1:j]
        is_title = text[i] in "《〈"
        if is_title or (len(inner) <= MAX_NAME and not SPEECH_MARKS.intersection(inner)):
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


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
