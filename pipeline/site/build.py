"""Writing the browser pages: ``site/index.html`` and ``site/cases/<case_id>.html``.

Every figure is highlighted in its case body by its offsets (``figures.start``/``end`` index
``cases.body``); a page whose offsets do not match the mention is refused, never shown wrong.
Which figure columns are shown follows the table: any of ``basis``, ``per``, ``measure`` present
is shown beside value, unit, qualifier and bounds.
"""

from __future__ import annotations

import hashlib
import math
import os
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from pipeline.release.csvfiles import format_cell
from pipeline.site.chart import province_chart

SITE_DIR = "site"
DETAIL_COLUMNS = ("value", "unit", "qualifier", "lower", "upper", "basis", "per", "measure", "kind")
NO_PROVINCE = "（全国 / national）"
# What a case page shows of its case's row (besides its figures and its bulletin's title).
CASE_FIELDS = ("case_id", "bulletin_id", "title", "union_name", "province", "prefecture", "union_level",
               "body")

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;
max-width:70em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
mark.figure{background:#fde68a;border-bottom:2px solid #d97706;cursor:help}
.body p{line-height:1.8}.layout{display:flex;gap:2em;align-items:flex-start}.body{flex:3}.side{flex:2}
"""

FILTER_JS = """
function applyFilter(){
  var p=document.getElementById('province').value, l=document.getElementById('level').value, n=0;
  document.querySelectorAll('#cases tbody tr').forEach(function(tr){
    var show=(!p||tr.dataset.province===p)&&(!l||tr.dataset.level===l);
    tr.hidden=!show; if(show){n++;}
  });
  document.getElementById('shown').textContent=n;
}
document.getElementById('province').addEventListener('change',applyFilter);
document.getElementById('level').addEventListener('change',applyFilter);
"""


class SiteError(ValueError):
    """A page cannot be drawn faithfully; the message names the figure."""


def _text(v: object) -> str:
    if type(v) is str:
        return v  # most cells: nothing to format
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return format_cell(v) if isinstance(v, Decimal) else str(format_cell(v))


def _page(title: str, body: str, script: str = "") -> str:
    js = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n{js}\n</body></html>\n")


def _province(v: object) -> str:
    return _text(v) or NO_PROVINCE


def _figure_detail(f: dict, columns: list[str]) -> str:
    return "; ".join(f"{c}={_text(f.get(c))}" for c in columns if _text(f.get(c)))


def highlighted_body(body: str, figures: list[dict], columns: list[str]) -> str:
    """``body`` as HTML paragraphs with each figure wrapped in ``<mark>`` at its offsets."""
    marks = [_Mark(int(f["start"]), int(f["end"]), f["mention"], f["figure_id"], escape(f["figure_id"]),
                   escape(_figure_detail(f, columns)), "") for f in figures]
    return _highlighted(body, sorted(marks, key=lambda m: m.start))


class _Mark(NamedTuple):
    """A figure as its page shows it, the text of its attributes and cells already escaped."""

    start: int
    end: int
    mention: str
    figure_id: str
    id_html: str  # escaped figure_id
    detail_html: str  # escaped "column=value; …" of the shown columns
    cells_html: str  # its "<td>…</td>" of the shown columns


def _highlighted(body: str, marks: list[_Mark]) -> str:
    out, pos = [], 0
    for m in marks:  # sorted by start
        start, end = m.start, m.end
        if start < pos or body[start:end] != m.mention:
            raise SiteError(f"figure {m.figure_id}: offsets {start}-{end} do not hold its mention "
                            f"{m.mention!r} in the case body; rebuild the tables")
        out.append(escape(body[pos:start]))
        out.append(f'<mark class="figure" id="{m.id_html}" data-figure-id="{m.id_html}" '
                   f'title="{m.detail_html}">{escape(body[start:end])}</mark>')
        pos = end
    out.append(escape(body[pos:]))
    html = "".join(out)
    return "\n".join(f"<p>{p}</p>" for p in html.split("\n"))


def _case_page(case: dict, marks: list[_Mark], heads: str, bulletin_title: str) -> str:
    rows = "\n".join(f'<tr><td><a href="#{m.id_html}">{escape(m.mention)}</a></td>{m.cells_html}</tr>'
                     for m in marks)
    meta = (f"<p>{escape(bulletin_title)} · {escape(_text(case['union_name']))} · "
            f"{escape(_province(case['province']))} {escape(_text(case['prefecture']))} · "
            f"{escape(_text(case['union_level']))}</p>")
    body = (f'<p><a href="../index.html">← all cases / 全部案例</a></p>\n'
            f'<h1>{escape(_text(case["title"]))}</h1>\n'
            f'{meta}\n<div class="layout"><div class="body">'
            f"{_highlighted(_text(case['body']), marks)}</div>\n"
            f'<div class="side"><h2>Figures / 数字 ({len(marks)})</h2>'
            f'<table id="figures"><thead><tr>{heads}</tr></thead><tbody>\n{rows}\n</tbody></table>'
            "</div></div>")
    return _page(_text(case["title"]), body)


def _index(cases: pd.DataFrame, counts: dict[str, int], bulletins: dict[str, str], version: str) -> str:
    provinces = sorted({_province(p) for p in cases["province"]})
    levels = sorted({_text(v) for v in cases["union_level"]})
    pairs = list(zip(cases["case_id"], cases["province"].map(_province), strict=True))
    by_province = [(p, sum(q == p for _, q in pairs), sum(counts.get(cid, 0) for cid, q in pairs if q == p))
                   for p in provinces]

    def options(values: list[str]) -> str:
        return "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    rows = []
    for c in cases.to_dict("records"):
        rows.append(
            f'<tr data-case-id="{escape(c["case_id"])}" data-province="{escape(_province(c["province"]))}" '
            f'data-level="{escape(_text(c["union_level"]))}">'
            f'<td>{escape(bulletins.get(c["bulletin_id"], c["bulletin_id"]))}</td>'
            f'<td><a href="cases/{escape(c["case_id"])}.html">{escape(_text(c["title"]))}</a></td>'
            f'<td>{escape(_text(c["union_name"]))}</td><td>{escape(_text(c["union_level"]))}</td>'
            f'<td>{escape(_province(c["province"]))}</td><td>{counts.get(c["case_id"], 0)}</td></tr>')
    body = (f"<h1>ACFTU innovation cases / 全国工会重点工作创新案例 — v{escape(version)}</h1>\n"
            f"<p>{len(cases)} cases / 案例; <span id=\"shown\">{len(cases)}</span> shown.</p>\n"
            f'<p><label>Province 省份 <select id="province"><option value="">all 全部</option>'
            f'{options(provinces)}</select></label> <label>Level 层级 <select id="level">'
            f'<option value="">all 全部</option>{options(levels)}</select></label></p>\n'
            '<table id="cases"><thead><tr><th>bulletin 通报</th><th>case 案例</th><th>union 工会</th>'
            '<th>level 层级</th><th>province 省份</th><th>figures 数字</th></tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n"
            "<h2>Cases and figures by province / 各省案例与数字</h2>\n"
            + province_chart(by_province))
    return _page(f"ACFTU innovation cases v{version}", body, FILTER_JS)


def _escaped(texts: list[str]) -> list[str]:
    """``escape`` of each text, each distinct text escaped once (units, qualifiers, kinds repeat)."""
    memo: dict[str, str] = {}
    return [memo[t] if t in memo else memo.setdefault(t, escape(t)) for t in texts]


def _marks(figures: pd.DataFrame, columns: list[str]) -> list[_Mark]:
    """Every figure of ``figures`` as its page shows it, in their order."""
    texts = {c: [_text(v) for v in figures[c].tolist()] for c in columns}
    cells = ["".join(t) for t in zip(*([f"<td>{e}</td>" for e in _escaped(texts[c])] for c in columns),
                                     strict=True)] if columns else [""] * len(figures)
    details = [escape("; ".join(f"{c}={t}" for c, t in zip(columns, row, strict=True) if t))
               for row in zip(*(texts[c] for c in columns), strict=True)] if columns else [""] * len(figures)
    ids = figures["figure_id"].tolist()
    return [_Mark(int(s), int(e), m, i, escape(i), d, c) for s, e, m, i, d, c in zip(
        figures["start"].tolist(), figures["end"].tolist(), figures["mention"].tolist(), ids, details, cells,
        strict=True)]


# Case pages drawn at a time: their figures' attributes and cells are made for these cases only.
CHUNK_CASES = 1000


class SiteFile(NamedTuple):
    """A file of the site as written: its path, size and sha256 (hex)."""

    path: Path
    bytes: int
    sha256: str


def _put(path: Path, data: bytes, previous: Path | None) -> SiteFile:
    """Write ``data`` to the new file ``path``, as a hard link to ``previous`` when that file holds
    exactly these bytes.

    NOTE: a case page that did not change is the same bytes in every release. Linking it from the
    latest published release saves writing (and storing) it again; the bytes are compared first, so
    a previous page that was altered or damaged is never reused. It is safe because nothing ever
    writes through such a link: a published release is never modified (only renamed into place and
    read), and each page of a new site is created once, in a folder created by this build, either as
    a link or by writing new bytes. Where no link can be made (another file system), it is written.
    """
    digest = hashlib.sha256(data).hexdigest()
    if previous is not None:
        try:
            if not previous.is_symlink() and previous.read_bytes() == data:
                os.link(previous, path)
                return SiteFile(path, len(data), digest)
        except OSError:
            pass  # no such page, or no link here: written below
    path.write_bytes(data)
    return SiteFile(path, len(data), digest)


def write_site(folder: Path, frames: dict[str, pd.DataFrame], *, version: str,
               previous: Path | None = None) -> list[SiteFile]:
    """Write the site into ``folder/site``; returns the files written (sorted by path).

    ``previous`` is the folder of the latest published release: its case pages that hold the very
    bytes of a new page are linked rather than written again.
    """
    site = Path(folder) / SITE_DIR
    (site / "cases").mkdir(parents=True)
    before = Path(previous) / SITE_DIR / "cases" if previous is not None else None
    cases, figures = frames["cases"], frames["figures"]
    columns = [c for c in DETAIL_COLUMNS if c in figures.columns]
    bulletins = dict(zip(frames["bulletins"]["bulletin_id"], frames["bulletins"]["title"], strict=True))
    # NOTE: every figure's attributes and cells are drawn once, column by column from lists (not
    # row dicts from pandas), each distinct cell text escaped once, for a thousand cases at a time:
    # the same text, a fraction of the time and memory (100,000 figures as dicts at once held
    # some 130 MB, as drawn cells some 200 MB).
    by_case: dict[str, list[int]] = {}
    for i, cid in enumerate(figures["case_id"].tolist()):
        if _text(cid):
            by_case.setdefault(cid, []).append(i)
    heads = "".join(f"<th>{escape(c)}</th>" for c in ["mention", *columns])
    written = []
    rows = list(zip(*(cases[c].tolist() for c in CASE_FIELDS), strict=True))
    for first in range(0, len(rows), CHUNK_CASES):
        chunk = [dict(zip(CASE_FIELDS, row, strict=True)) for row in rows[first:first + CHUNK_CASES]]
        drawn = iter(_marks(figures.take([i for c in chunk for i in by_case.get(c["case_id"], [])]), columns))
        for c in chunk:
            mine = sorted((next(drawn) for _ in by_case.get(c["case_id"], [])), key=lambda m: m.start)
            name = f"{c['case_id']}.html"
            data = _case_page(c, mine, heads, bulletins.get(c["bulletin_id"], "")).encode("utf-8")
            written.append(_put(site / "cases" / name, data, before / name if before is not None else None))
    del rows
    counts = {k: len(v) for k, v in by_case.items()}
    written.append(_put(site / "index.html", _index(cases, counts, bulletins, version).encode("utf-8"), None))
    return sorted(written)
