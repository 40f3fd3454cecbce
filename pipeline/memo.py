"""Memos that live for one bulletin: results keyed on a line's or a phrase's text.

Segmentation asks about the same lines many times over (widths, word breaks, how a line opens, union
names), so those answers are memoized. NOTE: they are forgotten when the next bulletin is parsed
(``forget_bulletin``, called by ``pipeline.tables.parse_bulletin``): a corpus whose bulletins repeat
lines (the benchmark's bulletins are the seed's cases in other orders) must not parse faster than one
whose bulletins do not, and the memory they hold stays bounded by one bulletin.
Memos keyed on vocabulary (units, number words) are not here: they are the same for every text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

F = TypeVar("F", bound=Callable)
_MEMOS: list = []


def per_bulletin(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget_bulletin``."""

    def wrap(func: F) -> F:
        memo = lru_cache(maxsize=maxsize)(func)
        _MEMOS.append(memo)
        return memo  # type: ignore[return-value]

    return wrap


def forget_bulletin() -> None:
    """Empty every per-bulletin memo (before a bulletin is parsed)."""
    for memo in _MEMOS:
        memo.cache_clear()
