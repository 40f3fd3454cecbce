"""A same-length view of a text for matching: Traditional folded to Simplified, full-width to ASCII.

Offsets into the folded text are offsets into the original, so mentions are always cut from the
text as given.
"""

from __future__ import annotations

from functools import cache

# Full-width digits, signs and spaces: what web text and typeset text use for ASCII.
_WIDTH = {**{0xFF10 + i: ord("0") + i for i in range(10)}, ord("％"): ord("%"), ord("．"): ord("."),
          ord("，"): ord("，"), ord("／"): ord("/"), ord("～"): ord("~"), ord("\u3000"): ord(" "),
          ord("\u00a0"): ord(" "), ord("﹪"): ord("%")}

_cache: dict[int, int] = dict(_WIDTH)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _learn(chars: list[str]) -> None:
    # NOTE: one OpenCC call converts every new character, one per line; a character whose
    # Simplified form is not a single character (never for t2s in practice) is left as it is.
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        converted = [_converter().convert(c) for c in chars]
    for c, s in zip(chars, converted, strict=True):
        _cache[ord(c)] = ord(s) if len(s) == 1 else ord(c)


def fold(text: str) -> str:
    """``text`` with Traditional characters in Simplified form and full-width digits in ASCII.

    The result has the same length as ``text``, character for character.
    """
    new = [c for c in set(text) if ord(c) not in _cache and ord(c) >= 0x2E80]
    if new:
        _learn(sorted(new))
    folded = text.translate(_cache)
    assert len(folded) == len(text)
    return folded
