"""Running headers: the page heading a print extractor leaves among the text lines.

A two-column page repeats its heading over both columns, so the extractor gives one line holding
the same phrase twice (``全国工会重点工作创新案例选登全国工会重点工作创新案例选登``). Such a line,
and any later line holding that phrase once or twice, is a running header and not text.
"""

from __future__ import annotations

import re

from pipeline.text.lines import Line

# A heading is a phrase, not prose: no clause or sentence punctuation inside it.
_PROSE = re.compile(r"[，。；：！？、,;:!?]")
_MIN_PHRASE = 4
_SPACE = re.compile(r"\s+")


def doubled_phrase(s: str) -> str | None:
    """The phrase ``p`` when ``s`` is ``p`` printed twice (spaces ignored), else None."""
    t = _SPACE.sub("", s)
    half, odd = divmod(len(t), 2)
    if odd or half < _MIN_PHRASE or t[:half] != t[half:] or _PROSE.search(t):
        return None
    return t[:half]


def drop_running_headers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split ``lines`` into (text lines, running-header lines), keeping order in each."""
    phrases = {p for line in lines if (p := doubled_phrase(line.text))}
    if not phrases:
        return list(lines), []
    kept, headers = [], []
    for line in lines:
        t = _SPACE.sub("", line.text)
        if t in phrases or doubled_phrase(t) in phrases:
            headers.append(line)
        else:
            kept.append(line)
    return kept, headers
