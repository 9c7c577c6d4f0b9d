"""The briefing as one self-contained HTML file: the KPIs, every chart interactive, the tables.

Indonesian by default. plotly.js is embedded inline once, never fetched; a Content-Security-Policy
forbids every request, so nothing can be fetched even by accident; user text is escaped
(``charts.style.html_text`` in tables, plotly's ``\\u003c`` escaping inside its JSON, the charts' own label
escaping).
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lebak_dash.charts.map_labels import MORE_NAMES_FONT, more_names_min_width
from lebak_dash.charts.style import html_text
from lebak_dash.exports.briefing.content import SECTIONS, Briefing, cell_text, plain
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime
from lebak_dash.views.screen import DESK

#: Plotly options of the report: no logo link, no zoom tools, charts follow the page width.
PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
    "scrollZoom": False,
    "responsive": True,
}
#: The report may run its own inline code and styles and show data: images; it may fetch nothing.
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:"

_CSS = """
:root { --text:#1F2933; --muted:#5F6B7A; --line:#E3E7EC; --card:#F7F9FB; }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3","Source Sans Pro","Segoe UI",Roboto,Arial,sans-serif; color: var(--text);
       margin: 0 auto; max-width: 1200px; padding: 24px; line-height: 1.45; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 16px; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 22px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 2px 0; }
nav a { margin-right: 14px; color: #0072B2; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 12px 0 8px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.kpi .label { color: var(--muted); font-size: 14px; } .kpi .value { font-size: 28px; font-weight: 600; }
.kpi .detail { color: var(--muted); font-size: 14px; }
.finding { font-weight: 600; }
.chart { margin: 12px 0 20px; border: 1px solid var(--line); border-radius: 8px; padding: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--card); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 13px; }
.tablewrap { max-height: 640px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); margin-top: 32px; padding-top: 8px; }
@media print { .tablewrap { max-height: none; overflow: visible; } section { break-before: page; } }
"""
#: The kecamatan map's names chosen for a desk's map are hidden on a chart narrower than that map
#: (a phone), as on the Kecamatan page (:mod:`lebak_dash.ui.maps`); the chart box adds 14 px.
_CSS += (
    ".chart { container-type: inline-size; } "
    f"@container (max-width: {more_names_min_width(DESK.map_label_canvases[-1]) + 14 - 0.02}px) "
    f"{{ text[style*='{MORE_NAMES_FONT}'] {{ display: none; }} }}\n"
)


def _esc(value: object) -> str:
    return html_text(plain(value))


def html_table(frame: pd.DataFrame, lang: str) -> str:
    """Return `frame` as an HTML table; every header and cell is escaped (user text is never markup)."""
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values, strict=True):
            text, number = cell_text(column, value, lang)
            cells.append(f'<td class="num">{_esc(text)}</td>' if number else f"<td>{_esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="tablewrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _figure_for_file(figure: go.Figure, lang: str) -> go.Figure:
    """Return a copy of `figure` for a file: hover stays; clicks no longer select, and the subtitle no
    longer invites to click (no dashboard behind the file to filter)."""
    copy = go.Figure(figure)
    subtitle = copy.layout.title.subtitle.text or ""
    for hint in (t("chart.click_hint", lang), "klik untuk menyaring", "click to filter"):
        subtitle = subtitle.replace(hint, "")
    subtitle = re.sub(r"(\s*·\s*)+$", "", re.sub(r"^(\s*·\s*)+", "", subtitle.strip()))
    copy.update_layout(clickmode="none", dragmode=False, uirevision=None, title_subtitle_text=subtitle)
    return copy


def briefing_html(briefing: Briefing) -> bytes:
    """Return the briefing as one self-contained HTML file (UTF-8 bytes).

    Every chart is interactive (plotly.js embedded inline in the first chart, nothing fetched:
    the page's Content-Security-Policy forbids any request); tables are escaped HTML.
    """
    lang = briefing.lang
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(lang)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(briefing.title)}</title><style>{_CSS}</style></head><body>",
        "<header>",
        f"<h1>{_esc(briefing.title)}</h1>",
        f'<p class="meta">{_esc(briefing.data_text)}</p>',
        f'<p class="meta">{_esc(briefing.filter_text)}</p>',
        f'<p class="meta">{_esc(t("brief.generated", lang, when=fmt_datetime(briefing.generated_at, lang)))} · '
        f"{_esc(t('brief.offline', lang))}</p>",
    ]
    present = [s for s in SECTIONS if s != "perkembangan" or briefing.progress is not None]
    out.append(
        "<nav>" + "".join(f'<a href="#{s}">{_esc(t(f"brief.section.{s}", lang))}</a>' for s in present) + "</nav>"
    )
    out.append("</header>")
    first = True
    for section in present:
        out.append(f'<section id="{section}"><h2>{_esc(t(f"brief.section.{section}", lang))}</h2>')
        if section == "ringkasan":
            out.append(f'<p class="finding">{_esc(briefing.ringkasan.finding)}</p><div class="kpis">')
            for card in briefing.ringkasan.cards:
                out.append(
                    f'<div class="kpi"><div class="label">{_esc(card.label)}</div>'
                    f'<div class="value">{_esc(card.value)}</div><div class="detail">{_esc(card.detail)}</div></div>'
                )
            out.append("</div>")
        for chart in (c for c in briefing.charts if c.section == section):
            body = pio.to_html(
                _figure_for_file(chart.figure, lang),
                full_html=False,
                include_plotlyjs=first,  # the whole plotly.js, inline, once
                config=PLOTLY_CONFIG,
                div_id=f"chart-{chart.key}",
                default_width="100%",
                validate=False,
            )
            first = False
            out.append(f'<div class="chart" data-chart="{_esc(chart.key)}">{body}</div>')
        for table in (tb for tb in briefing.tables if tb.section == section):
            out.append(f"<h3>{_esc(table.title)}</h3>")
            if table.note:
                out.append(f'<p class="note">{_esc(table.note)}</p>')
            if len(table.frame):
                out.append(html_table(table.frame, lang))
        out.append("</section>")
    out.append(f"<footer>{_esc(briefing.data_text)} · {_esc(briefing.filter_text)}</footer></body></html>")
    return "\n".join(out).encode("utf-8")
