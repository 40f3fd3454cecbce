"""A same-length view of a text for matching: Traditional folded to Simplified, full-width to ASCII.

Offsets into the folded text are offsets into the original, so mentions are always cut from the
text as given.
"""

from __future__ import annotations

import re
from functools import cache

# Full-width digits, signs and spaces: what web text and typeset text use for ASCII.
_WIDTH = {**{0xFF10 + i: ord("0") + i for i in range(10)}, ord("％"): ord("%"), ord("．"): ord("."),
          ord("，"): ord("，"), ord("／"): ord("/"), ord("～"): ord("~"), ord("\u3000"): ord(" "),
          ord("﹪"): ord("%"), ord("（"): ord("（"), ord("）"): ord("）")}
# NOTE: invisible characters (zero-width space and joiners, word joiner, soft hyphen, a stray BOM)
# read as a space: a space inside a number splits it, and the extractor drops a split number
# rather than read its tail (7.6<ZWSP>1万人 is no figure, never 1万人).
THIN = "\u2009"
_WIDTH.update({c: ord(" ") for c in (0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0xFEFF)})
# NOTE: the spaces that typesetting puts between groups of three digits (no-break, thin, narrow
# no-break, figure space) all fold to one thin space, which the number grammar accepts as a
# thousands separator (1<NBSP>234人 → 1234); an ordinary space never groups digits.
_WIDTH.update({c: ord(THIN) for c in (0x00A0, 0x2009, 0x202F, 0x2007)})

_cache: dict[int, int] = dict(_WIDTH)
# The characters of _cache, and every character below U+2E80 (never looked up: they fold by _WIDTH
# or not at all), so that a text whose characters are all known is told by one issuperset.
_known: set[str] = {chr(k) for k in _cache} | {chr(c) for c in range(0x2E80)}
# Only the characters that change, as a pattern: most of a Simplified text folds to itself, and
# replacing the few that change is much faster than translating every character.
_changes: dict[str, str] = {chr(k): chr(v) for k, v in _cache.items() if k != v}
_pattern: list[re.Pattern | None] = [None]
# Characters not yet in the cache (CJK and above), as a pattern: in a long text one regex pass finds
# them faster than ``set(text)`` hashes every character. The pattern is rebuilt after each lesson
# (about 10 ms for 20,000 known characters), so short texts, which are many, use the set.
_unknown: list[re.Pattern | None] = [None]
_LONG_TEXT = 50_000


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
        _known.add(c)
        if len(s) == 1 and s != c:
            _changes[c] = s
    _pattern[0] = _unknown[0] = None


def _unknown_chars(text: str) -> list[str]:
    """The characters of ``text`` (from U+2E80 up) that the cache does not know yet, sorted."""
    if _known.issuperset(text):  # the common case, without building a set of the text
        return []
    if len(text) < _LONG_TEXT:
        return sorted(c for c in set(text).difference(_known) if c >= "\u2e80")
    if _unknown[0] is None:
        known = "".join(re.escape(chr(k)) for k in sorted(_cache) if k >= 0x2E80)
        _unknown[0] = re.compile(f"[^\\x00-\\u2e7f{known}]")
    return sorted(set(_unknown[0].findall(text)))


def fold(text: str) -> str:
    """``text`` with Traditional characters in Simplified form and full-width digits in ASCII.

    The result has the same length as ``text``, character for character.
    """
    new = _unknown_chars(text)
    if new:
        _learn(new)
    if _pattern[0] is None:
        _pattern[0] = re.compile("[" + "".join(map(re.escape, sorted(_changes))) + "]")
    sample = text[:4000]
    if len(_pattern[0].findall(sample)) * 20 > len(sample):
        folded = text.translate(_cache)  # a Traditional text: most characters change
    else:
        folded = _pattern[0].sub(lambda m: _changes[m.group()], text)
    assert len(folded) == len(text)
    return folded
