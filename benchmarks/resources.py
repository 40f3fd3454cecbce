"""Resource benchmark: peak memory and time of ``acftu figures`` and ``acftu build`` by input size.

  python benchmarks/resources.py [--sizes 1 4 16] [--skip-build]

For each size (MB of UTF-8 text) the repository's bulletin is repeated until the text is that large:
for ``acftu figures`` as one file, for ``acftu build`` as one bulletin folder (the repeated bulletin is
still a valid bulletin: every case ends with its union's footer). Each command runs in a fresh
process; its peak resident memory comes from ``wait4`` and its wall time from the clock. The ratios
to the smallest size say whether memory and time grow linearly (ratio ≈ size ratio).

NOTE: raw files and ``acftu figures`` input are limited to 64 MiB, so 100 MB is refused by design;
the largest useful size is 60.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BID = "acftu-innovation-cases-2024-04-26"
MB = 1_000_000


def _text(size_mb: float) -> bytes:
    one = (REPO / "raw" / BID / "bulletin.txt").read_bytes().rstrip(b"\n") + b"\n\n"
    return one * max(1, round(size_mb * MB / len(one)))


def _run(cmd: list[str], stdout) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak resident MB of one command in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.stderr.write(proc.stderr.read().decode()[-500:])
    return proc.returncode, elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def bench_figures(size_mb: float, tmp: Path) -> tuple[int, float, float]:
    path = tmp / f"figures-{size_mb}.txt"
    path.write_bytes(_text(size_mb))
    return _run([sys.executable, "-m", "pipeline.cli", "figures", str(path)], subprocess.DEVNULL)


def bench_build(size_mb: float, tmp: Path) -> tuple[int, float, float]:
    raw = tmp / f"raw-{size_mb}"
    folder = raw / BID
    folder.mkdir(parents=True)
    data = _text(size_mb)
    (folder / "bulletin.txt").write_bytes(data)
    meta = yaml.safe_load((REPO / "raw" / BID / "bulletin.yaml").read_text(encoding="utf-8"))
    meta.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    meta["event_date"] = str(meta["event_date"])
    meta["retrieved"] = str(meta["retrieved"])
    (folder / "bulletin.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return _run([sys.executable, "-m", "pipeline.cli", "build", "--raw", str(raw), "--out",
                 str(tmp / f"out-{size_mb}")], subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16])
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    benches = [("figures", bench_figures)] + ([] if args.skip_build else [("build", bench_build)])
    with tempfile.TemporaryDirectory(prefix="acftu-bench-") as tmp:
        for name, bench in benches:
            base = None
            print(f"acftu {name}:  size MB   exit   seconds   peak MB   time ratio   memory ratio")
            for size in args.sizes:
                code, seconds, peak = bench(size, Path(tmp))
                base = base or (size, seconds, peak)
                print(f"{'':15}{size:7g} {code:6d} {seconds:9.1f} {peak:9.0f} "
                      f"{seconds / base[1]:10.1f}x {peak / base[2]:12.1f}x   (size {size / base[0]:g}x)",
                      flush=True)


if __name__ == "__main__":
    main()
