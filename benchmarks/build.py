"""Benchmark of the whole build on a synthetic corpus: full build, no-op rebuild, one bulletin added.

  python benchmarks/build.py [--n 1000] [--seed 0] [--keep DIR]

N synthetic bulletins are made (in a temporary folder) from the repository's raw bulletins by
permuting their cases: each keeps the seed's preface and a shuffled order of its case blocks (body,
union line and title, as printed), so every one parses like a real bulletin but has its own bytes.
Each build runs as ``acftu build`` in a child process; the figures are its wall time and the peak
resident memory of the build (the largest process of the build, from ``getrusage``).

Targets on this 2-core machine for N = 1,000: full build ≤ 40 s, no-op rebuild ≤ 3 s, one added
bulletin ≤ 5 s plus publishing, peak memory ≤ 600 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pipeline.geo import is_union_name
from pipeline.sources import discover_bulletin_ids, load_snapshot
from pipeline.text import segment_bulletin

RAW = Path(__file__).resolve().parents[1] / "raw"
TARGETS = {"full": 40.0, "noop": 3.0, "added": 5.0, "peak_mb": 600.0}
# The steps that write, compare, validate and publish a release (the "publishing" of the targets).
RELEASE_STEPS = ("release_plan", "duckdb_database", "csv_release")


def case_blocks(raw_dir: Path, bulletin_id: str) -> tuple[list[str], list[list[str]]]:
    """A bulletin's raw lines split into its preface and one block of lines per case."""
    snap = load_snapshot(raw_dir, bulletin_id)
    seg = segment_bulletin(snap.text, is_union_line=is_union_name, path=snap.source_file)
    lines = snap.text.splitlines(keepends=True)
    starts = [c.first_line - 1 for c in seg.cases] + [len(lines)]
    return lines[:starts[0]], [lines[a:b] for a, b in zip(starts, starts[1:], strict=False)]


def write_bulletin(raw_dir: Path, bulletin_id: str, text: str, date: str) -> None:
    folder = raw_dir / bulletin_id
    folder.mkdir(parents=True)
    data = text.encode("utf-8")
    (folder / "bulletin.txt").write_bytes(data)
    meta = {"bulletin_id": bulletin_id, "title": f"合成简报 {bulletin_id}", "publisher": "中华全国总工会",
            "event_date": date, "source": "synthetic: the seed bulletin's cases permuted",
            "retrieved": date, "file": "bulletin.txt", "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "bulletin.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")


def make_corpus(raw_dir: Path, n: int, seed: int = 0, start: int = 0) -> list[str]:
    """Write ``n`` synthetic bulletins into ``raw_dir`` (ids synthetic-00000 …); returns their ids."""
    rng = random.Random(seed * 1_000_003 + start)
    sources = [case_blocks(RAW, bid) for bid in discover_bulletin_ids(RAW)]
    ids = []
    for i in range(start, start + n):
        preface, blocks = sources[i % len(sources)]
        order = list(range(len(blocks)))
        while True:
            rng.shuffle(order)
            if order != sorted(order) or len(order) < 2:
                break
        bid = f"synthetic-{i:05d}"
        text = "".join(preface) + "".join(line for k in order for line in blocks[k])
        write_bulletin(raw_dir, bid, text, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
        ids.append(bid)
    return ids


def timed_build(raw: Path, out: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and the summary line of one ``acftu build`` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "pipeline.cli", "build", "--raw", str(raw), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    lines = [s for s in proc.stdout.splitlines() if s.strip()]
    # ru_maxrss is the largest child so far (KiB on Linux): a later, smaller build reports the earlier peak.
    return seconds, max(before, peak) / 1024, " | ".join(lines)


def publishing_seconds(out: Path) -> float:
    """Seconds the last build's run spent on the release steps (from the output folder's instance)."""
    from pipeline.instance import open_instance

    with open_instance(out) as instance:
        run = instance.get_runs(limit=1)[0]
        return sum(s.end_time - s.start_time for s in instance.get_run_step_stats(run.run_id)
                   if s.step_key in RELEASE_STEPS and s.end_time and s.start_time)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="synthetic bulletins (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", help="build in this folder and keep it (default: a temporary folder)")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="acftu-bench-"))
    try:
        raw, out = work / "raw", work / "out"
        make_corpus(raw, args.n, args.seed)
        size = sum(p.stat().st_size for p in raw.rglob("bulletin.txt"))
        print(f"corpus: {args.n} bulletins, {size / 1e6:.1f} MB", flush=True)
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        full, peak_full, say = timed_build(raw, out)
        print(f"full build      {full:6.1f} s   (target ≤ {TARGETS['full']:.0f} s)   {say}", flush=True)
        noop, _, say = timed_build(raw, out)
        print(f"no-op rebuild   {noop:6.1f} s   (target ≤ {TARGETS['noop']:.0f} s)   {say}", flush=True)
        make_corpus(raw, 1, args.seed, start=args.n)
        added, peak, say = timed_build(raw, out)
        print(f"one added       {added:6.1f} s   (target ≤ {TARGETS['added']:.0f} s + publishing)   {say}",
              flush=True)
        publishing = publishing_seconds(out)
        print(f"  of which the release (write, compare, validate, database, publish) {publishing:.1f} s, "
              f"the rest {added - publishing:.1f} s")
        print(f"peak memory     {peak:6.0f} MB  (target ≤ {TARGETS['peak_mb']:.0f} MB; "
              f"full build {peak_full:.0f} MB)")
        print(f"load average    {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end "
              f"({os.cpu_count()} cores; {load} at the start)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
