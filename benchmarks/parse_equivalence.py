"""Equivalence check for a change of the parser's speed: every row and every Parquet byte, saved
once and compared after the change (like ``benchmarks/figures_equivalence.py`` for the extractor).

  python benchmarks/parse_equivalence.py --save /tmp/parse_baseline.pkl    # before the change
  python benchmarks/parse_equivalence.py --check /tmp/parse_baseline.pkl   # after it

What is compared:
- ``parse_frames`` of N synthetic bulletins (the benchmark's: the repository's bulletins with their
  cases permuted, ``benchmarks/build.py``) and of bulletins printed from the blind test cases
  (``tests/text/blind_cases.py``) at several column widths, seeds and layouts: every frame with
  ``pd.testing.assert_frame_equal`` (values and dtypes), the bytes of each hive Parquet file, and
  the bytes of the release Parquet file of all the frames put together;
- ``describe_all`` (basis, per, measure) of every figure of the texts ``figures_equivalence``
  describes, of ``tests/figures/texts/*``, of the labelled sentences, of the blind case bodies and of
  4,000 of its writer's and fuzz sentences.

Run it with the old code and the new one, e.g. ``PYTHONPATH=<old tree> python <this file> --save``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]


def _bulletins(raw: Path, n: int) -> list[str]:
    from benchmarks.build import make_corpus, write_bulletin
    from tests.conftest import read_gold_preface
    from tests.text.blind_cases import BLIND_CASES
    from tests.text.corpus import ORDERS
    from tests.text.synth import render_bulletin

    ids = make_corpus(raw, n)
    preface = read_gold_preface()
    k = 0
    for width in (16, 24, 38, 60):
        for seed in range(3):
            for layout in ORDERS:
                bid = f"blind-{k:03d}"
                text = render_bulletin(preface, BLIND_CASES, width, seed=seed, layout=layout)
                write_bulletin(raw, bid, text, "2024-01-01")
                ids.append(bid)
                k += 1
    return ids


def _texts() -> list[str]:
    from benchmarks.figures_equivalence import texts
    from tests.text.blind_cases import BLIND_CASES

    out, fuzz = [], []
    for name, text, describe in texts():
        if describe:
            out.append(text)
        elif name.startswith(("writer-", "fuzz-")) and len(fuzz) < 4000:
            fuzz.append(text)  # odd sentences: the tagger's HMM meets unusual runs of characters
    out += fuzz
    folder = ROOT / "tests" / "figures" / "texts"
    out += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    for name in ("about_sentences.csv", "about_sentences_blind.csv"):
        with open(ROOT / "tests" / "figures" / name, encoding="utf-8", newline="") as f:
            out += [row["sentence"] for row in csv.DictReader(f)]
    out += [c["body"] for c in BLIND_CASES]
    return out


def run(n: int) -> dict:
    from pipeline.figures import extract_figures
    from pipeline.figures.about import describe_all
    from pipeline.parsing import parse_frames
    from pipeline.release.parquetfiles import arrow_table
    from pipeline.store.hive import partition_files
    from pipeline.text.errors import BulletinFormatError

    out: dict = {"frames": {}, "hive": {}, "release": {}, "about": []}
    cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        ids = _bulletins(raw, n)
        for bid in ids:
            t0 = time.process_time()
            try:
                frames = parse_frames(raw, bid)
            except BulletinFormatError as e:
                out["frames"][bid] = f"error: {e}"
                continue
            files = partition_files(frames)
            cpu += time.process_time() - t0
            out["frames"][bid] = frames
            out["hive"][bid] = {t: hashlib.sha256(b).hexdigest() for t, b in files.items()}
    parsed = [f for f in out["frames"].values() if isinstance(f, dict)]
    for table in ("bulletins", "cases", "figures"):
        whole = pd.concat([f[table] for f in parsed], ignore_index=True)
        buf = pa.BufferOutputStream()
        pq.write_table(arrow_table(table, whole), buf, compression="zstd", row_group_size=max(len(whole), 1))
        out["release"][table] = hashlib.sha256(buf.getvalue().to_pybytes()).hexdigest()
    for text in _texts():
        out["about"].append([(a.basis, a.per, a.measure) for a in describe_all(text, extract_figures(text))])
    print(f"{len(ids)} bulletins ({len(parsed)} parsed), {len(out['about'])} texts described; "
          f"parse + hive Parquet {1000 * cpu / len(parsed):.1f} ms CPU a bulletin", file=sys.stderr)
    return out


def check(old: dict, new: dict) -> list[str]:
    problems = []
    if old["frames"].keys() != new["frames"].keys():
        return ["not the same bulletins"]
    for bid, a in old["frames"].items():
        b = new["frames"][bid]
        if isinstance(a, str) or isinstance(b, str):
            if a != b:
                problems.append(f"{bid}: {a if isinstance(a, str) else 'rows'} vs "
                                f"{b if isinstance(b, str) else 'rows'}")
            continue
        for table in a:
            try:
                pd.testing.assert_frame_equal(a[table], b[table], check_exact=True)
            except AssertionError as e:
                problems.append(f"{bid} {table}: {str(e)[:300]}")
        if old["hive"][bid] != new["hive"][bid]:
            problems.append(f"{bid}: hive Parquet bytes differ")
    if old["release"] != new["release"]:
        problems.append(f"release Parquet bytes differ: {old['release']} vs {new['release']}")
    if len(old["about"]) != len(new["about"]):
        problems.append("not the same texts described")
    for i, (a, b) in enumerate(zip(old["about"], new["about"], strict=False)):
        if a != b:
            problems.append(f"text {i}: describe_all differs")
    return problems


def main() -> None:
    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="synthetic bulletins (default 300)")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    args = ap.parse_args()
    result = run(args.n)
    if args.save:
        args.save.write_bytes(pickle.dumps(result))
        print(f"saved {args.save}")
        return
    problems = check(pickle.loads(args.check.read_bytes()), result)
    for p in problems[:20]:
        print(p)
    print(f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
