"""Layout variants of the seed built through the table builders, as `acftu build` does: each gives
exactly the cases and figures rows of the plain layout, and records its layout."""

from __future__ import annotations

import hashlib
import random

import pytest
import yaml

from pipeline.sources import load_snapshot
from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin
from tests.conftest import BULLETIN_ID, RAW
from tests.text.corpus import ORDERS, assemble, cut_seed, furniture_line


def _build(tmp_path, text: str):
    folder = tmp_path / "raw" / BULLETIN_ID
    folder.mkdir(parents=True)
    data = text.encode("utf-8")
    meta = yaml.safe_load((RAW / BULLETIN_ID / "bulletin.yaml").read_text(encoding="utf-8"))
    meta.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    (folder / "bulletin.txt").write_bytes(data)
    (folder / "bulletin.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    parsed = parse_bulletin(load_snapshot(tmp_path / "raw", BULLETIN_ID))
    b, c = bulletins_frame(parsed), cases_frame(parsed)
    return b, c, figures_frame(b, c)


def _noisy(text: str, rng: random.Random) -> str:
    """Full-width digits, invisible characters and page furniture, as extraction leaves them."""
    text = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() and rng.random() < 0.5 else ch for ch in text)
    text = "".join(ch + "\u200b" if ch.isdigit() and rng.random() < 0.1 else ch for ch in text)
    lines = text.split("\n")
    style = rng.randrange(1000)
    for page in range(2, 7):
        lines.insert(rng.randrange(len(lines)), furniture_line(style, page))
    return "\n".join(lines)


@pytest.mark.parametrize("layout", ORDERS)
@pytest.mark.parametrize("blank", [True, False], ids=["spaced", "dense"])
@pytest.mark.parametrize("noise", [False, True], ids=["clean", "noisy"])
def test_variant_builds_to_the_rows_of_the_plain_layout(tmp_path, frames, raw_text, gold_cases, layout, blank,
                                                        noise):
    text = assemble(cut_seed(raw_text, gold_cases), layout=layout, blank=blank)
    if noise:
        text = _noisy(text, random.Random(f"{layout}{blank}"))
    b, c, f = _build(tmp_path, text)
    plain_b, plain_c, plain_f = frames
    assert b.loc[0, "layout"] == layout + ("" if blank else "-dense")
    assert plain_b.loc[0, "layout"] == "print"
    assert b.loc[0, "preface"] == plain_b.loc[0, "preface"]
    assert c.equals(plain_c)
    assert f.equals(plain_f)
