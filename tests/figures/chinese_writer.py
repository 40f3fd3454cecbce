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


# --- Second-edition forms: written from how the texts print them, not from the parser ---------

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def full_width(s: str) -> str:
    """ASCII digits, point and percent sign in their full-width forms: 123.5% → １２３．５％."""
    return s.translate(_FULL_WIDTH)


def write_mixed(head: int, tail: int, *, tail_scale: str) -> str:
    """``head`` 万 and a smaller tail, the way reports mix scales: (3, 5, '千') → 3万5千,
    (1, 2000, '') → 1万2000 (a bare tail fills all four places), (2, 3000, '万') is 亿: see below."""
    if tail_scale == "千":
        if not 1 <= tail <= 9:
            raise ValueError("a 千 tail is one digit")
        return f"{head}万{tail}千"
    if tail_scale == "":
        if not 1000 <= tail <= 9999:
            raise ValueError("a bare tail after 万 has four digits")
        return f"{head}万{tail}"
    if tail_scale == "亿万":
        if not 1 <= tail <= 9999:
            raise ValueError("a 万 tail after 亿 is below 10000")
        return f"{head}亿{tail}万"
    raise ValueError(tail_scale)


def write_cheng(tenths: int, half: bool, *, arabic: bool = False) -> str:
    """A share in tenths with 成: (9, False) → 九成, (4, True) → 四成半, arabic: (7, True) → 7.5成."""
    if not 1 <= tenths <= 9:
        raise ValueError("1 … 9 tenths")
    if arabic:
        return f"{tenths}.5成" if half else f"{tenths}成"
    return DIGITS[tenths] + "成" + ("半" if half else "")


def write_half(n: int, unit: str) -> str:
    """``n`` and a half of a time unit: (0, '年') → 半年, (2, '年') → 二年半, (1, '小时') → 一个半小时,
    (0, '个月') → 半个月, (3, '个月') → 三个半月."""
    if unit in ("年", "天"):
        return "半" + unit if n == 0 else write_chinese(n) + unit + "半"
    if unit in ("小时", "个月"):
        bare = unit.removeprefix("个")
        return ("半个" + bare) if n == 0 else write_chinese(n) + "个半" + bare
    raise ValueError(unit)
