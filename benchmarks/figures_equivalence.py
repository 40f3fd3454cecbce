"""Equivalence check for the figure extractor: its complete output on a fixed set of texts, saved
once and compared after a change that should alter speed and nothing else.

  python benchmarks/figures_equivalence.py --save /tmp/figures_baseline.json   # before the change
  python benchmarks/figures_equivalence.py --check /tmp/figures_baseline.json  # after it

The texts: the benchmark corpus (the repository's bulletins repeated, as ``benchmarks/figures.py``
times them) and each of its sections alone, every text under ``tests/figures/texts/``, every cell of
the CSVs under ``tests/`` and every string literal of the figure tests that holds a numeral, the
Chinese-numeral writer's renders in sentences, and seeded random text built from the grammar's own
vocabulary (dense, odd combinations of numbers, scales, units, qualifiers and punctuation; each
sentence alone and all of them as one text). For every figure: every field of ``Figure`` (Decimal
values as ``str``, so 1E+4 and 10000 differ), its ``sentence_at``, and, for the bulletin sections,
``describe`` (basis, per, measure) as the figures table uses them.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from pipeline.figures import extract_figures, sentence_at
from pipeline.figures.vocabulary import (
    COUNT_UNITS,
    DATE_UNITS,
    DURATION_UNITS,
    LINKS,
    NOT_UNITS,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    RATE_PARTS,
    SCALES,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.figures import RAW, corpus  # noqa: E402
from tests.figures.chinese_writer import (  # noqa: E402
    full_width,
    write_cheng,
    write_chinese,
    write_half,
    write_mixed,
)

_HAS_NUMERAL = set("0123456789０１２３４５６７８９零〇一二两兩三四五六七八九十百千万萬亿億几幾数數半")


def _bulletin_sections() -> list[str]:
    from pipeline.geo import is_union_name
    from pipeline.sources import discover_bulletin_ids, load_snapshot
    from pipeline.text import segment_bulletin

    texts = []
    for bid in discover_bulletin_ids(RAW):
        snap = load_snapshot(RAW, bid)
        seg = segment_bulletin(snap.text, is_union_line=is_union_name, path=snap.source_file)
        texts += [seg.preface, *(c.body for c in seg.cases)]
    return texts


def _csv_cells() -> list[str]:
    cells = []
    for path in sorted((ROOT / "tests").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                cells += [c for c in row if _HAS_NUMERAL.intersection(c)]
    return cells


def _test_literals() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "figures").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and _HAS_NUMERAL.intersection(node.value):
                out.append(node.value)
    return out


def _writer_sentences(rng: random.Random, n: int) -> list[str]:
    units = ["人", "名", "个", "万元", "元", "家", "项", "人次", "年", "天", "个月", "%", "余人", "多家"]
    pres = ["", "约", "近", "超过", "不少于", "累计", "共有", "全年"]
    out = []
    for _ in range(n):
        k = rng.randrange(6)
        if k == 0:
            num = write_chinese(rng.randrange(1, 10**rng.randrange(1, 13)), liang=rng.random() < 0.5)
        elif k == 1:
            num = write_mixed(rng.randrange(1, 100), rng.randrange(1, 10), tail_scale="千")
        elif k == 2:
            num = write_mixed(rng.randrange(1, 100), rng.randrange(1000, 10000), tail_scale="")
        elif k == 3:
            num = write_cheng(rng.randrange(1, 10), rng.random() < 0.5, arabic=rng.random() < 0.3)
        elif k == 4:
            num = write_half(rng.randrange(0, 5), rng.choice(["年", "天", "小时", "个月"]))
        else:
            num = full_width(f"{rng.randrange(1, 10**6)}.{rng.randrange(10)}%")
        unit = "" if k in (3, 4, 5) else rng.choice(units)
        out.append(f"{rng.choice(pres)}{num}{unit}{rng.choice(['', '以上', '左右', '以内'])}。")
    return out


def _fuzz_tokens(rng: random.Random) -> list[list[str]]:
    """Token pools, from the grammar's own vocabulary plus the words that trip it."""
    arabic = []
    for _ in range(300):
        v = rng.randrange(0, 10**rng.randrange(1, 9))
        s = str(v)
        r = rng.random()
        if r < 0.15:
            s = f"{v:,}"
        elif r < 0.2:
            s = f"{v:,}".replace(",", "，")
        elif r < 0.25:
            s = f"{v:,}".replace(",", rng.choice(["\u00a0", "\u2009", " "]))
        elif r < 0.45:
            s += "." + str(rng.randrange(0, 10**rng.randrange(1, 4)))
        elif r < 0.5:
            s = full_width(s)
        arabic.append(s)
    chinese = [write_chinese(rng.randrange(1, 10**rng.randrange(1, 10)), liang=rng.random() < 0.3)
               for _ in range(200)]
    chinese += list("一二两三四五六七八九十百千万亿零〇几数半")
    chinese += ("十几 几十 数百 数千 几万 十几万 三点五 两千 百分之 百分之三十 百分之五点五 一个半 三万五千 "
                "四成 九成半 七成").split()
    words = [*PRE_QUALIFIERS, *LINKS]
    words += ("约投入 约有 签约 最近 赶超 第 民国 每 每半年 上半年 一半 过半 大半年 一成不变 十九届五中全会 "
              "两个维护 十四五 三番五次 五位一体 一批 一线 百年 千家万户 十分 三分 约谈 G V 5G + "
              "修正 起 及 、 "
              "和 点 时 号 分别 分会 年级 年度 月 日 度").split()
    after = [*SCALES, "余", "多", *COUNT_UNITS, *DURATION_UNITS, *NOT_UNITS, *DATE_UNITS, *POST_QUALIFIERS]
    after += [*(f"/{p}" for p in RATE_PARTS), " / 人 / 月", " ", "\u3000"]
    after += "% ％ 成 成半 个半 人(次) 人（次） 内 至 到 — —— - ~ ～".split()
    traditional = ("萬 億 兩 個 項 餘 約 幾 達 會員 萬人 億元 個月 將近 至少 工會 職工 以內 台幣 港幣 澳門幣 "
                   "新台幣").split()
    filler = ("职工 工会 全省 开展 活动 服务 ， 。 ； ： “ ” 《 》 「 」 （ ） 的 了 共 累计 达到 增长 同比 "
              "人均 每年 标准").split() + ["\n"]
    return [arabic, chinese, words, after, traditional, filler]


def _fuzz_sentences(rng: random.Random, n: int) -> list[str]:
    pools = _fuzz_tokens(rng)
    weights = [5, 4, 3, 6, 1, 4]
    out = []
    for _ in range(n):
        toks = [rng.choice(rng.choices(pools, weights)[0]) for _ in range(rng.randrange(2, 14))]
        out.append("".join(toks))
    return out


def texts() -> Iterator[tuple[str, str, bool]]:
    """``(name, text, describe?)`` for every text of the check."""
    yield "benchmark-corpus", corpus(1_200_000), False
    for i, t in enumerate(_bulletin_sections()):
        yield f"bulletin-section-{i}", t, True
    for path in sorted((ROOT / "tests" / "figures" / "texts").glob("*.txt")):
        yield f"texts/{path.name}", path.read_text(encoding="utf-8"), True
    for i, t in enumerate(_csv_cells()):
        yield f"csv-{i}", t, False
    for i, t in enumerate(_test_literals()):
        yield f"literal-{i}", t, False
    writer = _writer_sentences(random.Random(9), 3000)
    yield "writer-all", "".join(writer), False
    for i, t in enumerate(writer[:1000]):
        yield f"writer-{i}", t, False
    fuzz = _fuzz_sentences(random.Random(2026), 40000)
    yield "fuzz-all", "".join(fuzz), False
    yield "fuzz-lines", "\n".join(fuzz), False
    for i, t in enumerate(fuzz[:20000]):
        yield f"fuzz-{i}", t, False


def _s(x: object) -> str | None:
    return None if x is None else str(x)


def output(name: str, text: str, with_about: bool) -> dict:
    rows = []
    figures = extract_figures(text)
    if with_about:
        from pipeline.figures.about import describe
    for f in figures:
        row = [f.start, f.end, f.mention, _s(f.value), f.unit, f.qualifier, _s(f.lower), _s(f.upper), f.kind,
               sentence_at(text, f.start, f.end)]
        if with_about:
            a = describe(text, f)
            row += [a.basis, a.per, a.measure]
        rows.append(row)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return {"name": name, "input": f"{digest}{'+about' if with_about else ''}", "figures": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--check", type=Path)
    args = ap.parse_args()
    results = [output(*t) for t in texts()]
    n_fig = sum(len(r["figures"]) for r in results)
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
        print(f"saved {len(results):,} texts, {n_fig:,} figures to {args.save}")
        return 0
    # Texts are matched by their content, so a test file added since the baseline adds texts
    # without shifting the others; texts the baseline does not hold are counted, not compared.
    base = {r["input"]: r for r in json.loads(args.check.read_text(encoding="utf-8"))}
    diffs = unmatched = 0
    for r in results:
        b = base.get(r["input"])
        if b is None:
            unmatched += 1
            continue
        old = {tuple(x[:2]): x for x in b["figures"]}
        new = {tuple(x[:2]): x for x in r["figures"]}
        for key in sorted(old.keys() | new.keys()):
            if old.get(key) != new.get(key):
                diffs += 1
                if diffs <= 40:
                    print(f"{r['name']} @ {key}:\n  baseline: {old.get(key)}\n  now:      {new.get(key)}")
    if unmatched:
        print(f"{unmatched} text(s) not in the baseline (save a baseline from the old code to compare them)")
    print(f"{len(results):,} texts, {n_fig:,} figures: {diffs} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
