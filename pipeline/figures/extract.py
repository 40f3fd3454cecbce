"""The figure grammar: a number with the words that qualify, scale and measure it.

  [qualifier] number [scale] [余|多] [scale] [unit[/rate part…]] [post-qualifier]
  number: Arabic (7.61, 1,200) or Chinese (三千二百, 两), or 百分之… for a percentage;
  a range joins two numbers with 至, 到, —, -, ~ (3至5万元).

Matching runs on a folded copy of the text (Simplified, ASCII digits) of the same length, so
offsets and mentions come from the text as given. Exclusions follow ``docs/figures.md``: dates
and years, ordinals, enumeration markers, numbers inside quoted names, names and idioms.

How a text is read (``_extract``), so that time goes where the numbers are:
  1. ``_SKIP``, one regex scan, passes over everything that can make no figure;
  2. ``_figure`` at each number: where it stands (names, ordinals, codes, a qualifier before it;
     ``_plainly_date_or_year`` rules out 4月 and 2017年 at once), what it says
     (``_plain_reading``: the commonest form in one pattern; else ``_full_reading``: the whole
     grammar, with ``_read_quantity``, ``_range_after`` and ``_unit_at``), what is not a figure,
     and its qualifier and bounds.
A shortcut must read exactly what the whole grammar reads (``tests/figures/test_shortcuts.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from functools import lru_cache
from typing import NamedTuple

from pipeline.figures.folding import THIN, fold
from pipeline.figures.numerals import (
    BIG_UNITS,
    CHINESE_NUMERAL_CHARS,
    NumeralError,
    last_digit_place,
    parse_arabic,
    parse_chinese,
)
from pipeline.figures.quotes import name_spans
from pipeline.figures.vocabulary import (
    APPROX_MORE,
    BLOCKED_BEFORE,
    COUNT_UNITS,
    CURRENCIES,
    DATE_UNITS,
    DAY,
    DURATION_UNITS,
    GAP_QUALIFIERS,
    LINKS,
    NOT_AFTER_YUE,
    NOT_UNITS,
    POST_AFTER_DURATION,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    RATE_PARTS,
    SCALES,
    SCALES_AFTER_APPROX,
    canonical_unit,
    ends_word,
    kind_of,
)

QUALIFIERS = ("exact", "over", "at_least", "under", "at_most", "nearly", "about")
KINDS = ("count", "money", "percent", "duration")


class Figure(NamedTuple):
    """One stated quantity: where it stands, what it says, and the interval it allows.

    Immutable; a named tuple rather than a frozen dataclass because a text may hold tens of
    thousands of figures and a tuple is made three times faster.
    """

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
_PCT = r"百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_VAGUE = r"(?P<vague>十几[万亿]?|[几数](?:十|百|千|万|亿)[万亿]?)"
# NOTE: thousands separators: a comma (ASCII or full-width) or a typeset thin space between
# groups of exactly three digits (2,480名, 12，000元, 1 234人 with a no-break space).
_ARABIC = rf"(?P<ar>[0-9]{{1,3}}(?:[,，{THIN}][0-9]{{3}})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
_CHINESE = rf"(?P<cn>[{_CN}]+(?:点[零〇一二三四五六七八九]+[万亿]*)?)"
# 半 alone is a half of a time unit: 半年, 半个月, 半小时 (not 上半年, 过半, 一半, 大半年; NOTE:
# 每半年 is how often something recurs, not a stated length, so it is no figure).
_HALF_ALONE = r"(?P<half>(?<![上下过一大多前后每])半(?=个?(?:小时|月|星期|工作日)|年(?!度)|天|日(?!制)))"
_NUMBER = re.compile("|".join((_PCT, _VAGUE, _ARABIC, _CHINESE, _HALF_ALONE)))
# Every number above begins with one of these.
_START_CHARS = f"0-9{_CN}几数半"
_SPACES = " \t" + THIN
_SPACE = re.compile(rf"[{_SPACES}]*")
# Mixed scales (3万5千, 1萬2000, 2亿3000万): the tail after 万 or 亿, with its own smaller scale.
# NOTE: the tail may carry thousands separators like any Arabic number: 1億2,000萬元 = 120000000.
_MIXED_TAIL = re.compile(
    rf"([0-9]{{1,3}}(?:[,，{THIN}][0-9]{{3}})+(?![0-9])|[0-9]+(?:\.[0-9]+)?)(千万|百万|万|千|百)?")
# A unit with an alternative reading in brackets: 人(次) → 人次.
_ALT = re.compile(r"[(（]([^()（）\n]{1,3})[)）]")
# 个半 between a number and a time unit: 一个半小时, 1个半月.
_HALF_AFTER_GE = re.compile(r"个半(小时|月|星期|工作日)")
# 成 after a number is tenths (九成 = 90%), except in words that begin with 成.
_CHENG = re.compile(r"成(?![员立为功果本绩效就长熟交型品不都人])")
# NOTE: Republic-of-China years written without 民国 in Taiwanese texts (95年修正, 自112年起, 108年及
# 109年): a two- or three-digit year from 60 to 150 with 年 and, around it, the words of a date.
_ROC_AFTER = re.compile(r"(?:修正|修订|修法|起|开始|至|到|底|初|末|上半年|下半年|及|、|和|与|第|间)")
_ROC_BEFORE = "于在自从至到及、和与"
_RANGE_SIGNS = ("至", "到", "—", "–", "-", "~")
_RANGE = re.compile(r"[ \t]*(?:{})[ \t]*".format("|".join("—{1,2}" if s == "—" else re.escape(s)
                                                           for s in _RANGE_SIGNS)))
_UNITS = sorted(set(COUNT_UNITS) | set(DURATION_UNITS), key=len, reverse=True)
_UNIT = re.compile("|".join(map(re.escape, _UNITS)))
# A measure word, unless a longer word that is none begins there (3年级, 2023年度).
_MEASURE = re.compile(r"(?!{})(?:{})".format("|".join(map(re.escape, NOT_UNITS)), _UNIT.pattern))
_UNIT_SET = frozenset(_UNITS)
# What may follow a Chinese numeral that is part of a figure (the first characters of units,
# 余/多, 成, 半, 个半, %, a range sign, a scale word, a space).
_CN_NEXT = frozenset({u[0] for u in _UNITS} | set("余多成半个%至到—–-~万亿千百十点日 \t" + THIN))


def _unnamed(pattern: str) -> str:
    """``pattern`` with its named groups made plain, to be used inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The scan for candidates: one match from a position passes over everything that makes no figure
# and stops where a number begins that may make one. It passes over text with no numeral
# character, a numeral character where no number begins (数 in 数字), and a Chinese numeral with
# no scale word at its end and nothing after it that a figure needs (统一, 一线, 三类 needs 类: kept).
_SKIP = re.compile(
    rf"(?:[^{_START_CHARS}]++"
    rf"|(?!{_unnamed(_PCT)}|{_unnamed(_VAGUE)})(?>{_unnamed(_CHINESE)})(?<![万亿])"
    rf"(?![{re.escape(''.join(sorted(_CN_NEXT)))}])"
    rf"|(?!{_unnamed(_NUMBER.pattern)})[{_START_CHARS}])*+"
)
_RATE_WORDS = "|".join(map(re.escape, sorted(RATE_PARTS, key=len, reverse=True)))
_RATE = re.compile(rf"(?:[ \t]*/[ \t]*(?:{_RATE_WORDS}))+")
_POST = re.compile("|".join(map(re.escape, POST_QUALIFIERS)))
_PRE = sorted(PRE_QUALIFIERS, key=len, reverse=True)
_SCALE = re.compile("|".join(map(re.escape, sorted(SCALES, key=len, reverse=True))))
_SCALE_AFTER = re.compile("|".join(SCALES_AFTER_APPROX))
_YEAR_MONTH = re.compile(r"[ \t]*[0-9零〇一二三四五六七八九十]{1,3}[ \t]*月")
_MORE_TIME = re.compile(r"[多余](月|小时|星期)")
# The characters each optional part after a number can begin with. Most numbers are followed by
# none of them, and one look at a character is much cheaper than a regex call that fails.
_SPACE_CHARS = frozenset(_SPACES)
_SCALE_FIRST = frozenset(w[0] for w in SCALES)
_RANGE_FIRST = frozenset(" \t" + "".join(_RANGE_SIGNS))
_ALT_FIRST = frozenset("(（")
_RATE_FIRST = frozenset(" \t/")
_POST_FIRST = frozenset(w[0] for w in POST_QUALIFIERS)
_APPROX = frozenset(APPROX_MORE)
_DURATION = frozenset(DURATION_UNITS) | {DAY}
_DATE = frozenset(DATE_UNITS)
_DATE_OR_YEAR = _DATE | {"年"}
_SENTENCE_END = "。！？!?\n"
_CLOSERS = "”’」』）)"
# NOTE: names built from numerals that no quotation marks protect: the sessions of a congress or
# a body, numbered without 第 (十九届五中全会, 十五届五次全委会议, 十五届人大: a number with 届 and then
# another numeral with 次 or 中, or the body's name; 连续三届 and 每两年一届 count terms and stay
# figures), political watchwords (两个维护, 四个意识, 中央八项规定), five-year plans (十四五),
# and numeral idioms in the X数Y数 pattern (三番五次, 五位一体).
# Every name starts with one of these; the pattern opens with that class (so the regex engine
# skips to it) and each alternative checks its own first character with a lookbehind.
_NAMED_FIRST = "一二两三四五六七八九十百千万"
_NAMED = re.compile(
    rf"[{_NAMED_FIRST}](?:"
    r"(?<=[一二三四五六七八九十])[一二三四五六七八九十]*届(?:[一二三四五六七八九十]+[次中]"
    r"|(?=人大|全会|全委|委员会|代表大会|党代会|职代会|工代会|执委|常委|理事会|政协))"
    r"|(?<=[两三四五八])[个项](?:确立|维护|全面|意识|自信|代表|必由之路|务必|规定|注意|绝不|着力)"
    r"|(?<=十)[一二三四五六七八九]五(?:规划|时期|期间)?"
    rf"|(?<![{_CN}].)[^\W\d_{_CN}至到余多几点]"
    r"[一二两三四五六七八九十百千万](?!分)"
    rf"[^\W\d_{_CN}](?![{_CN}])"
    r")"
)
_TRAILING_BIG = tuple(BIG_UNITS)


def _clean(d: Decimal) -> Decimal:
    """76100.00 → 76100; 91.40 → 91.4 (same value, plain digits)."""
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


@dataclass(slots=True)
class _Quantity:
    end: int
    value: Decimal
    approx: bool
    step: Decimal | None
    scaled: bool  # a scale word follows the digits (万, 亿, 千, …)
    chinese: str  # the Chinese numeral run, "" for Arabic
    half_ge: bool = False  # 一个半小时: the 个半 is read, the time unit follows at ``end + 2``


def _skip_spaces(norm: str, pos: int) -> int:
    """``pos`` moved past spaces and tabs (web text: 近 800 万)."""
    return _SPACE.match(norm, pos).end() if norm[pos:pos + 1] in _SPACE_CHARS else pos


_ONE, _HALF = Decimal(1), Decimal("0.5")


def _read_quantity(norm: str, m: re.Match) -> _Quantity | None:
    """The number at ``m`` with its scale words and 余/多, or None when it is not a numeral."""
    pos = m.end()
    _pct, _vague, ar, cn, half = m.groups()
    if ar is not None:
        number = base = parse_arabic(ar)
        scale, chinese, ends_with_scale = _ONE, "", False
        p = _SPACE.match(norm, pos).end() if norm[pos:pos + 1] in _SPACE_CHARS else pos
        if norm[p:p + 1] in _SCALE_FIRST:
            unit_here = _UNIT.match(norm, p)
            s = _SCALE.match(norm, p)
            if s and not (unit_here and len(unit_here.group()) > len(s.group())):
                scale, pos, ends_with_scale = SCALES[s.group()], s.end(), True
        tail = _MIXED_TAIL.match(norm, pos) if ends_with_scale and scale >= 10**4 else None
        if tail:
            tail_number = parse_arabic(tail.group(1))
            tail_scale = SCALES[tail.group(2)] if tail.group(2) else _ONE
            tail_value = tail_number * tail_scale
            places = len(str(int(scale))) - 1
            digits = tail.group(1)
            if not digits.isdigit():
                digits = "".join(c for c in digits if c.isdigit() or c == ".")
            fills = len(digits) == places and "." not in digits
            if tail_value < scale and (tail.group(2) or fills):
                # NOTE: the tail is one number with the head: 3万5千 = 35000; a 余 after it steps at
                # the tail's place (3万5千余 → one 千); a bare tail must fill the places (1萬2000).
                number, scale = number * scale + tail_value, _ONE
                if tail.group(2):
                    number, scale = number / tail_scale, tail_scale
                    base = tail_number
                else:
                    base, ends_with_scale = number, False
                pos = tail.end()
    elif half is not None:
        number = base = _HALF
        scale, chinese, ends_with_scale = _ONE, "", False
    else:
        chinese = cn
        number = parse_chinese(chinese)
        scale = _ONE
        ends_with_scale = chinese.endswith(_TRAILING_BIG)
        head = chinese.rstrip("万亿")
        if ends_with_scale:
            scale = number / (parse_chinese(head) if head and not any(b in head for b in BIG_UNITS)
                              else Decimal(1)) if head else number
            base = number / scale
        else:
            base = number
    value = number * scale if ar is not None and scale is not _ONE else number
    if half is None and norm.startswith("个半", pos) and _HALF_AFTER_GE.match(norm, pos):
        return _Quantity(pos, _clean(value + _HALF), False, None, ends_with_scale, chinese, True)
    p = _SPACE.match(norm, pos).end() if norm[pos:pos + 1] in _SPACE_CHARS else pos  # 130 多万
    if norm[p:p + 1] not in _APPROX:
        return _Quantity(pos, _clean(value), False, None, ends_with_scale, chinese)
    pos = p + 1
    after = _SCALE_AFTER.match(norm, pos)
    if after:
        pos = after.end()
    value, step, ends_with_scale = _more_than(value, scale, base, ends_with_scale, after and after.group())
    return _Quantity(pos, _clean(value), True, step, ends_with_scale, chinese)


def _more_than(value: Decimal, scale: Decimal, base: Decimal, ends_with_scale: bool,
               after: str | None) -> tuple[Decimal, Decimal, bool]:
    """A number with 余/多 after it and ``after``, a scale word after that or None: its value, the
    step that 余/多 adds less than, and whether a scale word ends it."""
    if after:
        return value * SCALES[after], last_digit_place(value) * SCALES[after], True
    if ends_with_scale:
        # NOTE: 余 after the scale (22万余人) adds less than one of that scale: the step is one
        # 万, or one of the last decimal place for 2.5万余.
        return value, scale * min(Decimal(1), last_digit_place(base)), True
    return value, last_digit_place(value), False


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


_PRE_BY_LAST: dict[str, list[str]] = {}
for _w in _PRE:
    _PRE_BY_LAST.setdefault(_w[-1], []).append(_w)
# The characters right before a number after which _qualifier_before may find a word (besides a
# 约 up to four characters back).
_CURRENCIES_BEFORE = sorted(CURRENCIES, key=len, reverse=True)
_CURRENCY_LAST = frozenset(c[-1] for c in CURRENCIES)
_QUALIFIER_NEAR = frozenset(_SPACES) | frozenset(LINKS) | frozenset(_PRE_BY_LAST) | _CURRENCY_LAST


def _qualifier_before(norm: str, start: int) -> tuple[int, str, str] | None:
    """``(position, word, qualifier)`` of a qualifier word right before ``start`` (spaces between)."""
    p = start
    while p > 0 and norm[p - 1] in _SPACES:
        p -= 1
    if p and norm[p - 1] in _CURRENCY_LAST:
        # NOTE: a currency named before the number (约为港币48万元, 超过新台币1億元) stands between
        # the qualifier and the number like a linking verb: the qualifier still holds.
        for cur in _CURRENCIES_BEFORE:
            if norm.startswith(cur, p - len(cur)):
                p -= len(cur)
                while p > 0 and norm[p - 1] in _SPACES:
                    p -= 1
                break
    if p > 1 and norm[p - 1] in LINKS and norm[p - 2] in _PRE_BY_LAST:
        p -= 1
    if p == 0:
        return None
    for word in _PRE_BY_LAST.get(norm[p - 1], ()):
        q = p - len(word)
        if q >= 0 and norm.startswith(word, q):
            if len(word) == 1 and q > 0 and (norm[q - 1] in BLOCKED_BEFORE.get(word, "") or (
                    word == "约" and _is_han(norm[q - 1]) and ends_word(norm, q))):
                return None  # 签约5家, 團體協約5家: the end of a word, not a qualifier
            if word == "约" and norm[q + 1:q + 2] in NOT_AFTER_YUE and norm[q + 1:q + 2]:
                return None
            return q, word, PRE_QUALIFIERS[word]
    # 约投入40万元: 约 before a verb of one or two Han characters (and 了) that stands before the number.
    if norm.find("约", max(0, p - 4), p - 1) == -1:
        return None
    for gap in (1, 2, 3):
        q = p - gap - 1
        if q < 0 or norm[q] != "约" or (gap == 3 and norm[p - 1] != "了"):
            continue
        verb = norm[q + 1:p - 1 if gap == 3 else p]
        if not all(_is_han(c) and c not in CHINESE_NUMERAL_CHARS for c in verb) or verb[0] in NOT_AFTER_YUE:
            continue
        if q > 0 and norm[q - 1] != "大" and _is_han(norm[q - 1]) and ends_word(norm, q):
            return None
        word = "大约" if q > 0 and norm[q - 1] == "大" else "约"
        q -= len(word) - 1
        assert word in GAP_QUALIFIERS
        return q, word, PRE_QUALIFIERS[word]
    return None


def _unit_at(norm: str, pos: int, arabic: bool = True) -> tuple[str, int]:
    """The measure word at ``pos`` (with a rate such as /人/月), or ``("", pos)``."""
    u = _MEASURE.match(norm, pos)
    if not u:
        return "", pos
    unit, end = u.group(), u.end()
    if unit == "分" and not arabic:
        return "", pos  # NOTE: 分 as score points only after digits: 十分 is "very", 三分 an idiom
    if norm[end:end + 1] in _ALT_FIRST:
        alt = _ALT.match(norm, end)
        if alt and unit + alt.group(1) in _UNIT_SET:
            unit, end = unit + alt.group(1), alt.end()  # 人(次) → 人次: the longer reading
    if norm[end:end + 1] in _RATE_FIRST:
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


# NOTE: the release stores figures as DECIMAL(38, 6): 32 integer digits and 6 decimal places. A
# digit run longer than that is a code (an ID, an account number), not a quantity; a value stated
# with more than 6 decimal places (91.414213562373%) is precision the release cannot keep exactly,
# so it is not a figure rather than a silently rounded one.
MAX_INTEGER_DIGITS, MAX_DECIMAL_PLACES = 32, 6
_EXACT = Context(prec=80)


def _beyond_release(d: Decimal | None) -> bool:
    """Whether ``d`` (a value as ``_clean`` gives it: a whole number has exponent 0) has more
    integer digits or decimal places than the release keeps."""
    if d is None:
        return False
    if d.adjusted() >= MAX_INTEGER_DIGITS:  # the place of the first digit, whatever the exponent
        return True
    return d != d.to_integral_value() and d.as_tuple().exponent < -MAX_DECIMAL_PLACES


@lru_cache(maxsize=1024)
def _unit_and_kind(unit: str) -> tuple[str, str]:
    """The unit as published and the kind of figure it makes (the same few units recur)."""
    unit = canonical_unit(unit)
    return unit, kind_of(unit)


def _is_ordinal(norm: str, start: int) -> bool:
    return start > 0 and norm[start - 1] == "第"


def _name_mask(norm: str) -> bytearray:
    """1 at every character of a quoted name or an unquoted numeral name (十九届五中全会), else 0.

    Both are places where no figure stands; a figure's characters are tested with one ``find``.
    (An empty quotation, “”, marks nothing: no number or qualifier has a quotation mark inside.)
    """
    mask = bytearray(len(norm))
    for spans in (name_spans(norm), (x.span() for x in _NAMED.finditer(norm))):
        for a, b in spans:
            mask[a:b] = b"\x01" * (b - a)
    return mask


def _range_after(norm: str, m: re.Match, q: _Quantity) -> tuple[Decimal, _Quantity] | None:
    """A range that ``q`` opens (3至5万元, 80%—90%): its lower end and its upper quantity, or None."""
    pos = q.end
    r = _RANGE.match(norm, pos)
    pct_first = False
    if r is None and norm.startswith("%", pos):
        # 80%—90%: a range of percentages, each end with its sign.
        r, pct_first = _RANGE.match(norm, pos + 1), True
    if not r or r.end() >= len(norm):
        return None
    m2 = _NUMBER.match(norm, r.end())
    same_kind = m2 and ((m2.group("ar") is not None and m.group("ar") is not None)
                        or (m2.group("cn") is not None and m.group("cn") is not None))
    if not same_kind:
        return None
    try:
        q2 = _read_quantity(norm, m2)
    except NumeralError:
        q2 = None
    if pct_first and (q2 is None or not norm.startswith("%", q2.end)):
        q2 = None
    if q2 is None or q.approx or q2.approx:
        return None
    low = q.value
    if not q.scaled and q2.scaled:
        # 3至5万元: the first end shares the second's scale.
        low = _clean(q.value * (q2.value / parse_arabic(m2.group("ar")))) \
            if m2.group("ar") else _clean(q.value * (q2.value / max(
                parse_chinese(m2.group("cn").rstrip("万亿") or "一"), Decimal(1))))
    if low < q2.value:
        return low, _Quantity(q2.end, q2.value, False, None, q2.scaled, q2.chinese)
    return None


# The commonest figure in one pattern: Arabic digits, a scale word or none, a measure word right
# after (3200万元, 15个, 1.2万人次), and after it nothing that only the full grammar reads.
# - A measure word that begins with a scale word (3千米) is for the full grammar; a scale word is
#   taken whole (possessive: never a shorter one, never dropped), and so is a measure word (atomic:
#   台币 is never read as 台 to get past what follows it).
# - 余/多 may follow the digits or the scale, with 万, 亿 or 万亿 after it (100余家, 30多万人).
# - Right after the digits or the scale, a range sign, %, 成 or a space is for the full grammar.
# - After the measure word: an alternative in brackets, a rate (/人), 余/多 (1个多月, 3年多), a half
#   (一个半小时, 两年半), a qualifier after the figure (以上, 左右, 3天内, 3天之内) and a range sign
#   (1个月至3个月) are for the full grammar.
_SCALED_UNITS = [u for u in _UNITS if any(u.startswith(w) and len(u) > len(w) for w in SCALES)]
_PLAIN_NOT_AFTER = (_ALT_FIRST | _RATE_FIRST | _APPROX | {"半", "之"} | _POST_FIRST
                    | frozenset(POST_AFTER_DURATION) | _RANGE_FIRST)
_PLAIN = re.compile(
    r"(?!{})(?:(?P<scale>{}))?+(?:(?P<more>[{}])(?P<after>{})?+)?+(?![{}])(?P<unit>(?>{}))(?![{}])".format(
        "|".join(map(re.escape, _SCALED_UNITS)), _SCALE.pattern, APPROX_MORE, _SCALE_AFTER.pattern,
        re.escape("".join(sorted(_RANGE_FIRST | {"%", "成"}))), _MEASURE.pattern,
        re.escape("".join(sorted(_PLAIN_NOT_AFTER)))))


def _plain_reading(norm: str, ar: str, mend: int) -> tuple | None:
    """What ``_full_reading`` says of the commonest figures, read with one regex match, or None
    when the figure at ``mend`` (the end of the Arabic digits ``ar``) has any other form."""
    pm = _PLAIN.match(norm, mend)
    if pm is None:
        return None
    scale_word, more, after, unit = pm.groups()
    value = base = parse_arabic(ar)
    scale = _ONE if scale_word is None else SCALES[scale_word]
    if scale_word is not None:
        value = value * scale
    if more is None:
        if "." in ar:
            value = _clean(value)  # whole digits make a whole number already: exponent 0, as _clean gives
        q = _Quantity(pm.start("unit"), value, False, None, scale_word is not None, "")
    else:
        value, step, scaled = _more_than(value, scale, base, scale_word is not None, after)
        q = _Quantity(pm.start("unit"), _clean(value), True, step, scaled, "")
    return q, unit, pm.end(), None, False, None


def _full_reading(norm: str, m: re.Match) -> tuple | None:
    """What the number at ``m`` says, by the whole grammar: ``(quantity, unit, end, lower end of a
    range, halved, post-qualifier)``, or None when it says nothing (see ``_plain_reading``)."""
    pct_text, vague, ar, _cn, half = m.groups()
    mend = m.end()
    lower_range = None
    halved = False
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
        q = _Quantity(mend, None, False, None, True, vague)  # type: ignore[arg-type]
        unit, end = _unit_at(norm, _skip_spaces(norm, mend))
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
        c = norm[pos:pos + 1]
        if c in _RANGE_FIRST or c == "%":
            ranged = _range_after(norm, m, q)
            if ranged:
                lower_range, q = ranged
                pos = q.end
        p = _skip_spaces(norm, pos)
        cheng = _CHENG.match(norm, pos) if norm.startswith("成", pos) and (
            lower_range is not None or not q.approx) else None
        if cheng and q.chinese == "一" and norm.startswith("不变", cheng.end()):
            cheng = None  # 一成不变, the idiom
        if q.half_ge:
            h = _HALF_AFTER_GE.match(norm, q.end)
            unit, end = ("个月" if h.group(1) == "月" else h.group(1)), h.end()
            halved = True
        elif cheng:
            # NOTE: 成 is tenths of the whole, given as a percentage: 九成 → 90 %, 四成半 → 45 %.
            end, bonus = cheng.end(), Decimal(0)
            if norm.startswith("半", end):
                end, bonus = end + 1, Decimal(5)
            q = _Quantity(q.end, _clean(q.value * 10 + bonus), q.approx,
                          q.step * 10 if q.step is not None else None, q.scaled, q.chinese)
            if lower_range is not None:
                lower_range = _clean(lower_range * 10)
            unit, halved = "%", bonus != 0
        elif norm.startswith("%", p):
            unit, end = "%", p + 1
        else:
            unit, end = _unit_at(norm, p, ar is not None)
            if not unit:
                end = pos
                if norm.startswith(DAY, p) and _day_length(norm, m.start(), p, q.value):
                    unit, end = DAY, p + 1
            more = _MORE_TIME.match(norm, end) if unit == "个" and not q.approx else None
            if more:
                # 1个多月, 两个多小时: 多 between 个 and a time unit adds less than one of it.
                unit, end = ("个月" if more.group(1) == "月" else more.group(1)), more.end()
                q = _Quantity(q.end, q.value, True, last_digit_place(q.value), q.scaled, q.chinese)
            elif (unit in _DURATION and not q.approx and lower_range is None
                  and norm[end:end + 1] in _APPROX):
                # 3年多, 两年多来: 多 after a time unit, the same "a little more than".
                end += 1
                q = _Quantity(q.end, q.value, True, last_digit_place(q.value), q.scaled, q.chinese)
            elif (unit in _DURATION and not q.approx and lower_range is None and half is None
                  and norm.startswith("半", end)):
                # 两年半, 一天半: a half after a time unit.
                end += 1
                q = _Quantity(q.end, _clean(q.value + Decimal("0.5")), False, None, q.scaled, q.chinese)
                halved = True
            elif unit and lower_range is None and not q.approx and norm[end:end + 1] in _RANGE_FIRST:
                ranged = _unit_range_after(norm, m, q, unit, end)
                if ranged:
                    lower_range, q, end = ranged

    post = None
    c = norm[end:end + 1]
    pm = _POST.match(norm, end) if c in _POST_FIRST else None
    if pm and (pm.group() != "上下" or pm.end() >= len(norm) or not norm[pm.end()].isalnum()):
        post, end = POST_QUALIFIERS[pm.group()], pm.end()
    elif (unit in _DURATION and c in POST_AFTER_DURATION
          and norm[end + 1:end + 2] not in ("容", "部", "地", "涵", "外", "在")):
        post, end = POST_AFTER_DURATION[norm[end]], end + 1  # 3天内: at most three days
    elif unit in _DURATION and norm.startswith("之内", end):
        post, end = "at_most", end + 2  # 3天之内, 30日之内: the same bound as 3天内
    return q, unit, end, lower_range, halved, post


# NOTE: N日 is a date (4月28日, 本月15日, 15日召开) unless the words around it make it a length of
# days, as Hong Kong, Macau and Taiwan texts and common mainland phrases write it (30日内办结,
# 由70日延长至90日): a length word follows (日内, 以内, 之内, 以上, 以下), a verb of extent or of
# comparison frames it (为期, 连续, 历时, 共, 累计, 长达, 增至, 延长至, a qualifier such as 不超过; 由 or
# 从 shortly before and a verb of change after: 由目前的14日增加至…), or the number is above 31,
# which no day of a month is. A number right after 月, 日, 号 or another date part is always a date.
_DAY_AFTER = ("内", "以内", "之内", "以上", "以下")
_CHANGE = r"(?:增加|延长|缩短|减少|提高|调整|增|延|缩|减)(?:至|到|为)"
# A two-character verb of change right before the number states a difference of days (再增加3日,
# 延长5日): the day of a month follows a preposition (于3日, 至15日), not such a verb.
_DAY_BEFORE = re.compile(
    rf"(?:为期|连续|历时|共计|合计|累计|共|长达|多达|{_CHANGE}|增加|延长|缩短|减少)[ \t]*$")
_DAY_CHANGE = re.compile(rf"[^，。；,;：:\n]{{0,8}}?{_CHANGE}")
_FROM = re.compile(r"[由从][^，。；,;：:\n]{0,4}$")
_DATE_BEFORE = frozenset("月日号年-/.") | frozenset("0123456789")
_DAYS_IN_MONTH = 31


def _day_length(norm: str, start: int, day: int, value: Decimal) -> bool:
    """Whether 日 at ``day``, after the number that begins at ``start`` (worth ``value``),
    counts days (a duration) rather than naming a day of the month (see the NOTE above)."""
    j = start
    while j > 0 and norm[j - 1] in _SPACES:
        j -= 1
    if j and norm[j - 1] in _DATE_BEFORE:
        return False  # 4月28日, 本月15日
    if norm.startswith(_DAY_AFTER, day + 1) or value > _DAYS_IN_MONTH:
        return True
    if _DAY_BEFORE.search(norm, max(0, j - 6), j):
        return True
    if _FROM.search(norm, max(0, j - 6), j) and _DAY_CHANGE.match(norm, day + 1):
        return True  # 由（目前的）14日增加至17日
    return _qualifier_before(norm, start) is not None


def _unit_range_after(norm: str, m: re.Match, q: _Quantity, unit: str,
                      end: int) -> tuple[Decimal, _Quantity, int] | None:
    """A range written with the unit on both ends (1个月至3个月, 1500元至2300元): its lower end,
    the upper quantity and the end of the second unit; None unless both units are the same."""
    r = _RANGE.match(norm, end)
    if not r or r.end() >= len(norm):
        return None
    m2 = _NUMBER.match(norm, r.end())
    if not m2 or (m2.group("ar") is None) != (m.group("ar") is None) or (
            m2.group("ar") is None and m2.group("cn") is None):
        return None
    try:
        q2 = _read_quantity(norm, m2)
    except NumeralError:
        return None
    if q2 is None or q2.approx or q2.half_ge or not q.value < q2.value:
        return None
    p = _skip_spaces(norm, q2.end)
    if unit == DAY:
        end2 = p + 1 if norm.startswith(DAY, p) else -1
    else:
        unit2, end2 = _unit_at(norm, p, m2.group("ar") is not None)
        end2 = end2 if unit2 == unit else -1
    if end2 == -1:
        return None
    return q.value, _Quantity(q2.end, q2.value, False, None, q2.scaled, q2.chinese), end2


# After 年, what could still turn a four-digit year into something else (2023年半, a rate unit).
_YEAR_GOES_ON = frozenset("半") | _ALT_FIRST | _RATE_FIRST


def _plainly_date_or_year(norm: str, ar: str, end: int, pre: tuple | None) -> bool:
    """The two commonest exclusions (see "what is not a figure" in ``_figure``), decided before
    the full grammar: Arabic digits right before 月, 日 or 号 that begin no measure word (4月,
    28日; not 100日元), and an unqualified year 1000–2999 right before 年 (2017年)."""
    c = norm[end:end + 1]
    if c in _DATE:
        return _MEASURE.match(norm, end) is None and not (
            c == DAY and _day_length(norm, end - len(ar), end, parse_arabic(ar)))
    if c != "年" or pre or len(ar) != 4 or not ar.isdigit() or not "1000" <= ar <= "2999":
        return False
    u = _MEASURE.match(norm, end)
    return (u is None or u.group() == "年") and norm[end + 1:end + 2] not in _YEAR_GOES_ON


def _figure(text: str, norm: str, m: re.Match, names: bytearray) -> Figure | None:
    """The figure whose number ``m`` matched, or None when the number makes no figure.

    Stages: where the number stands (names, ordinals, codes, a qualifier before it), what it says
    (quantity, range, 成, unit, qualifier after it), what is not a figure, and the bounds.
    """
    start, mend = m.span()
    if names.find(1, start, mend) != -1 or (start and norm[start - 1] == "第"):
        return None  # in a name; an ordinal (第3届)
    pct_text, vague, ar, cn, half = m.groups()
    before = norm[start - 1] if start else ""
    if ar is not None and before and before.isascii() and (before.isalpha() or before in ".+"):
        return None  # part of a code or model name: G20, V2.0, 1+6
    # Most numbers have no qualifier word before them: no look unless one may end right there.
    pre = _qualifier_before(norm, start) if before in _QUALIFIER_NEAR or (
        start > 1 and norm.find("约", max(0, start - 4), start - 1) != -1) else None
    if pre and (_is_ordinal(norm, pre[0]) or names.find(1, pre[0], start) != -1):
        pre = None

    if ar is not None and norm[mend:mend + 1] in _DATE_OR_YEAR and _plainly_date_or_year(norm, ar, mend, pre):
        return None
    if ar is not None and before in _SPACE_CHARS:
        j = start
        while j > 0 and norm[j - 1] in _SPACES:
            j -= 1
        if j > 0 and (norm[j - 1].isdigit() or norm[j - 1] == "."):
            return None  # NOTE: the tail of a number split by a space: 1 234人 is not 234 people

    reading = _plain_reading(norm, ar, mend) if ar is not None else None
    if reading is None:
        reading = _full_reading(norm, m)
        if reading is None:
            return None
    q, unit, end, lower_range, halved, post = reading

    # --- what is not a figure -------------------------------------------------------------
    if vague is None and pct_text is None:
        if not unit and norm[q.end:q.end + 1] in _DATE:
            return None
        if unit == "年" and lower_range is not None and len(ar or "") == 4 and not q.scaled:
            return None  # 2023-2024年: a span of years
        if unit == "年" and norm[max(0, start - 2):start] == "民国":
            return None  # 民国113年: a year of the Republic of China
        if (unit == "年" and ar is not None and 2 <= len(ar) <= 3 and not q.scaled and not q.approx
                and not pre and not post and 60 <= q.value <= 150):
            if lower_range is not None and 60 <= lower_range:
                return None  # 108至110年: a span of Republic-of-China years
            if lower_range is None and (_ROC_AFTER.match(norm, end) or before in _ROC_BEFORE):
                return None  # 95年修正, 自112年起
        if unit == "分" and before in "点时:：":
            return None  # 8点30分: a time of day
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
        elif cn is not None:
            cn = q.chinese
            if not unit and not (q.scaled and (pre or q.approx)):
                return None  # a Chinese numeral needs a measure word (三类) or must be qualified (超千万)
            if not (pre or q.approx or post or halved or unit == "%") and (
                    cn == "一" or (all(c in "百千万亿" for c in cn))):
                return None  # 一批, 一线 (the article "a"); 百年, 千家万户
            if len(cn) == 1 and not pre and (
                    (start >= 2 and norm[start - 2] in _CN and norm[start - 1] not in _CN)
                    or (end < len(norm) and norm[end] in CHINESE_NUMERAL_CHARS)):
                return None  # 三番五次, 三年五载

    # --- qualifier and bounds -------------------------------------------------------------
    first = pre[0] if pre else start
    if pre and not unit and norm[start - 1:start] in _CURRENCY_LAST | _SPACE_CHARS:
        # 超过新台币1亿: the currency named before the number is its unit when none follows.
        unit = next((c for c in _CURRENCIES_BEFORE if c in norm[first:start]), "")
    if lower_range is not None:
        qualifier, lower, upper = "about", lower_range, q.value
        value = lower_range
    else:
        value = q.value
        if pre:
            qualifier = pre[2]
            if pre[1] == "近" and unit in _DURATION:
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
    if _beyond_release(value) or (lower is not value and _beyond_release(lower)) or (
            upper is not value and upper is not lower and _beyond_release(upper)):
        return None
    unit, kind = _unit_and_kind(unit)
    return Figure(first, end, text[first:end], value, unit, qualifier, lower, upper, kind)


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order; offsets index ``text`` as given. Never raises on text."""
    if not text:
        return []
    with localcontext(_EXACT):
        return _extract(text)


def _extract(text: str) -> list[Figure]:
    norm = fold(text)
    names = _name_mask(norm)
    figures: list[Figure] = []
    pos = 0
    n = len(norm)
    skip, number_match = _SKIP.match, _NUMBER.match
    while True:
        # NOTE: a Chinese numeral with no scale word needs a measure word, 成, 半, 余/多 or a range
        # right after it (see the exclusions in _figure): the scan passes over it when none follows.
        pos = skip(norm, pos).end()
        if pos >= n:
            break
        m = number_match(norm, pos)
        if m is None:  # cannot happen: the scan stops only where a number matches
            pos += 1
            continue
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


# NOTE: a figure row carries its sentence for reading, not the whole text: a "sentence" longer
# than SENTENCE_MAX characters (a run-on text with no full stop) is cut to the figure's clause,
# and a clause longer than that to a window of SENTENCE_MAX characters around the figure, so the
# size of a figures table grows with the number of figures, never with their square.
SENTENCE_MAX = 300
_CLAUSE_END = "，；,;：:"


def _last_of(text: str, marks: str, a: int, b: int) -> int:
    """Index of the last character of ``marks`` in ``text[a:b]``, or -1."""
    return max(text.rfind(c, a, b) for c in marks)


def _first_of(text: str, marks: str, a: int, b: int) -> int:
    """Index of the first character of ``marks`` in ``text[a:b]``, or -1."""
    found = [i for i in (text.find(c, a, b) for c in marks) if i != -1]
    return min(found) if found else -1


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, with its closing punctuation;
    at most ``SENTENCE_MAX`` characters around the figure (see the NOTE above). Time and memory
    per call are bounded by ``SENTENCE_MAX``, whatever the length of the text."""
    lo, hi = max(0, start - SENTENCE_MAX), min(len(text), end + SENTENCE_MAX)
    a = _last_of(text, _SENTENCE_END, lo, start)
    a = a + 1 if a != -1 else (0 if lo == 0 else -1)
    b = _first_of(text, _SENTENCE_END, end, hi)
    if b == -1 and hi == len(text):
        b = len(text)
    if a != -1 and b != -1:
        if b < len(text) and text[b] != "\n":
            b += 1
            while b < len(text) and text[b] in _CLOSERS:
                b += 1
        if b - a <= SENTENCE_MAX:
            return text[a:b].strip()
    # Too long: the clause that holds the figure, then a window around it.
    ca = _last_of(text, _SENTENCE_END + _CLAUSE_END, lo, start)
    ca = ca + 1 if ca != -1 else lo
    cb = _first_of(text, _SENTENCE_END + _CLAUSE_END, end, hi)
    cb = cb + 1 if cb != -1 else hi
    if cb - ca > SENTENCE_MAX:
        room = max(0, SENTENCE_MAX - (end - start)) // 2
        ca, cb = max(ca, start - room), min(cb, end + room)
    return text[ca:cb].strip()
