"""Writing the browser pages: ``site/index.html`` and ``site/cases/<case_id>.html``.

Every figure is highlighted in its case body by its offsets (``figures.start``/``end`` index
``cases.body``); a page whose offsets do not match the mention is refused, never shown wrong.
Which figure columns are shown follows the table: any of ``basis``, ``per``, ``measure`` present
is shown beside value, unit, qualifier and bounds.
"""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape
from pathlib import Path

import pandas as pd

from pipeline.release.csvfiles import format_cell
from pipeline.site.chart import province_chart

SITE_DIR = "site"
DETAIL_COLUMNS = ("value", "unit", "qualifier", "lower", "upper", "basis", "per", "measure", "kind")
NO_PROVINCE = "（全国 / national）"

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
    out, pos = [], 0
    for f in sorted(figures, key=lambda f: int(f["start"])):
        start, end = int(f["start"]), int(f["end"])
        if start < pos or body[start:end] != f["mention"]:
            raise SiteError(f"figure {f['figure_id']}: offsets {start}-{end} do not hold its mention "
                            f"{f['mention']!r} in the case body; rebuild the tables")
        out.append(escape(body[pos:start]))
        fid = escape(f["figure_id"])
        out.append(f'<mark class="figure" id="{fid}" data-figure-id="{fid}" '
                   f'title="{escape(_figure_detail(f, columns))}">{escape(body[start:end])}</mark>')
        pos = end
    out.append(escape(body[pos:]))
    html = "".join(out)
    return "\n".join(f"<p>{p}</p>" for p in html.split("\n"))


def _case_page(case: dict, figures: list[dict], columns: list[str], bulletin_title: str) -> str:
    rows = "\n".join(
        "<tr>" + f'<td><a href="#{escape(f["figure_id"])}">{escape(f["mention"])}</a></td>'
        + "".join(f"<td>{escape(_text(f.get(c)))}</td>" for c in columns) + "</tr>" for f in figures)
    heads = "".join(f"<th>{escape(c)}</th>" for c in ["mention", *columns])
    meta = (f"<p>{escape(bulletin_title)} · {escape(_text(case['union_name']))} · "
            f"{escape(_province(case['province']))} {escape(_text(case['prefecture']))} · "
            f"{escape(_text(case['union_level']))}</p>")
    body = (f'<p><a href="../index.html">← all cases / 全部案例</a></p>\n'
            f'<h1>{escape(_text(case["title"]))}</h1>\n'
            f'{meta}\n<div class="layout"><div class="body">'
            f"{highlighted_body(_text(case['body']), figures, columns)}</div>\n"
            f'<div class="side"><h2>Figures / 数字 ({len(figures)})</h2>'
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


def write_site(folder: Path, frames: dict[str, pd.DataFrame], *, version: str) -> list[Path]:
    """Write the site into ``folder/site``; returns the files written (sorted)."""
    site = Path(folder) / SITE_DIR
    (site / "cases").mkdir(parents=True)
    cases, figures = frames["cases"], frames["figures"]
    columns = [c for c in DETAIL_COLUMNS if c in figures.columns]
    bulletins = dict(zip(frames["bulletins"]["bulletin_id"], frames["bulletins"]["title"], strict=True))
    # NOTE: each shown column is turned into its text once (a page shows it twice), column by
    # column from lists rather than row dicts from pandas: the same text, a fraction of the time.
    # A figure's row becomes a dict only while its case's page is drawn (100,000 figures as dicts
    # at once held some 130 MB).
    names = list(figures.columns)
    values = [[_text(v) for v in figures[c].tolist()] if c in columns else figures[c].tolist() for c in names]
    by_case: dict[str, list[int]] = {}
    for i, cid in enumerate(values[names.index("case_id")] if "case_id" in names else []):
        if _text(cid):
            by_case.setdefault(cid, []).append(i)

    def rows_of(case_id: str) -> list[dict]:
        return [dict(zip(names, (col[i] for col in values), strict=True)) for i in by_case.get(case_id, [])]

    written = []
    for c in cases.to_dict("records"):
        figs = sorted(rows_of(c["case_id"]), key=lambda f: int(f["start"]))
        page = site / "cases" / f"{c['case_id']}.html"
        page.write_text(_case_page(c, figs, columns, bulletins.get(c["bulletin_id"], "")), encoding="utf-8")
        written.append(page)
    index = site / "index.html"
    counts = {k: len(v) for k, v in by_case.items()}
    index.write_text(_index(cases, counts, bulletins, version), encoding="utf-8")
    written.append(index)
    return sorted(written)
