"""A bulletin writer for tests: renders known cases as a two-column bulletin would print them.

Paragraphs are wrapped at a column width in cells with a two-character indent on their first
line, spaces are put around digit runs as extractors do, blank lines separate printed lines, a
running header is printed doubled, and each case's union and title follow its body (print order)
or stand before it (web order).
"""

from __future__ import annotations

import random
import re

from pipeline.text import display_width
from tests.text.corpus import PRINT, Block

_OPEN = "“‘「『《（"
_NO_LINE_START = "，。、；：！？”’」』》）%"


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")


def _space_digit_runs(text: str, rng: random.Random) -> str:
    """Extractors often put spaces between digit runs and CJK text; the repair must remove them."""
    def spaced(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        left = " " if before and _CJK.match(before) and rng.random() < 0.5 else ""
        right = " " if after and _CJK.match(after) and rng.random() < 0.5 else ""
        return f"{left}{m.group()}{right}"
    return re.sub(r"[0-9][0-9.]*", spaced, text)


def wrap_paragraph(text: str, width: int, rng: random.Random) -> list[str]:
    """Printed lines of one justified paragraph: the first indented by two characters, breaks
    anywhere (inside words and numbers), closing punctuation never starting a line."""
    chars = _space_digit_runs(text, rng)
    lines, current, cells, limit = [], "", 0, width - 4
    for i, ch in enumerate(chars):
        w = display_width(ch) if ch != " " else 1  # the gap typesetters leave around digits
        prev, nxt = chars[i - 1] if i else "", chars[i + 1] if i + 1 < len(chars) else ""
        author_space = ch == " " and bool(_CJK.match(prev)) and bool(_CJK.match(nxt))
        if current and cells + w > limit and ch not in _NO_LINE_START and current[-1] not in _OPEN \
                and not author_space and current[-1] != " ":
            lines.append(current.rstrip())
            current, cells, limit = "", 0, width
            if ch == " ":
                continue
        current += ch
        cells += w
    if current:
        lines.append(current)
    return lines


def title_lines(title: str, width: int | None = None) -> list[str]:
    """A title is printed on two lines when it has two phrases set apart by a space; with a
    ``width``, each phrase wider than the column wraps at the column's edge (anywhere kinsoku
    allows, inside words too), as print-to-text and web extraction give a title set in the
    body's column."""
    depth, cut = 0, None
    for i, ch in enumerate(title):
        depth += ch in "“《" and 1 or 0
        depth -= ch in "”》" and 1 or 0
        if ch == " " and depth == 0:
            cut = i
    phrases = [title] if cut is None else [title[:cut], title[cut + 1:]]
    if width is None:
        return phrases
    return [line for phrase in phrases for line in _wrap_title(phrase, width)]


def _wrap_title(phrase: str, width: int) -> list[str]:
    lines, current, cells = [], "", 0
    for ch in phrase:
        w = display_width(ch) if ch != " " else 1
        if current and cells + w > width and ch not in _NO_LINE_START and current[-1] not in _OPEN \
                and ch != " ":
            lines.append(current.rstrip())
            current, cells = "", 0
        current += ch
        cells += w
    if current:
        lines.append(current)
    return lines


def render_blocks(cases: list[dict], width: int, rng: random.Random, wrap_titles: bool = False) -> list[Block]:
    """Each case's printed body lines (wrapped at ``width`` cells), union line and title lines
    (wrapped at the column too when ``wrap_titles``)."""
    blocks = []
    for case in cases:
        body = [line for para in case["body"].split("\n") for line in wrap_paragraph(para, width, rng)]
        title = title_lines(case["title"], width if wrap_titles else None)
        blocks.append(Block(body, case["union_name"], title, gold=case))
    return blocks


def render_bulletin(preface: str, cases: list[dict], width: int, seed: int = 0,
                    header: str = "工会创新案例汇编选登", double_footer: int | None = None,
                    layout: str = PRINT, wrap_titles: bool = False) -> str:
    """A bulletin of ``cases`` in ``layout`` (print or web order, tests/text/corpus.py), its lines
    wrapped at ``width`` cells and set apart by blank lines; ``double_footer`` (print order) prints
    that case's union and title twice; ``wrap_titles`` sets the titles in the column too."""
    rng = random.Random(seed)
    out: list[str] = []
    for para in preface.split("\n"):
        out += wrap_paragraph(para, width, rng)
    out.append(header * 2)
    for k, block in enumerate(render_blocks(cases, width, rng, wrap_titles)):
        block.duplicate = double_footer == k
        out += block.lines(layout)
    return "\n\n".join(out) + "\n"
