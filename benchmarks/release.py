"""Benchmark of the release steps alone, in one process, on a folder kept by ``benchmarks/build.py``.

  python benchmarks/release.py KEEP [--bulletins N] [--previous VERSION] [--repeat 1]

Loads the tables of the first N bulletins of ``KEEP/raw`` from ``KEEP/out``'s parse cache (as the
``tables`` asset does), then times ``write_tables``, ``plan_release``, ``finish_release`` and
``validate_release`` into a fresh folder under ``KEEP/measure``, as the build does, the page
reuse given the published release ``KEEP/out/releases/VERSION`` as the latest one. Prints seconds
(wall, CPU of this process and of the child processes it waited for), this process's peak RSS
during each step (VmHWM, reset before the step) and the largest child process so far
(``getrusage(RUSAGE_CHILDREN)``; a spawned child counts the RSS of this process when it started),
and the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

from pipeline import incremental
from pipeline.metadata.tables import TABLES
from pipeline.sources import discover_bulletin_ids
from pipeline.tables.combine import combine_table, join_parts


def load_frames(raw: Path, out: Path, n: int | None) -> dict:
    ids = sorted(discover_bulletin_ids(raw))[:n]
    parts = {t: [] for t in TABLES}
    for k, bid in enumerate(ids, start=1):
        frames = incremental.load_cached(out, incremental.bulletin_key(raw, bid))
        if frames is None:
            raise SystemExit(f"{bid}: not in the cache of {out}")
        for t in TABLES:
            parts[t].append(frames[t])
        if k % 100 == 0:
            parts = {t: [join_parts(p)] for t, p in parts.items()}
    return {t: combine_table(t, parts[t]) for t in TABLES}


def _hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_hwm() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def step(label: str, fn, *args, **kwargs):
    _reset_hwm()
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    result = fn(*args, **kwargs)
    wall, cpu, kids = time.perf_counter() - t0, time.process_time() - c0, _children_cpu() - k0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{label:18s} {wall:6.2f} s wall {cpu:6.2f} s CPU (+{kids:5.2f} s in child processes)   "
          f"peak RSS {_hwm_mb():5.0f} MB (largest child so far {children:4.0f} MB)", flush=True)
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("keep")
    ap.add_argument("--bulletins", type=int, help="only the first N bulletins")
    ap.add_argument("--previous", help="the release (e.g. v1.0.0) taken as the latest one")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    from pipeline.release.package import finish_release, validate_release, write_tables
    from pipeline.release.version import DatasetVersion
    from pipeline.release.versioning import latest_release, plan_release

    keep = Path(args.keep)
    raw, out = keep / "raw", keep / "out"
    t0 = time.perf_counter()
    frames = load_frames(raw, out, args.bulletins)
    print(f"tables loaded in {time.perf_counter() - t0:.1f} s: "
          + ", ".join(f"{t} {len(f):,}" for t, f in frames.items()) + f"; RSS {_hwm_mb():.0f} MB", flush=True)
    work = keep / "measure"
    for r in range(args.repeat):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        if args.previous:  # an output folder whose latest release is the one named
            (work / "releases").mkdir()
            os.symlink((out / "releases" / args.previous).resolve(), work / "releases" / args.previous)
            (work / "releases" / "latest").write_text(args.previous + "\n", encoding="utf-8")
        candidate = work / "candidate"
        print(f"round {r + 1}, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        tables = step("write_tables", write_tables, candidate, frames)
        plan = step("plan_release", plan_release, work, candidate)
        version = DatasetVersion(plan.version or "9.9.9", "2026-12-02")
        kwargs = {}
        if args.previous and "previous" in finish_release.__code__.co_varnames:
            kwargs["previous"] = latest_release(work)
        descriptor = step("finish_release", finish_release, candidate, frames, tables, version,
                          validate_tables=True, **kwargs)
        step("validate_release", validate_release, descriptor, tables_validated=True)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
