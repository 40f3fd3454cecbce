"""The number grammar: Arabic numerals (``7.61``, ``1,200``) and Chinese numerals (``三千二百``,
``两万``, ``一亿零五百万``), read into exact ``Decimal`` values.

Nothing here knows about units or qualifiers; see ``extract.py`` for the figure grammar.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


class NumeralError(ValueError):
    """Text that is not a well-formed numeral."""


@lru_cache(maxsize=4096)
def parse_arabic(text: str) -> Decimal:
    """``7.61`` → 7.61, ``1,200`` → 1200, ``12，000`` → 12000 (ASCII digits; fold full-width digits
    first; a thousands separator is a comma or a thin space)."""
    cleaned = text.replace(",", "").replace("，", "").replace("\u2009", "")
    if not cleaned or not all(c.isdigit() or c == "." for c in cleaned) or cleaned.count(".") > 1 \
            or cleaned.startswith(".") or cleaned.endswith(".") or not cleaned.isascii():
        raise NumeralError(f"{text!r} is not an Arabic numeral")
    return Decimal(cleaned)


def _section(text: str) -> int:
    """A number below 10 000 written with 千, 百, 十 and digits (``三千零五``, ``十二``)."""
    total, digit, last_unit, pending_zero = 0, None, 10**4, False
    for c in text:
        if c in DIGITS:
            if digit is not None:
                raise NumeralError(f"two digits in a row in {text!r}")
            digit = DIGITS[c]
            if digit == 0:
                pending_zero, digit = True, None
        elif c in SMALL_UNITS:
            unit = SMALL_UNITS[c]
            if unit >= last_unit:
                raise NumeralError(f"{c} out of order in {text!r}")
            if digit is None:
                if unit != 10 or total or pending_zero:
                    # 十 alone may stand for 一十 (十二, 一百零十 is not written); 百, 千 need a digit
                    # except at the start (百余, 千万), which the caller reads as 一百, 一千.
                    if total or pending_zero or unit == 10:
                        raise NumeralError(f"{c} without a digit in {text!r}")
                digit = 1
            total += digit * unit
            digit, last_unit, pending_zero = None, unit, False
        else:
            raise NumeralError(f"{c!r} is not part of a Chinese numeral")
    if digit is not None:
        if pending_zero or last_unit == 10**4 or last_unit == 10:
            total += digit
        else:
            # 三千五 (= 3500): a trailing digit after a unit means one place below it.
            total += digit * (last_unit // 10)
    return total


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Decimal:
    """``三千二百万`` → 32000000, ``两期``'s ``两`` → 2, ``千万`` → 10000000, ``一亿零五百万``,
    ``三点五亿`` → 350000000 (a decimal point 点, digits after it read one by one)."""
    if "点" in text:
        whole, _, rest = text.partition("点")
        digits = rest.rstrip("万亿")
        if (not whole or not digits or any(c not in DIGITS for c in digits)
                or any(b in whole for b in BIG_UNITS)):
            raise NumeralError(f"{text!r} is not a Chinese decimal numeral")
        value = parse_chinese(whole) + Decimal("0." + "".join(str(DIGITS[c]) for c in digits))
        for c in rest[len(digits):]:
            value *= BIG_UNITS[c]
        return value
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        raise NumeralError(f"{text!r} is not a Chinese numeral")
    if len(text) > 1 and all(c in DIGITS for c in text):
        raise NumeralError(f"{text!r} is read digit by digit (a year or a code), not a quantity")
    total = 0
    rest = text
    for big, size in (("亿", 10**8), ("万", 10**4)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest:
                # 万万 is not written; 万亿 is handled by reading 亿 first.
                raise NumeralError(f"{big} twice in {text!r}")
            if head == "":
                head_value = 1
            else:
                head_value = int(parse_chinese(head)) if any(b in head for b in BIG_UNITS) else _section(head)
            total += head_value * size
    if rest:
        total += _section(rest)
    elif total == 0:
        raise NumeralError(f"{text!r} has no value")
    return Decimal(total)


def parse_number(text: str) -> Decimal:
    """Either kind of numeral, or mixed Arabic with a Chinese scale (``1.61万``, ``4.1亿``)."""
    text = text.strip()
    if not text:
        raise NumeralError("empty numeral")
    head = text.rstrip("".join(BIG_UNITS) + "".join(SMALL_UNITS))
    if head and (head[0].isdigit()):
        scale = Decimal(1)
        for c in text[len(head):]:
            scale *= BIG_UNITS.get(c) or SMALL_UNITS[c]
        return parse_arabic(head) * scale
    return parse_chinese(text)


def last_digit_place(value: Decimal) -> Decimal:
    """Place value of the last non-zero digit: 160 → 10, 2200 → 100, 7.61 → 0.01, 0 → 1."""
    if value == 0:
        return Decimal(1)
    sign, digits, exponent = value.normalize().as_tuple()
    return Decimal(1).scaleb(exponent)
