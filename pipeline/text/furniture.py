"""Page furniture: page numbers and one-line running heads and footers among the text lines.

A print extractor leaves the page's furniture wherever the page broke: between two lines of a
paragraph, inside a number (``共 16`` / ``5`` / ``0 余处``) or between a union and its title. Such a
line is found by its shape, never by this bulletin's strings:

- a page number alone (``5``, ``- 5 -``, ``第5版``, ``第 5 页``);
- a line made only of a date, a weekday and a page mark (``第5版``, ``5版``), at least two of the
  three kinds, with at most a few short names between them (the paper, the section):
  ``2024年4月26日 星期五 工人日报 5版``;
- a line with one of those kinds and short names, set apart by spaces, when the same line with
  its digits ignored stands in the bulletin more than once (a running head on every page:
  ``要闻 5`` … ``要闻 6``).

Since wrapped lines are joined with nothing between them, dropping the line joins again the word
or number it split.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from pipeline.text.lines import Line

_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日]")
_PAGE_MARK = re.compile(r"第\s*\d{1,3}\s*[版页]|\d{1,3}\s*版|[Pp]age\s*\d{1,3}|[Pp]\.\s*\d{1,3}")
_BARE_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.])")
_PAGE_ALONE = re.compile(
    r"^[-—–·•\s]*(?:第\s*)?\d{1,3}\s*[版页]?[-—–·•\s]*$|^[-—–\s]*[Pp](?:age)?\.?\s*\d{1,4}$")
_SEPARATORS = re.compile(r"[\s·•|｜/／:：\-—–]+")
# A name in a running head (paper, section, column): a short run of CJK or Latin, no punctuation.
_NAME = re.compile(r"^[\u3400-\u9fffA-Za-z]{1,10}$")
MAX_NAMES = 3
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")


def _parts(s: str) -> tuple[set[str], list[str], str]:
    """The kinds of furniture tokens in ``s``, the name tokens left, and ``s`` without its tokens."""
    kinds: set[str] = set()
    rest, bare = s, s
    for kind, pattern in (("date", _DATE), ("weekday", _WEEKDAY), ("page", _PAGE_MARK)):
        if pattern.search(rest):
            kinds.add(kind)
            rest, bare = pattern.sub(" ", rest), pattern.sub("", bare)
    return kinds, [t for t in _SEPARATORS.split(rest) if t], bare


def _names_only(tokens: list[str]) -> bool:
    return len(tokens) <= MAX_NAMES and all(_NAME.match(t) for t in tokens)


def skeleton(s: str) -> str:
    """A line with its digits and spaces ignored: what a running head keeps from page to page."""
    # str.split() splits on str.isspace, which is re's \s for str patterns: "".join of it drops
    # the same white space as re.sub(r"\s+", "", s), faster.
    return _DIGITS.sub("#", "".join(s.split()))


def is_furniture_by_shape(s: str) -> bool:
    """A page number alone, or a running head with at least two kinds of furniture token."""
    if not _DIGIT.search(s):
        return False  # a page number and a date or page mark are written with digits
    s = s.strip()
    if _PAGE_ALONE.match(s):
        return True
    kinds, names, _ = _parts(s)
    return len(kinds) >= 2 and _names_only(names)


def _repeatable_head(s: str) -> bool:
    """A line of one furniture token (or a bare page number at an end) and names, set apart by
    spaces: a running head when it repeats."""
    s = s.strip()
    kinds, names, bare = _parts(s)
    if not kinds:
        tokens = _SEPARATORS.split(s)
        if len(tokens) < 2 or not (_BARE_NUMBER.fullmatch(tokens[0]) or _BARE_NUMBER.fullmatch(tokens[-1])):
            return False
        kinds, names = {"page"}, [t for t in tokens if not _BARE_NUMBER.fullmatch(t)]
    elif names and not _SEPARATORS.search(bare):
        return False  # `2024年4月26日全总召开` is prose, not a head: a head sets its parts apart
    return bool(names) and _names_only(names)


def drop_furniture(lines: list[Line], is_union_line: Callable[[str], bool]) -> tuple[list[Line], list[Line]]:
    """Split ``lines`` into (text lines, furniture lines), keeping order in each."""
    # The skeleton drops all white space, so a line's text and its stripped text have one.
    skeletons = [skeleton(line.text) for line in lines]
    counts = Counter(skeletons)
    kept, furniture = [], []
    for line, skel in zip(lines, skeletons, strict=True):
        s = line.stripped
        repeated = counts[skel] >= 2 and _repeatable_head(s)
        if (is_furniture_by_shape(s) or repeated) and not is_union_line(s):
            furniture.append(line)
        else:
            kept.append(line)
    return kept, furniture
