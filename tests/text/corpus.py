"""Layout variants of real bulletins, built by the tests themselves.

The seed bulletin is cut into its printed blocks (preface, running header, and per case the body
lines, the union line and the title lines) by matching the gold labels, never by the code under
test. The blocks are then put together again in another case order, in another layout (print or
web order), with or without blank lines, and with page furniture inserted.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

PRINT = "print"
WEB_TITLE_UNION_BODY = "web-title-union-body"
WEB_TITLE_BODY_UNION = "web-title-body-union"
ORDERS = (PRINT, WEB_TITLE_UNION_BODY, WEB_TITLE_BODY_UNION)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@dataclass
class Block:
    """One case as printed: its body lines, its union line and its title lines (raw text)."""

    body: list[str]
    union: str
    title: list[str]
    duplicate: bool = False
    gold: dict = field(default_factory=dict)

    def lines(self, order: str) -> list[str]:
        footer = [self.union, *self.title]
        if order == PRINT:
            return [*self.body, *footer, *(footer if self.duplicate else [])]
        if order == WEB_TITLE_UNION_BODY:
            return [*self.title, self.union, *self.body]
        return [*self.title, *self.body, self.union]


@dataclass
class Seed:
    preface: list[str]   # the preface lines and the running header after them
    blocks: list[Block]


def cut_seed(raw_text: str, gold_cases: list[dict]) -> Seed:
    """The seed's printed blocks, found by the gold union names and titles."""
    lines = [x.rstrip() for x in raw_text.split("\n") if x.strip()]
    blocks, pos, preface = [], 0, None
    for gold in gold_cases:
        u = next(i for i in range(pos, len(lines)) if lines[i].strip() == gold["union_name"])
        t, title = u + 1, ""
        while squash(title) != squash(gold["title"]):
            title += lines[t]
            t += 1
        body = lines[pos:u]
        if preface is None:  # the preface ends with the doubled running header
            h = next(i for i, x in enumerate(body) if len(x) > 8 and x[: len(x) // 2] == x[len(x) // 2:])
            preface, body = body[: h + 1], body[h + 1:]
        footer = lines[u:t]
        duplicate = lines[t:t + len(footer)] == footer
        blocks.append(Block(body, lines[u], lines[u + 1:t], duplicate, gold))
        pos = t + (len(footer) if duplicate else 0)
    assert pos == len(lines)
    return Seed(preface, blocks)


def assemble(seed: Seed, order: list[int] | None = None, layout: str = PRINT, blank: bool = True,
             preface: bool = True) -> str:
    """A bulletin of the seed's cases in ``order`` and ``layout``, one blank line between lines or none."""
    order = list(range(len(seed.blocks))) if order is None else order
    out = list(seed.preface) if preface else []
    for k in order:
        out += seed.blocks[k].lines(layout)
    return ("\n\n" if blank else "\n").join(out) + "\n"


def furniture_line(style: int, page: int) -> str:
    """A page number or a running head or footer of the kinds newspapers print: ``style`` picks
    the paper, date and shape, so one style gives one bulletin's head with only the page changing."""
    rng = random.Random(style)
    y, m, d = rng.randint(2015, 2030), rng.randint(1, 12), rng.randint(1, 28)
    weekday = "星期" + rng.choice("一二三四五六日")
    paper = rng.choice(["工人日报", "中国工人报", "劳动时报", "职工周刊", "工运晚报"])
    section = rng.choice(["要闻", "综合新闻", "工会新闻", "理论"])
    return rng.choice([
        f"{page}",
        f"- {page} -",
        f"第{page}版",
        f"{y}年{m}月{d}日 {weekday} {paper} {page}版",
        f"{paper} {y}年{m}月{d}日 {weekday}",
        f"{y}年{m}月{d}日 {weekday}",
        f"{section} {page}",
        f"{y}.{m:02d}.{d:02d} {paper} 第{page}版 {section}",
        f"第{page}版：{section}",
    ])
