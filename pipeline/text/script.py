"""Which script a text is written in: Simplified (Hans) or Traditional (Hant) Chinese."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import opencc

_NOT_CJK = re.compile("[^\u4e00-\u9fff]+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def detect_script(text: str) -> str:
    """``Hant`` when converting to Simplified changes the text noticeably, else ``Hans``."""
    sample = _NOT_CJK.sub("", text)[:20000]  # the first 20,000 CJK ideographs
    if not sample:
        return "Hans"
    converted = _t2s().convert(sample)
    changed = _changed(sample, converted)
    # NOTE: Simplified text still has a few characters OpenCC maps (variants), so a bare change is
    # not enough; Traditional prose changes far more than 2% of its characters.
    return "Hant" if changed > 0.02 * len(sample) else "Hans"


def _changed(a: str, b: str) -> int:
    """How many of the first min(len) characters of ``a`` and ``b`` differ, place by place."""
    x = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    y = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    n = min(len(x), len(y))
    return int(np.count_nonzero(x[:n] != y[:n]))
