"""Every gold figure of the bulletin, found by the extractor on the gold texts, field for field."""

from decimal import Decimal

import pytest

from pipeline.figures import extract_figures
from tests.conftest import read_gold_cases, read_gold_figures, read_gold_preface

FIELDS = ("value", "unit", "qualifier", "lower", "upper", "kind")


def _sections():
    texts = {0: read_gold_preface()}
    texts.update({int(c["seq"]): c["body"] for c in read_gold_cases()})
    return texts


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != v.to_integral_value() else str(int(v))
    return str(v)


@pytest.mark.parametrize("seq", sorted(_sections()))
def test_section_matches_gold(seq):
    text = _sections()[seq]
    gold = [g for g in read_gold_figures() if int(g["seq"]) == seq]
    found = {(f.start, f.end): f for f in extract_figures(text)}
    required = {(int(g["start"]), int(g["end"])): g for g in gold if g["required"] == "1"}
    optional = [(int(g["start"]), int(g["end"])) for g in gold if g["required"] != "1"]

    missed = [g["mention"] for span, g in required.items() if span not in found]
    spurious = [f.mention for span, f in found.items() if span not in required
                and not any(a < span[1] and span[0] < b for a, b in optional)]
    wrong = {}
    for span, g in required.items():
        if span in found:
            for field in FIELDS:
                got = _cell(getattr(found[span], field))
                if got != g[field]:
                    wrong[(g["mention"], field)] = (got, g[field])
    assert missed == []
    assert spurious == []
    assert wrong == {}
