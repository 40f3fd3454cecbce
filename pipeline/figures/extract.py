"""The figure grammar: a number with the words that qualify, scale and measure it.

  [qualifier] number [scale] [余|多] [scale] [unit[/rate part…]] [post-qualifier]
  number: Arabic (7.61, 1,200) or Chinese (三千二百, 两), or 百分之… for a percentage;
  a range joins two numbers with 至, 到, —, -, ~ (3至5万元).

Matching runs on a folded copy of the text (Simplified, ASCII digits) of the same length, so
offsets and mentions come from the text as given. Exclusions follow ``spec/figures.md``: dates
and years, ordinals, enumeration markers, numbers inside quoted names, names and idioms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.figures.folding import fold
from pipeline.figures.numerals import (
    BIG_UNITS,
    CHINESE_NUMERAL_CHARS,
    NumeralError,
    last_digit_place,
    parse_arabic,
    parse_chinese,
)
from pipeline.figures.quotes import in_spans, merge_spans, name_spans
from pipeline.figures.vocabulary import (
    APPROX_MORE,
    BLOCKED_BEFORE,
    COUNT_UNITS,
    DATE_UNITS,
    DURATION_UNITS,
    LINKS,
    NOT_UNITS,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    RATE_PARTS,
    SCALES,
    SCALES_AFTER_APPROX,
    canonical_unit,
    kind_of,
)

QUALIFIERS = ("exact", "over", "at_least", "under", "at_most", "nearly", "about")
KINDS = ("count", "money", "percent", "duration")


@dataclass(frozen=True)
class Figure:
    """One stated quantity: where it stands, what it says, and the interval it allows."""

    start: int
    end: int
    mention: str
    value: Decimal | None
    unit: str
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    kind: str


_CN = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    r"百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?P<vague>十几[万亿]?|[几数](?:十|百|千|万|亿)[万亿]?)"
    r"|(?P<ar>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    rf"|(?P<cn>[{_CN}]+(?:点[零〇一二三四五六七八九]+[万亿]*)?)"
)
_SPACE = re.compile(r"[ \t]*")
_RANGE = re.compile(r"[ \t]*(?:至|到|—{1,2}|–|-|~)[ \t]*")
_UNITS = sorted(set(COUNT_UNITS) | set(DURATION_UNITS), key=len, reverse=True)
_UNIT = re.compile("|".join(map(re.escape, _UNITS)))
_NOT_UNIT = re.compile("|".join(map(re.escape, NOT_UNITS)))
_RATE = re.compile("(?:/(?:" + "|".join(map(re.escape, sorted(RATE_PARTS, key=len, reverse=True))) + "))+")
_POST = re.compile("|".join(map(re.escape, POST_QUALIFIERS)))
_PRE = sorted(PRE_QUALIFIERS, key=len, reverse=True)
_SCALE = re.compile("|".join(map(re.escape, sorted(SCALES, key=len, reverse=True))))
_SCALE_AFTER = re.compile("|".join(SCALES_AFTER_APPROX))
_YEAR_MONTH = re.compile(r"[ \t]*[0-9零〇一二三四五六七八九十]{1,3}[ \t]*月")
_MORE_TIME = re.compile(r"[多余](月|小时|星期)")
_SENTENCE_END = "。！？!?\n"
_CLOSERS = "”’」』）)"
# NOTE: names built from numerals that no quotation marks protect: party congress sessions
# (十九届五中全会), political watchwords (两个维护, 四个意识, 中央八项规定), five-year plans (十四五),
# and numeral idioms in the X数Y数 pattern (三番五次, 五位一体).
_NAMED = re.compile(
    r"[一二三四五六七八九十]+届[一二三四五六七八九]中全会"
    r"|[两三四五八][个项](?:确立|维护|全面|意识|自信|代表|必由之路|务必|规定|注意|绝不|着力)"
    r"|十[一二三四五六七八九]五(?:规划|时期|期间)?"
    rf"|(?<![{_CN}])[一二两三四五六七八九十百千万][^\W\d_{_CN}至到余多几点]"
    r"[一二两三四五六七八九十百千万](?!分)"
    rf"[^\W\d_{_CN}](?![{_CN}])"
)
_TRAILING_BIG = tuple(BIG_UNITS)


def _clean(d: Decimal) -> Decimal:
    """76100.00 → 76100; 91.40 → 91.4 (same value, plain digits)."""
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


@dataclass
class _Quantity:
    end: int
    value: Decimal
    approx: bool
    step: Decimal | None
    scaled: bool  # a scale word follows the digits (万, 亿, 千, …)
    chinese: str  # the Chinese numeral run, "" for Arabic


def _read_quantity(norm: str, m: re.Match) -> _Quantity | None:
    """The number at ``m`` with its scale words and 余/多, or None when it is not a numeral."""
    pos = m.end()
    if m.group("ar") is not None:
        number = parse_arabic(m.group("ar"))
        scale = Decimal(1)
        p = _SPACE.match(norm, pos).end()  # web text: 近 800 万
        unit_here = _UNIT.match(norm, p)
        s = _SCALE.match(norm, p)
        if s and not (unit_here and len(unit_here.group()) > len(s.group())):
            scale, pos = SCALES[s.group()], s.end()
        base, chinese = number, ""
        ends_with_scale = scale != 1
    else:
        chinese = m.group("cn")
        number = parse_chinese(chinese)
        scale = Decimal(1)
        ends_with_scale = chinese.endswith(_TRAILING_BIG)
        head = chinese.rstrip("万亿")
        if ends_with_scale:
            scale = number / (parse_chinese(head) if head and not any(b in head for b in BIG_UNITS)
                              else Decimal(1)) if head else number
            base = number / scale
        else:
            base = number
    value = number * scale if m.group("ar") is not None else number
    p = _SPACE.match(norm, pos).end()  # 130 多万
    approx = p < len(norm) and norm[p] in APPROX_MORE
    if approx:
        pos = p
    step = None
    if approx:
        pos += 1
        after = _SCALE_AFTER.match(norm, pos)
        if after:
            step = last_digit_place(value) * SCALES[after.group()]
            value *= SCALES[after.group()]
            pos = after.end()
            ends_with_scale = True
        elif ends_with_scale:
            # NOTE: 余 after the scale (22万余人) adds less than one of that scale: the step is one
            # 万, or one of the last decimal place for 2.5万余.
            step = scale * min(Decimal(1), last_digit_place(base))
        else:
            step = last_digit_place(value)
    return _Quantity(pos, _clean(value), approx, step, ends_with_scale, chinese)


_PRE_BY_LAST: dict[str, list[str]] = {}
for _w in _PRE:
    _PRE_BY_LAST.setdefault(_w[-1], []).append(_w)


def _qualifier_before(norm: str, start: int) -> tuple[int, str, str] | None:
    """``(position, word, qualifier)`` of a qualifier word right before ``start`` (spaces between)."""
    p = start
    while p > 0 and norm[p - 1] in " \t":
        p -= 1
    if p > 1 and norm[p - 1] in LINKS and norm[p - 2] in _PRE_BY_LAST:
        p -= 1
    if p == 0:
        return None
    for word in _PRE_BY_LAST.get(norm[p - 1], ()):
        q = p - len(word)
        if q >= 0 and norm.startswith(word, q):
            if len(word) == 1 and q > 0 and norm[q - 1] in BLOCKED_BEFORE.get(word, ""):
                return None
            return q, word, PRE_QUALIFIERS[word]
    return None


def _unit_at(norm: str, pos: int) -> tuple[str, int]:
    """The measure word at ``pos`` (with a rate such as /人/月), or ``("", pos)``."""
    u = _UNIT.match(norm, pos)
    if not u or _NOT_UNIT.match(norm, pos):
        return "", pos
    unit, end = u.group(), u.end()
    r = _RATE.match(norm, end)
    if r:
        unit, end = unit + r.group(), r.end()
    return unit, end


def _bounds(qualifier: str, value: Decimal | None, step: Decimal | None) -> tuple:
    if value is None:
        return None, None
    if qualifier == "exact":
        return value, value
    if qualifier == "over":
        return value, (_clean(value + step) if step is not None else None)
    if qualifier == "at_least":
        return value, None
    if qualifier in ("under", "at_most", "nearly"):
        return None, value
    return None, None


def _is_ordinal(norm: str, start: int) -> bool:
    return start > 0 and norm[start - 1] == "第"


def _figure(text: str, norm: str, m: re.Match, names: list) -> Figure | None:
    start = m.start()
    if in_spans(names, start, m.end()) or _is_ordinal(norm, start):
        return None
    before = norm[start - 1] if start else ""
    if m.group("ar") is not None and before and before.isascii() and (before.isalpha() or before in ".+"):
        return None  # part of a code or model name: G20, V2.0, 1+6
    pre = _qualifier_before(norm, start)
    if pre and (_is_ordinal(norm, pre[0]) or in_spans(names, pre[0], start)):
        pre = None

    pct_text, vague = m.group("pct"), m.group("vague")
    lower_range = None
    if pct_text is not None:
        try:
            if pct_text[0].isdigit():
                value = parse_arabic(pct_text)
            else:
                whole, _, frac = pct_text.partition("点")
                value = parse_chinese(whole) + (Decimal("0." + "".join(
                    str(parse_chinese(c)) for c in frac)) if frac else 0)
        except NumeralError:
            return None
        q = _Quantity(m.end(), _clean(value), False, None, False, "")
        unit, end = "%", m.end()
    elif vague is not None:
        q = _Quantity(m.end(), None, False, None, True, vague)  # type: ignore[arg-type]
        unit, end = _unit_at(norm, _SPACE.match(norm, m.end()).end())
        if not unit:
            return None
    else:
        try:
            q = _read_quantity(norm, m)
        except NumeralError:
            return None
        if q is None:
            return None
        pos = q.end
        r = _RANGE.match(norm, pos)
        pct_first = False
        if r is None and norm.startswith("%", pos):
            # 80%—90%: a range of percentages, each end with its sign.
            r, pct_first = _RANGE.match(norm, pos + 1), True
        if r and r.end() < len(norm):
            m2 = _NUMBER.match(norm, r.end())
            same_kind = m2 and ((m2.group("ar") is not None and m.group("ar") is not None)
                                or (m2.group("cn") is not None and m.group("cn") is not None))
            if same_kind:
                try:
                    q2 = _read_quantity(norm, m2)
                except NumeralError:
                    q2 = None
                if pct_first and (q2 is None or not norm.startswith("%", q2.end)):
                    q2 = None
                if q2 is not None and not q.approx and not q2.approx:
                    low = q.value
                    if not q.scaled and q2.scaled:
                        # 3至5万元: the first end shares the second's scale.
                        low = _clean(q.value * (q2.value / parse_arabic(m2.group("ar")))) \
                            if m2.group("ar") else _clean(q.value * (q2.value / max(
                                parse_chinese(m2.group("cn").rstrip("万亿") or "一"), Decimal(1))))
                    if low < q2.value:
                        lower_range, q = low, _Quantity(q2.end, q2.value, False, None, q2.scaled, q2.chinese)
                        pos = q2.end
        p = _SPACE.match(norm, pos).end()
        if p < len(norm) and norm[p] == "%":
            unit, end = "%", p + 1
        else:
            unit, end = _unit_at(norm, p)
            if not unit:
                end = pos
            more = _MORE_TIME.match(norm, end) if unit == "个" and not q.approx else None
            if more:
                # 1个多月, 两个多小时: 多 between 个 and a time unit adds less than one of it.
                unit, end = ("个月" if more.group(1) == "月" else more.group(1)), more.end()
                q = _Quantity(q.end, q.value, True, last_digit_place(q.value), q.scaled, q.chinese)
            elif (unit in DURATION_UNITS and not q.approx and lower_range is None
                  and end < len(norm) and norm[end] in APPROX_MORE):
                # 3年多, 两年多来: 多 after a time unit, the same "a little more than".
                end += 1
                q = _Quantity(q.end, q.value, True, last_digit_place(q.value), q.scaled, q.chinese)

    post = None
    pm = _POST.match(norm, end)
    if pm and (pm.group() != "上下" or pm.end() >= len(norm) or not norm[pm.end()].isalnum()):
        post, end = POST_QUALIFIERS[pm.group()], pm.end()

    # --- what is not a figure -------------------------------------------------------------
    if vague is None and pct_text is None:
        ar = m.group("ar")
        if not unit and norm[q.end:q.end + 1] in DATE_UNITS:
            return None
        if unit == "年" and lower_range is not None and len(ar or "") == 4 and not q.scaled:
            return None  # 2023-2024年: a span of years
        if unit == "年" and lower_range is None:
            if ar is not None and not q.scaled and len(ar) == 4 and 1000 <= q.value <= 2999 and not pre:
                return None  # a year: 2017年
            if _YEAR_MONTH.match(norm, end):
                return None  # 23年11月
        if end < len(norm) and unit and norm[end].isascii() and norm[end].isalpha():
            return None
        if ar is not None:
            if end < len(norm) and not unit and norm[end].isascii() and norm[end].isalpha():
                return None  # 5G
            if not (unit or q.scaled or q.approx or pre or post):
                return None  # a bare number: a code, a list marker, a number in a name
        else:
            cn = q.chinese
            if not unit and not (q.scaled and (pre or q.approx)):
                return None  # a Chinese numeral needs a measure word (三类) or must be qualified (超千万)
            if not (pre or q.approx or post) and (
                    cn == "一" or (all(c in "百千万亿" for c in cn))):
                return None  # 一批, 一线 (the article "a"); 百年, 千家万户
            if len(cn) == 1 and not pre and (
                    (start >= 2 and norm[start - 2] in _CN and norm[start - 1] not in _CN)
                    or (end < len(norm) and norm[end] in CHINESE_NUMERAL_CHARS)):
                return None  # 三番五次, 三年五载

    # --- qualifier and bounds -------------------------------------------------------------
    first = pre[0] if pre else start
    if lower_range is not None:
        qualifier, lower, upper = "about", lower_range, q.value
        value = lower_range
    else:
        value = q.value
        if pre:
            qualifier = pre[2]
            if pre[1] == "近" and unit in DURATION_UNITS:
                qualifier = "exact"  # 近三年: the last three years, not "nearly three"
        elif q.approx:
            qualifier = "over"
        elif post:
            qualifier = post
        elif vague is not None:
            qualifier = "about"
        else:
            qualifier = "exact"
        lower, upper = _bounds(qualifier, value, q.step if q.approx and not pre else None)
        if pre and q.approx and qualifier == "over":
            lower, upper = _bounds("over", value, q.step)
    unit = canonical_unit(unit)
    return Figure(first, end, text[first:end], value, unit, qualifier, lower, upper, kind_of(unit))


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order; offsets index ``text`` as given. Never raises on text."""
    if not text:
        return []
    norm = fold(text)
    # Quoted names and unquoted numeral names (十九届五中全会) are both places no figure stands.
    names = merge_spans([*name_spans(norm), *(x.span() for x in _NAMED.finditer(norm))])
    figures: list[Figure] = []
    pos = 0
    while True:
        m = _NUMBER.search(norm, pos)
        if m is None:
            break
        try:
            f = _figure(text, norm, m, names)
        except (NumeralError, ArithmeticError, ValueError):
            f = None
        if f is None or (figures and f.start < figures[-1].end):
            pos = m.end()
            continue
        figures.append(f)
        pos = f.end
    return figures


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, with its closing punctuation."""
    a = start
    while a > 0 and text[a - 1] not in _SENTENCE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _SENTENCE_END:
        b += 1
    if b < len(text) and text[b] != "\n":
        b += 1
        while b < len(text) and text[b] in _CLOSERS:
            b += 1
    return text[a:b].strip()
