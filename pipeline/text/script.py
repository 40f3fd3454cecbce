"""Which script a text is written in: Simplified (Hans) or Traditional (Hant) Chinese."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def detect_script(text: str) -> str:
    """``Hant`` when converting to Simplified changes the text noticeably, else ``Hans``."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return "Hans"
    sample = "".join(cjk[:20000])
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=False) if a != b)
    # NOTE: Simplified text still has a few characters OpenCC maps (variants), so a bare change is
    # not enough; Traditional prose changes far more than 2% of its characters.
    return "Hant" if changed > 0.02 * len(sample) else "Hans"
