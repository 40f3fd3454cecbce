"""Canonical text: cleaning characters, joining wrapped lines and the spacing rules of the release
contract.

Layout line breaks are joined with nothing (this is Chinese text). A space between an ASCII
digit, letter, ``%`` or ``+`` and a CJK character or CJK punctuation is an extraction artifact and
is dropped; a space between two CJK characters is the author's and stays.

Before that, the characters print and web extraction add are cleaned: zero-width characters and
soft hyphens are removed, every other kind of space (no-break, ideographic, separators) counts as
a space, and full-width digits, Latin letters and ``％`` become ASCII.
"""

from __future__ import annotations

import re
import unicodedata

_ASCIIISH = r"0-9A-Za-z%+"
# CJK ideographs, CJK punctuation and full-width forms.
_CJK = (
    r"\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3400-\u4DBF\u4E00-\u9FFF"
    r"\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u2018-\u201F\u2026\u2014\u00B7"
)
_SPACES = r"[ \t\u00A0\u3000]+"
_ASCII_THEN_CJK = re.compile(rf"(?<=[{_ASCIIISH}]){_SPACES}(?=[{_CJK}])")
_CJK_THEN_ASCII = re.compile(rf"(?<=[{_CJK}]){_SPACES}(?=[{_ASCIIISH}])")
_RUNS = re.compile(r"[ \t\u00A0]{2,}")
_BEFORE_PERCENT = re.compile(r"(?<=[0-9])[ \t\u00A0]+(?=[%％‰])")

# NOTE: zero-width space, non-joiner, joiner, word joiner, BOM (zero-width no-break space) and the
# soft hyphen carry nothing in Chinese text; left in, they split a number (7.6\u200b1万人) in two.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# NOTE: full-width digits, Latin letters and the full-width percent sign become ASCII (the data
# model's second edition); full-width punctuation (，（）：) is Chinese punctuation and stays.
_FULL_WIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: ord("%"),
}

_TRANSLATED = re.compile("[" + "".join(map(chr, [*_INVISIBLE, *_FULL_WIDTH])) + "]")
# Any white space but the plain space and the line break (re's \s is str.isspace for str patterns).
_OTHER_SPACE = re.compile(r"[^\S \n]")


def clean_characters(s: str) -> str:
    """Remove invisible characters, make every space a plain space (an ideographic space, which
    marks an indent, stays a space), and turn full-width digits, letters and ``％`` into ASCII."""
    if _TRANSLATED.search(s):  # str.translate reads every character: only when there is work
        s = s.translate(_INVISIBLE).translate(_FULL_WIDTH)
    return _OTHER_SPACE.sub(" ", s)


def canonical_spaces(s: str) -> str:
    """Apply the release contract's cleaning and spacing rules to one paragraph (no newlines inside)."""
    s = clean_characters(unicodedata.normalize("NFC", s)).strip()
    if " " not in s:
        # Every rule below needs a space, and clean_characters left no white space but " " and "\n".
        return s
    s = _RUNS.sub(" ", s)
    s = _ASCII_THEN_CJK.sub("", s)
    s = _CJK_THEN_ASCII.sub("", s)
    # A percent sign belongs to its number: `91.4 %` is an extraction artifact of `91.4%`.
    s = _BEFORE_PERCENT.sub("", s)
    return s


def join_wrapped(parts: list[str]) -> str:
    """Join the printed lines of one paragraph: nothing between them, then canonical spacing."""
    return canonical_spaces("".join(p.strip() for p in parts))
