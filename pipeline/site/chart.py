"""An inline SVG bar chart of cases and figures by province, drawn at build time (no JS library)."""

from __future__ import annotations

from html import escape


def province_chart(rows: list[tuple[str, int, int]]) -> str:
    """Horizontal bars: for each (province, cases, figures) one bar per measure, scaled to the largest."""
    bar_h, gap, label_w, width = 12, 10, 150, 560
    plot_w = width - label_w - 60
    most = max([max(c, f) for _, c, f in rows] or [1]) or 1
    height = len(rows) * (2 * bar_h + gap) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="province-chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" font-size="12">',
             '<title>Cases and figures by province / 各省案例数与数字数</title>',
             f'<rect x="{label_w}" y="4" width="10" height="10" fill="#2b6cb0"/>'
             f'<text x="{label_w + 14}" y="13">cases 案例</text>',
             f'<rect x="{label_w + 100}" y="4" width="10" height="10" fill="#dd6b20"/>'
             f'<text x="{label_w + 114}" y="13">figures 数字</text>']
    y = 28
    for province, cases, figures in rows:
        label = escape(province)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h + 4}" text-anchor="end">{label}</text>')
        for value, colour, measure in ((cases, "#2b6cb0", "cases"), (figures, "#dd6b20", "figures")):
            w = max(1, round(plot_w * value / most))
            parts.append(f'<rect class="bar {measure}" data-province="{label}" data-value="{value}" '
                         f'x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}">'
                         f'<title>{label}: {value} {measure}</title></rect>'
                         f'<text x="{label_w + w + 4}" y="{y + bar_h - 2}">{value}</text>')
            y += bar_h
        y += gap
    parts.append("</svg>")
    return "\n".join(parts)
