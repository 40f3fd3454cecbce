"""Benchmark of the figure extractor: characters per second on one core, and peak memory.

  python benchmarks/figures.py [--chars N] [--repeat R]

The text is the repository's raw bulletin (its layout repaired, as the pipeline sees it), repeated
until it holds at least N characters (default 1,200,000: more than 1 MB of UTF-8). Target: at least
1,000,000 characters per second.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from pipeline.figures import extract_figures
from pipeline.geo import is_union_name
from pipeline.sources import discover_bulletin_ids, load_snapshot
from pipeline.text import segment_bulletin

RAW = Path(__file__).resolve().parents[1] / "raw"


def corpus(min_chars: int) -> str:
    texts = []
    for bid in discover_bulletin_ids(RAW):
        snap = load_snapshot(RAW, bid)
        seg = segment_bulletin(snap.text, is_union_line=is_union_name, path=snap.source_file)
        texts += [seg.preface, *(c.body for c in seg.cases)]
    unit = "\n".join(texts)
    return (unit + "\n") * (min_chars // (len(unit) + 1) + 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = corpus(args.chars)
    extract_figures(text[:10_000])  # warm caches (OpenCC, compiled patterns)
    best, figures = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        figures = len(extract_figures(text))
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    extract_figures(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"text: {len(text):,} characters, {len(text.encode('utf-8')):,} bytes UTF-8; {figures:,} figures")
    print(f"throughput: {len(text) / best:,.0f} characters per second (best of {args.repeat})")
    print(f"peak memory while extracting: {peak / 2**20:.1f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
