"""End to end on a text written for the tests in the style of Hong Kong, Macau and Taiwan union
reports (Traditional script), against figures labelled by hand: every field, no extra figure."""

import csv
from pathlib import Path

from pipeline.figures import extract_figures
from tests.figures.test_gold import _cell

HERE = Path(__file__).parent / "texts"
FIELDS = ("mention", "value", "unit", "qualifier", "lower", "upper", "kind")


def test_traditional_union_reports_match_the_hand_labels():
    text = (HERE / "traditional_union_reports.txt").read_text(encoding="utf-8")
    with open(HERE / "traditional_union_reports.gold.csv", encoding="utf-8", newline="") as f:
        gold = {(int(r["start"]), int(r["end"])): r for r in csv.DictReader(f)}
    found = {(f.start, f.end): f for f in extract_figures(text)}
    assert sorted(found) == sorted(gold)
    wrong = {(g["mention"], k): (_cell(getattr(found[span], k)), g[k])
             for span, g in gold.items() for k in FIELDS if _cell(getattr(found[span], k)) != g[k]}
    assert wrong == {}
