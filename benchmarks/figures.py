"""Benchmark of the figure extractor: characters per second on one core, against one regex pass,
and how time and memory grow with the size of the input.

  python benchmarks/figures.py [--chars N] [--repeat R] [--ladder 10000,50000,200000]

1. Throughput. The text is the repository's raw bulletin (its layout repaired, as the pipeline sees
   it), repeated until it holds at least N characters (default 1,200,000: more than 1 MB of UTF-8).
   In the same run, one ``re.finditer(r"\\d+")`` pass over the same text is timed, and the ratio of
   the two is printed. Targets: at least 5,000,000 characters per second and within 15x of the
   regex pass. The machine's load changes both figures; the ratio is the steadier one. Each is
   given twice: by the wall clock and by this process's CPU time (``time.process_time``), which
   other processes on a shared machine disturb less.
   ``--sparse`` also times the same corpus with numbers rare: the numerals of nine lines in ten
   removed (what most text looks like), to show that time goes where the numbers are.
2. Scaling. One sentence of figures (``职工人数达到1万人，``) repeated K times (a run-on text with
   no full stop: the worst case for a figure's sentence) goes through extraction and through
   ``sentence_at`` for every figure, as the figures table does; time and peak memory per
   character should stay flat as K grows (linear in the input).
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from pathlib import Path

from pipeline.figures import extract_figures, sentence_at
from pipeline.geo import is_union_name
from pipeline.sources import discover_bulletin_ids, load_snapshot
from pipeline.text import segment_bulletin

RAW = Path(__file__).resolve().parents[1] / "raw"
RUN_ON = "职工人数达到1万人，"


def corpus(min_chars: int) -> str:
    texts = []
    for bid in discover_bulletin_ids(RAW):
        snap = load_snapshot(RAW, bid)
        seg = segment_bulletin(snap.text, is_union_line=is_union_name, path=snap.source_file)
        texts += [seg.preface, *(c.body for c in seg.cases)]
    unit = "\n".join(texts)
    return (unit + "\n") * (min_chars // (len(unit) + 1) + 1)


_NUMERALS = re.compile("[0-9零〇一二两三四五六七八九十百千万亿几数半]")


def sparse(text: str, keep_every: int = 10) -> str:
    """``text`` with the numerals of all lines but one in ``keep_every`` removed."""
    lines = text.split("\n")
    return "\n".join(line if k % keep_every == 0 else _NUMERALS.sub("", line) for k, line in enumerate(lines))


def timed(fn) -> tuple[float, float, object]:
    """Wall-clock seconds, CPU seconds and the result of one call of ``fn``."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def best_of(repeat: int, fn) -> tuple[float, object]:
    """The shortest wall-clock time of ``repeat`` calls, and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        wall, _cpu, result = timed(fn)
        best = min(best, wall)
    return best, result


def throughput(text: str, repeat: int, label: str) -> None:
    """Time the extractor and one regex pass over ``text`` (interleaved, best of ``repeat``) and
    print both, by the wall clock and by CPU time."""
    digits = re.compile(r"\d+")
    fig, reg = [float("inf")] * 2, [float("inf")] * 2
    figures = runs = 0
    for _ in range(repeat):
        wall, cpu, figures = timed(lambda: len(extract_figures(text)))
        fig = [min(fig[0], wall), min(fig[1], cpu)]
        wall, cpu, runs = timed(lambda: sum(1 for _ in digits.finditer(text)))
        reg = [min(reg[0], wall), min(reg[1], cpu)]
    print(f"{label}: {len(text):,} characters, {len(text.encode('utf-8')):,} bytes UTF-8; "
          f"{figures:,} figures, {runs:,} digit runs (best of {repeat})")
    for name, k in (("wall clock", 0), ("CPU time  ", 1)):
        print(f"  {name}: extractor {len(text) / fig[k]:>12,.0f} chars/s, re.finditer \\d+ "
              f"{len(text) / reg[k]:>12,.0f} chars/s, ratio {fig[k] / reg[k]:.1f}x")


def rows_of(text: str) -> list[tuple]:
    """What the figures table keeps per figure: the figure and its sentence."""
    return [(f, sentence_at(text, f.start, f.end)) for f in extract_figures(text)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_200_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sparse", action="store_true", help="also time the corpus with numbers rare")
    ap.add_argument("--ladder", default="10000,50000,200000",
                    help="repetitions of the run-on sentence for the scaling check ('' skips it)")
    args = ap.parse_args()

    text = corpus(args.chars)
    extract_figures(text[:10_000])  # warm caches (OpenCC, compiled patterns)
    print("target: the extractor at least 5,000,000 chars/s and within 15x of the regex pass")
    throughput(text, args.repeat, "bulletin corpus")
    if args.sparse:
        throughput(sparse(text), args.repeat, "sparse corpus (numerals of 9 lines in 10 removed)")
    tracemalloc.start()
    extract_figures(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory while extracting the bulletin corpus: {peak / 2**20:.1f} MiB (tracemalloc)")

    ladder = [int(k) for k in args.ladder.split(",") if k.strip()]
    if ladder:
        print(f"\nscaling: {RUN_ON!r} repeated K times, extraction + sentence_at for every figure")
        head = ("K", "MB", "figures", "seconds", "µs/char", "peak MiB", "B/char")
        print(" ".join(f"{h:>{w}}" for h, w in zip(head, (9, 7, 9, 8, 8, 9, 7), strict=True)))
        for k in ladder:
            run_on = RUN_ON * k
            t, rows = best_of(1, lambda run_on=run_on: rows_of(run_on))
            n_rows = len(rows)
            del rows
            tracemalloc.start()
            rows = rows_of(run_on)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            del rows
            mb = len(run_on.encode("utf-8")) / 1e6
            print(f"{k:>9,} {mb:>7.2f} {n_rows:>9,} {t:>8.2f} {t / len(run_on) * 1e6:>8.3f} "
                  f"{peak / 2**20:>9.1f} {peak / len(run_on):>7.0f}")


if __name__ == "__main__":
    main()
