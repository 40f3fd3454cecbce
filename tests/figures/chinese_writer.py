"""A Chinese-numeral writer for property tests: renders integers the way Chinese text prints them.

Written independently of the parser (from the school rules: 零 for a gap, 十 for 一十 at the front,
两 for 二 before 千/百/万/亿 as an option) so the round trip tests the parser, not itself.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def _below_10000(n: int, *, leading: bool, liang: bool) -> str:
    out, gap = [], False
    for place, mark in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // place) % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        if place == 10 and d == 1 and leading and not out:
            out.append("十")
            continue
        digit = "两" if (liang and d == 2 and place in (1000, 100) and not out) else DIGITS[d]
        out.append(digit + mark)
    return "".join(out)


def write_chinese(n: int, *, liang: bool = False) -> str:
    """``n`` (0 < n < 10**16) in Chinese numerals: 32000000 → 三千二百万, 2005 → 二千零五.

    Above 亿 the count of 亿 is itself a number with 万 (一万零一亿 = 10001 亿).
    """
    if not 0 < n < 10**16:
        raise ValueError("the writer renders 1 … 10**16 - 1")
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        head = write_chinese(high, liang=liang) + "亿"
        if low == 0:
            return head
        return head + ("零" if low < 10**7 else "") + _tail(low, liang, lead_done=True)
    return _tail(n, liang)


def _tail(n: int, liang: bool, lead_done: bool = False) -> str:
    groups = []  # (value below 10000, scale mark) from the highest group down
    for size, mark in ((10**4, "万"), (1, "")):
        groups.append(((n // size) % 10**4, mark))
    out, zero_pending = [], False
    for value, mark in groups:
        if value == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or value < 1000):
            out.append("零")
        out.append(_below_10000(value, leading=not out and not lead_done, liang=liang) + mark)
        zero_pending = False
    return "".join(out)
