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
    return _doubled(_SPACE.sub("", s))


def _doubled(t: str) -> str | None:
    # doubled_phrase of a text without spaces
    half, odd = divmod(len(t), 2)
    if odd or half < _MIN_PHRASE or t[:half] != t[half:] or _PROSE.search(t):
        return None
    return t[:half]


def drop_running_headers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split ``lines`` into (text lines, running-header lines), keeping order in each."""
    # Each line without its spaces, and the phrase it doubles, made once (both passes read them).
    texts = [_SPACE.sub("", line.text) for line in lines]
    doubled = [_doubled(t) for t in texts]
    phrases = {p for p in doubled if p}
    if not phrases:
        return list(lines), []
    kept, headers = [], []
    for line, t, p in zip(lines, texts, doubled, strict=True):
        if t in phrases or p in phrases:
            headers.append(line)
        else:
            kept.append(line)
    return kept, headers
