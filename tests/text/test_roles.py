"""pipeline/text/roles.py: the text outside quotations."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.roles import CLOSERS, OPENERS, outside_quotes


def _outside_by_character(s: str) -> str:
    """The rule read one character at a time: a closing mark with no opening one before it in the
    line means the line starts inside a quotation, which ends there."""
    depth, unmatched = 0, -1
    for i, ch in enumerate(s):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth:
                depth -= 1
            else:
                unmatched = i
    out, depth = [], 0
    for ch in s[unmatched + 1:]:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


@pytest.mark.parametrize("line, outside", [
    ("聚焦“进得来、留得住”，干得好", "聚焦，干得好"),
    ("留得住、干得好”工程，全面推进", "工程，全面推进"),  # wrapped inside a quotation
    ("《工会法》（修订）实施", "实施"),
    ("“一地“六园”N点”新时代", "新时代"),
    ("没有引号的一行", "没有引号的一行"),
    ("开了“没有关上", "开了"),
])
def test_outside_quotes(line: str, outside: str) -> None:
    assert outside_quotes(line) == outside


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(OPENERS + CLOSERS) + list("工会，、ab 1")), max_size=40))
def test_outside_quotes_is_the_character_rule(s: str) -> None:
    assert outside_quotes(s) == _outside_by_character(s)
