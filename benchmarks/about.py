"""How often ``describe`` agrees with hand labels: basis, per and measure.

    .venv/bin/python benchmarks/about.py [--show]

Two labelled sets: the seed bulletin's figures (tests/gold/seed_figures_about.csv, keyed by
section and offsets like tests/gold/seed_figures.csv) and sentences written for the tests, not
taken from any bulletin (tests/figures/about_sentences.csv, written before the rules; the rules
were then revised while looking at both sets), and a blind set written after the rules were
frozen and scored once (tests/figures/about_sentences_blind.csv). A measure counts as right when it
differs from the label by at most two characters (edit distance). ``--show`` lists every miss.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.figures import extract_figures  # noqa: E402
from pipeline.figures.about import describe  # noqa: E402


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def seed_cases() -> list[tuple[dict, str, object]]:
    """(label, text, figure) for every hand-labelled seed figure the extractor finds."""
    gold = ROOT / "tests" / "gold"
    texts = {0: (gold / "seed_preface.txt").read_text(encoding="utf-8").strip()}
    texts.update({int(c["seq"]): c["body"] for c in _read(gold / "seed_cases.csv")})
    found = {seq: {(f.start, f.end): f for f in extract_figures(t)} for seq, t in texts.items()}
    out = []
    for g in _read(gold / "seed_figures_about.csv"):
        f = found[int(g["seq"])].get((int(g["start"]), int(g["end"])))
        if f is not None:
            out.append((g, texts[int(g["seq"])], f))
    return out


def sentence_cases(name: str = "about_sentences.csv") -> list[tuple[dict, str, object]]:
    out = []
    for g in _read(ROOT / "tests" / "figures" / name):
        f = next((f for f in extract_figures(g["sentence"]) if f.mention == g["mention"]), None)
        if f is not None:
            out.append((g, g["sentence"], f))
    return out


_STOP = set("，,；;。！？：、（）()的了和及与等共为是有达在对从向把被将已")
_CJK = re.compile(r"[\u4e00-\u9fff“”]")


def character_measure(text: str, f) -> str:
    """The alternative without a segmenter: up to six Chinese characters next to the figure (after
    it when a character follows the unit, else before it), stopped at punctuation, digits and
    function characters. A duration looks only after itself, as in ``describe``."""
    after = []
    for ch in text[f.end:]:
        if ch in _STOP or not _CJK.match(ch) or len(after) == 6:
            break
        after.append(ch)
    if after or f.kind == "duration":
        return "".join(after)
    before = []
    for ch in reversed(text[:f.start]):
        if ch in _STOP or not _CJK.match(ch) or len(before) == 6:
            break
        before.insert(0, ch)
    return "".join(before)


def score(name: str, cases: list, labelled: int, show: bool) -> dict:
    n = len(cases)
    right = {"basis": 0, "per": 0, "measure": 0, "measure_exact": 0}
    for g, text, f in cases:
        a = describe(text, f)
        ok_b, ok_p = a.basis == g["basis"], a.per == g["per"]
        d = edit_distance(a.measure, g["measure"])
        right["basis"] += ok_b
        right["per"] += ok_p
        right["measure"] += d <= 2
        right["measure_exact"] += d == 0
        if show and not (ok_b and ok_p and d <= 2):
            print(f"  miss {f.mention!r}: got ({a.basis}, {a.per!r}, {a.measure!r}) "
                  f"want ({g['basis']}, {g['per']!r}, {g['measure']!r})")
    chars = sum(edit_distance(character_measure(text, f), g["measure"]) <= 2 for g, text, f in cases)
    print(f"{name}: {n} figures scored of {labelled} labelled")
    for k, v in right.items():
        print(f"  {k:14s} {v:4d}/{n} = {v / max(n, 1):6.1%}")
    print(f"  {'measure, character rules instead of jieba':14s} {chars:4d}/{n} = {chars / max(n, 1):6.1%}")
    return right


def main(argv: list[str]) -> int:
    show = "--show" in argv
    t0 = time.perf_counter()
    seed = seed_cases()
    score("seed bulletin (hand labels)", seed,
          len(_read(ROOT / "tests" / "gold" / "seed_figures_about.csv")), show)
    sents = sentence_cases()
    score("written sentences (not the seed)", sents,
          len(_read(ROOT / "tests" / "figures" / "about_sentences.csv")), show)
    blind = sentence_cases("about_sentences_blind.csv")
    score("blind sentences (written after the rules, never tuned on)", blind,
          len(_read(ROOT / "tests" / "figures" / "about_sentences_blind.csv")), show)
    n = len(seed) + len(sents) + len(blind)
    print(f"time: {time.perf_counter() - t0:.2f} s for {n} figures x 2 (jieba's dictionary load included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
