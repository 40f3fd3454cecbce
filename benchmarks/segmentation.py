"""Benchmark of segmentation: the seed's 15 cases in N random orders and every layout.

  python benchmarks/segmentation.py [--orders N] [--seed S]

Each order of the seed's cases is put together from the seed's own printed blocks (cut by the gold
labels in tests/gold, see tests/text/corpus.py), in each layout (print, web title-union-body, web
title-body-union; with and without blank lines), segmented, and compared with the 15 gold cases
(union, title without spaces, body exactly). Prints the share right per layout and the speed.
Target: every order right in every layout (default N = 1,000).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.geo import is_union_name  # noqa: E402
from pipeline.text import BulletinFormatError, segment_bulletin  # noqa: E402
from tests.conftest import BULLETIN_ID, RAW, read_gold_cases  # noqa: E402
from tests.text.corpus import ORDERS, assemble, cut_seed, squash  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    gold = read_gold_cases()
    seed = cut_seed((RAW / BULLETIN_ID / "bulletin.txt").read_text(encoding="utf-8"), gold)
    expected = [(g["union_name"], squash(g["title"]), g["body"]) for g in gold]
    rng = random.Random(args.seed)
    orders = [rng.sample(range(len(gold)), len(gold)) for _ in range(args.orders)]
    all_right = True
    for layout in ORDERS:
        for blank in (True, False):
            right, errors, started = 0, 0, time.perf_counter()
            for order in orders:
                text = assemble(seed, order, layout=layout, blank=blank)
                try:
                    result = segment_bulletin(text, is_union_line=is_union_name, path="bulletin.txt")
                except BulletinFormatError:
                    errors += 1
                    continue
                got = [(c.union_name, squash(c.title), c.body) for c in result.cases]
                right += got == [expected[k] for k in order]
            took = time.perf_counter() - started
            all_right &= right == len(orders)
            name = layout + ("" if blank else "-dense")
            print(f"{name:28s} right {right:5d}/{len(orders)} ({right / len(orders):7.2%})  "
                  f"refused {errors:4d}  {len(orders) / took:6.1f} bulletins/s")
    print("all orders right in every layout:", "yes" if all_right else "NO")
    return 0 if all_right else 1


if __name__ == "__main__":
    raise SystemExit(main())
