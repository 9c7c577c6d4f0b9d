"""The briefing to take away: the current view as a self-contained HTML report or a PowerPoint deck.

:func:`build_briefing` computes, once, what the dashboard pages show for a dataset and a set of
filters, with the very same calls the pages make (:mod:`lebak_dash.analysis` aggregations,
:mod:`lebak_dash.charts` figures; each chart sees the records without its own dimension's filter
and dims the bars not chosen, as on screen), plus the progress part when the store holds two
versions or more. Two pure renderers turn it into bytes:

* :func:`briefing_html`: one HTML file, Indonesian by default, with the KPIs, every chart
  interactive (plotly.js embedded inline once, never fetched), the tables, the data version and
  date and the filter in force. A Content-Security-Policy forbids every request, so nothing can
  be fetched even by accident; user text is escaped (``html.escape`` in tables, plotly's
  ``\\u003c`` escaping inside its JSON, the charts' own label escaping).
* :func:`briefing_pptx`: a 16:9 deck, one finding per slide, titled with the finding the
  dashboard's chart states; native PowerPoint charts (python-pptx chart API, editable in
  PowerPoint, data in the embedded sheet) and native tables; the data date and the filter in the
  footer of every slide.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from pptx import Presentation
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.chart.xlsx import BubbleWorkbookWriter, CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from lebak_dash import analysis, charts, progress_charts
from lebak_dash.analysis import Filters, apply_filters
from lebak_dash.charts import STAGE_COLORS
from lebak_dash.i18n import STRINGS, t
from lebak_dash.i18n.formatting import fmt_date, fmt_datetime, fmt_int, fmt_percent
from lebak_dash.progress import ProgressView
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES

#: Sections of the briefing, in order (the dashboard's pages, then progress, then the list).
SECTIONS: tuple[str, ...] = ("ringkasan", "opd", "tahapan", "kecamatan", "perkembangan", "daftar")
#: Findings in the deck's order (after the KPIs): chart keys and table keys.
SLIDE_ORDER: tuple[str, ...] = (
    "funnel",
    "stage_bars",
    "years",
    "leading",
    "opd_bars",
    "opd_heatmap",
    "kec_map",
    "kec_bars",
    "no_opd",
    "no_kec",
    "prog_versions",
    "prog_sankey",
    "prog_opd",
    "prog_stalled",
)
#: Most innovations listed in the HTML report (the full list is the Daftar page's Excel export).
LIST_LIMIT = 2000
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
_LIST_COLUMNS = ("kode", "nama", "opd", "tahapan", "kecamatan", "tahun")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# ------------------------------------------------------------------------------------- content
@dataclass(frozen=True)
class Chart:
    """One chart of the briefing.

    Attributes
    ----------
    key : str
        Stable name (``funnel``, ``opd_bars``...): the HTML div id is ``chart-<key>``, the
        PowerPoint chart shape is named ``chart:<key>``.
    section : str
        One of :data:`SECTIONS`.
    figure : plotly.graph_objects.Figure
        The dashboard's figure.
    """

    key: str
    section: str
    figure: go.Figure

    @property
    def title(self) -> str:
        """Return the figure's title (the finding) as plain text."""
        return figure_title(self.figure)


@dataclass(frozen=True)
class Table:
    """One table of the briefing: a frame with labelled columns, shown as it is."""

    key: str
    section: str
    title: str
    frame: pd.DataFrame
    note: str = ""


@dataclass(frozen=True, eq=False)
class Briefing:
    """What the briefing shows, computed once for both renderers.

    Attributes
    ----------
    lang : str
    filters : Filters
    filter_text : str
        The filter in words (``Filter: Tahapan 5D: Delivery``).
    data_text : str
        Which data: file, version, upload date (or the sample's notice).
    generated_at : datetime
    total : int
        Innovations in the data (unfiltered).
    records : pandas.DataFrame
        The innovations that pass the filters.
    kpis, funnel, years, leading, opd_matrix, heat, kec_matrix, kec_map, no_opd, no_kec : pandas.DataFrame
        The aggregations the pages show (see :func:`build_briefing`).
    charts : tuple of Chart
    tables : tuple of Table
    progress : ProgressView or None
        The progress part (None with fewer than two versions).
    reference_opd, reference_kecamatan : int
        Sizes of the reference lists (OPDs, kecamatan).
    """

    lang: str
    filters: Filters
    filter_text: str
    data_text: str
    generated_at: dt.datetime
    total: int
    records: pd.DataFrame
    kpis: pd.DataFrame
    funnel: pd.DataFrame
    years: pd.DataFrame
    leading: pd.DataFrame
    opd_matrix: pd.DataFrame
    heat: pd.DataFrame
    kec_matrix: pd.DataFrame
    kec_map: pd.DataFrame
    no_opd: pd.DataFrame
    no_kec: pd.DataFrame
    charts: tuple[Chart, ...]
    tables: tuple[Table, ...]
    progress: ProgressView | None
    reference_opd: int
    reference_kecamatan: int

    def chart(self, key: str) -> Chart:
        """Return the chart called `key`."""
        for chart in self.charts:
            if chart.key == key:
                return chart
        raise KeyError(key)

    def findings(self) -> pd.DataFrame:
        """Return the findings in the deck's order: ``bagian`` (section) and ``temuan`` (the finding)."""
        lang = self.lang
        by_key = {c.key: (c.section, c.title) for c in self.charts}
        by_key.update({tb.key: (tb.section, tb.title) for tb in self.tables})
        rows = [(t("brief.section.ringkasan", lang), kpi_title(self.kpis, lang))]
        for key in SLIDE_ORDER:
            if key in by_key:
                section, title = by_key[key]
                rows.append((t(f"brief.section.{section}", lang), title))
        return pd.DataFrame(rows, columns=["bagian", "temuan"])


def figure_title(figure: go.Figure) -> str:
    """Return a figure's title as plain text (line breaks joined, HTML entities decoded)."""
    text = figure.layout.title.text or ""
    return html.unescape(text.replace("<br>", " "))


def kecamatan_name(name: str, lang: str) -> str:
    """Return how the filter names a kecamatan value (the two special labels explained)."""
    if name == KABUPATEN_WIDE:
        return t("label.semua_kecamatan", lang)
    if name == NOT_STATED:
        return t("label.tidak_disebut", lang)
    return name


def describe_filters(filters: Filters, lang: str = "id") -> str:
    """Return the filters in words, as the pages name them (``Filter: Tahun 2019-2021 · OPD: ...``).

    Examples
    --------
    >>> describe_filters(Filters(tahun=(2019, 2021), tahapan=("Delivery",)))
    'Filter: Tahun 2019-2021 · Tahapan 5D: Delivery'
    >>> describe_filters(Filters())
    'Filter: tidak ada (semua inovasi)'
    """
    items: list[str] = []
    if filters.tahun is not None:
        lo, hi = filters.tahun
        items.append(f"{t('filter.tahun', lang)} {lo}" if lo == hi else f"{t('filter.tahun', lang)} {lo}-{hi}")
    for name in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
        values = getattr(filters, name)
        if values:
            shown = [kecamatan_name(v, lang) for v in values] if name == "kecamatan" else list(values)
            items.append(f"{t(f'filter.{name}', lang)}: {', '.join(shown)}")
    if filters.kecamatan and not filters.kabupaten_wide:
        items.append(f"{t('filter.kabupaten_wide', lang)}: -")
    if not items:
        return t("brief.filter_none", lang)
    return t("brief.filter", lang, items=" · ".join(items))


def data_text(dataset: object, lang: str = "id") -> str:
    """Return which data the briefing shows: file, version and upload date (or the sample's notice)."""
    filename = str(dataset.filename)  # type: ignore[attr-defined]
    if dataset.is_sample or dataset.version is None:  # type: ignore[attr-defined]
        return t("brief.data_sample", lang, filename=filename)
    return t(
        "brief.data",
        lang,
        filename=filename,
        version=dataset.version,  # type: ignore[attr-defined]
        uploaded=fmt_datetime(dataset.uploaded_at, lang),  # type: ignore[attr-defined]
    )


def kpi_title(kpis: pd.DataFrame, lang: str) -> str:
    """Return the finding of the KPI cards."""
    return t(
        "brief.kpi.title",
        lang,
        count=int(kpis.loc["inovasi", "nilai"]),
        opd=t("count.agencies", lang, count=int(kpis.loc["opd", "nilai"])),
        pct=fmt_percent(kpis.loc["delivery_display", "persen"], lang),
    )


def kpi_cards(kpis: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """Return the four KPI cards as (label, value, detail), formatted as the Ringkasan page shows them."""
    cards = []
    for key in ("inovasi", "opd", "kecamatan", "delivery_display"):
        row = kpis.loc[key]
        nilai, dari, persen = int(row["nilai"]), int(row["dari"]), row["persen"]
        if key == "inovasi":
            value, detail = fmt_int(nilai, lang), ""
        elif key == "delivery_display":
            value = fmt_percent(persen, lang)
            detail = t("kpi.of", lang, n=fmt_int(nilai, lang), total=fmt_int(dari, lang))
        else:
            value = t("kpi.of", lang, n=fmt_int(nilai, lang), total=fmt_int(dari, lang))
            detail = fmt_percent(persen, lang)
        label = t("kpi.delivery" if key == "delivery_display" else f"kpi.{key}", lang)
        cards.append((label, value, detail))
    return cards


def column_label(key: str, lang: str) -> str:
    """Return the label of a table column in `lang` (record columns, progress columns, stages)."""
    for candidate in (f"col.{key}", f"prog.col.{key}", f"table.{key}"):
        if candidate in STRINGS:
            return t(candidate, lang)
    if key == "jenis_opd":
        return t("table.kind", lang)
    if key in STAGES:
        return t(f"stagename.{key}", lang)
    return key


def _labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: column_label(str(c), lang) for c in frame.columns})


def _progress_tables(view: ProgressView, lang: str) -> list[Table]:
    comparison = view.comparison
    a, b = comparison.a.label, comparison.b.label
    per_opd = comparison.per_opd.reset_index()
    stalled = view.stalled[["opd", "kode", "nama", "tahapan", "versi", "sejak", "bulan"]].copy()
    changes = comparison.table[comparison.table["status"] != "tetap"]
    changes = changes[["kode", "nama", "opd", "dari", "ke", "status", "langkah"]].copy()
    changes["status"] = changes["status"].map(lambda s: t(f"prog.status.{s}", lang))
    rule_text = progress_charts.stalled_rule_text(view, lang)
    return [
        Table("prog_per_opd", "perkembangan", t("prog.per_opd_table", lang), _labelled(per_opd, lang)),
        Table("prog_stalled_list", "perkembangan", t("brief.stalled_table", lang), _labelled(stalled, lang), rule_text),
        Table("prog_changes", "perkembangan", t("brief.changes_table", lang, a=a, b=b), _labelled(changes, lang)),
    ]


def progress_figures(view: ProgressView, lang: str, style: charts.ChartStyle = charts.LIGHT) -> list[Chart]:
    """Return the four progress charts of `view` (the Perkembangan page shows the same)."""
    timeline = view.timeline
    return [
        Chart(
            "prog_versions",
            "perkembangan",
            progress_charts.stage_versions_figure(view.counts, timeline.versions, lang=lang, style=style),
        ),
        Chart(
            "prog_sankey",
            "perkembangan",
            progress_charts.movement_sankey_figure(view.comparison, lang=lang, style=style),
        ),
        Chart(
            "prog_opd",
            "perkembangan",
            progress_charts.opd_movement_figure(view.comparison.per_opd, lang=lang, style=style),
        ),
        Chart(
            "prog_stalled",
            "perkembangan",
            progress_charts.stalled_figure(
                view.stalled_matrix,
                view.stalled,
                rule_text=progress_charts.stalled_rule_text(view, lang, short=True),
                lang=lang,
                style=style,
            ),
        ),
    ]


def build_briefing(
    dataset: object,
    filters: Filters,
    lang: str = "id",
    *,
    progress: ProgressView | None = None,
    generated_at: dt.datetime | None = None,
) -> Briefing:
    """Return the briefing of `dataset` under `filters`: what the dashboard pages show, computed once.

    Parameters
    ----------
    dataset : Dataset
        The data on screen (:class:`lebak_dash.views.dataset.Dataset`).
    filters : Filters
        The shared filters in force.
    lang : {"id", "en"}
    progress : ProgressView, optional
        :func:`lebak_dash.progress.progress_view` of the store's versions under the same filters.
    generated_at : datetime, optional
        When the briefing was made (default: now).

    Returns
    -------
    Briefing
    """
    reference = dataset.reference  # type: ignore[attr-defined]
    long = dataset.kecamatan_long  # type: ignore[attr-defined]
    everything = dataset.records  # type: ignore[attr-defined]
    records = apply_filters(dataset, filters)

    def view(*dimensions: str) -> pd.DataFrame:
        # The pages' ctx.view(): a chart ignores its own dimension's filter and dims instead.
        if not any(getattr(filters, d) for d in dimensions):
            return records
        return apply_filters(dataset, filters.without(*dimensions))

    years_range = analysis.filter_options(everything, reference, long).years
    kpis = analysis.kpis(records, reference, long)
    funnel = analysis.stage_funnel(view("tahapan"))
    years = analysis.per_year_stage(view("tahun"), years_range)
    leading = analysis.leading_opds(view("opd"), reference, n=10)
    opd_matrix = analysis.opd_stage_matrix(view("opd"), reference, sort="jumlah", by_kind=True)
    heat = analysis.opd_stage_matrix(records, reference, include_zero=False, sort="jumlah", by_kind=True)
    kec_matrix = analysis.kecamatan_stage_matrix(view("kecamatan"), reference, long)
    kec_map = analysis.kecamatan_map_frame(view("kecamatan"), reference, long)
    no_opd = analysis.opds_without_innovation(view("opd"), reference)
    no_kec = analysis.kecamatan_without_innovation(view("kecamatan"), reference, long)
    chosen_years = range(filters.tahun[0], filters.tahun[1] + 1) if filters.tahun else ()
    wide = int(kec_matrix.loc[KABUPATEN_WIDE, "jumlah"])
    figures = [
        Chart("funnel", "ringkasan", charts.stage_funnel_figure(funnel, lang=lang, selected=filters.tahapan)),
        Chart("years", "ringkasan", charts.year_stage_figure(years, lang=lang, selected=chosen_years)),
        Chart("leading", "ringkasan", charts.leading_opd_figure(leading, lang=lang, selected=filters.opd)),
        Chart(
            "opd_bars",
            "opd",
            charts.opd_stage_figure(
                opd_matrix,
                lang=lang,
                selected=filters.opd,
                by_kind=True,
                title=charts.opd_count_title(opd_matrix, lang),
            ),
        ),
        Chart("opd_heatmap", "opd", charts.opd_heatmap_figure(heat, lang=lang)),
        Chart("stage_bars", "tahapan", charts.stage_bar_figure(funnel, lang=lang, selected=filters.tahapan)),
        Chart(
            "kec_map",
            "kecamatan",
            charts.kecamatan_map_figure(
                kec_map, lang=lang, selected=filters.kecamatan, kabupaten_wide=wide, height=640
            ),
        ),
        Chart(
            "kec_bars", "kecamatan", charts.kecamatan_stage_figure(kec_matrix, lang=lang, selected=filters.kecamatan)
        ),
    ]
    if progress is not None:
        figures.extend(progress_figures(progress, lang))
    n_opd, n_kec = len(reference.opd_names), len(reference.kecamatan_names)
    no_opd_title = (
        t("brief.no_opd.title", lang, n=fmt_int(len(no_opd), lang), count=n_opd)
        if len(no_opd)
        else t("brief.no_opd.none", lang)
    )
    no_kec_title = (
        t("brief.no_kec.title", lang, n=fmt_int(len(no_kec), lang), count=n_kec)
        if len(no_kec)
        else t("brief.no_kec.none", lang)
    )
    listing = analysis.list_frame(records)[[c for c in _LIST_COLUMNS if c in records.columns]]
    list_note = ""
    if len(listing) > LIST_LIMIT:
        list_note = t("brief.list.cut", lang, shown=fmt_int(LIST_LIMIT, lang), n=fmt_int(len(listing), lang))
        listing = listing.head(LIST_LIMIT)
    tables = [
        Table("no_opd", "ringkasan", no_opd_title, _labelled(no_opd.rename(columns={"jenis": "jenis_opd"}), lang)),
        Table("no_kec", "ringkasan", no_kec_title, _labelled(no_kec.rename(columns={"kode": "kode_kecamatan"}), lang)),
        Table(
            "kec_table",
            "kecamatan",
            t("brief.kec_table", lang),
            _labelled(kec_matrix.drop(columns=["baris"]).reset_index(), lang),
        ),
    ]
    if progress is not None:
        tables.extend(_progress_tables(progress, lang))
    tables.append(
        Table(
            "list",
            "daftar",
            t("brief.list.title", lang, count=len(records)),
            _labelled(listing, lang),
            list_note,
        )
    )
    return Briefing(
        lang=lang,
        filters=filters,
        filter_text=describe_filters(filters, lang),
        data_text=data_text(dataset, lang),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        total=len(everything),
        records=records,
        kpis=kpis,
        funnel=funnel,
        years=years,
        leading=leading,
        opd_matrix=opd_matrix,
        heat=heat,
        kec_matrix=kec_matrix,
        kec_map=kec_map,
        no_opd=no_opd,
        no_kec=no_kec,
        charts=tuple(figures),
        tables=tuple(tables),
        progress=progress,
        reference_opd=n_opd,
        reference_kecamatan=n_kec,
    )


# ------------------------------------------------------------------------------------------ HTML
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


def _esc(value: object) -> str:
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def _cell(value: object, lang: str) -> tuple[str, bool]:
    """Return a table cell's text and whether it is a number (right-aligned)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return "", False
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value), False
    if isinstance(value, float) and value != value:
        return "", False
    if isinstance(value, bool | np.bool_):
        return str(value), False
    if isinstance(value, int | np.integer):
        return fmt_int(value, lang), True
    if isinstance(value, float | np.floating):
        return (fmt_int(value, lang), True) if float(value).is_integer() else (f"{value:.1f}", True)
    if isinstance(value, pd.Timestamp | dt.date):
        return fmt_date(value, lang), False
    return str(value), False


def _cell_text(column: object, value: object, lang: str) -> tuple[str, bool]:
    """Return :func:`_cell` of `value`, but a year as a plain number (2019, never 2.019)."""
    is_year = str(column) in ("tahun", t("col.tahun", "id"), t("col.tahun", "en"))
    if is_year and isinstance(value, int | np.integer | float) and not pd.isna(value):
        return str(int(value)), True
    return _cell(value, lang)


def html_table(frame: pd.DataFrame, lang: str) -> str:
    """Return `frame` as an HTML table; every header and cell is escaped (user text is never markup)."""
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values, strict=True):
            text, number = _cell_text(column, value, lang)
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
        f"<title>{_esc(t('brief.doc_title', lang))}</title><style>{_CSS}</style></head><body>",
        "<header>",
        f"<h1>{_esc(t('brief.doc_title', lang))}</h1>",
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
            out.append(f'<p class="finding">{_esc(kpi_title(briefing.kpis, lang))}</p><div class="kpis">')
            for label, value, detail in kpi_cards(briefing.kpis, lang):
                out.append(
                    f'<div class="kpi"><div class="label">{_esc(label)}</div>'
                    f'<div class="value">{_esc(value)}</div><div class="detail">{_esc(detail)}</div></div>'
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


# ------------------------------------------------------------------------------------ PowerPoint
_WIDE = Inches(13.333)
_HIGH = Inches(7.5)
_MARGIN = Inches(0.45)
_TITLE_TOP, _TITLE_HIGH = Inches(0.3), Inches(1.0)
_BODY_TOP = Inches(1.4)
_FOOTER_HIGH = Inches(0.45)
_BODY_HIGH = _HIGH - _BODY_TOP - _FOOTER_HIGH - Inches(0.15)
_TEXT = RGBColor.from_string("1F2933")
_MUTED = RGBColor.from_string("5F6B7A")


def plain(text: object) -> str:
    """Return user text fit for PowerPoint XML (control characters dropped)."""
    return _CONTROL.sub("", str(text))


class _TextOnlySheet:
    """The chart's embedded workbook (what "Edit Data" opens) keeps user text as text.

    python-pptx writes it with XlsxWriter's defaults, which turn a string starting with ``=`` into
    a live formula and a string that looks like a URL into a link: an OPD named
    ``=HYPERLINK(...)`` would become one. Exported spreadsheets never carry a live formula.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[object, object]]:
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _TextCategoryWriter(_TextOnlySheet, CategoryWorkbookWriter):
    pass


class _TextBubbleWriter(_TextOnlySheet, BubbleWorkbookWriter):
    pass


class TextCategoryChartData(CategoryChartData):
    """:class:`pptx.chart.data.CategoryChartData` whose embedded workbook holds no formula or link."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextCategoryWriter(self)


class TextBubbleChartData(BubbleChartData):
    """:class:`pptx.chart.data.BubbleChartData` whose embedded workbook holds no formula or link."""

    @property
    def _workbook_writer(self) -> BubbleWorkbookWriter:
        return _TextBubbleWriter(self)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _faded(hex_color: str, keep: float = 0.35) -> RGBColor:
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(*(round(c * keep + 255 * (1 - keep)) for c in (r, g, b)))


class _Deck:
    """A 16:9 deck whose slides carry a finding as title and the data and filter as footer."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDE, _HIGH
        self.footers: list[object] = []

    def slide(self, title: str):
        """Add a "Title Only" slide titled `title` (resized for 16:9) and return it."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = _MARGIN, _TITLE_TOP, _WIDE - 2 * _MARGIN, _TITLE_HIGH
        frame = shape.text_frame
        frame.word_wrap = True
        frame.text = plain(title)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        size = 30 if len(title) <= 60 else 26 if len(title) <= 90 else 22
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = _TEXT
        footer = slide.shapes.add_textbox(_MARGIN, _HIGH - _FOOTER_HIGH, _WIDE - 2 * _MARGIN, _FOOTER_HIGH)
        footer.name = "footer"
        self.footers.append(footer)
        return slide

    def finish(self) -> bytes:
        """Write every footer (data, filter, slide i of n) and return the .pptx bytes."""
        total = len(self.prs.slides)
        b = self.briefing
        for number, footer in enumerate(self.footers, start=2 if total > len(self.footers) else 1):
            frame = footer.text_frame  # type: ignore[attr-defined]
            frame.word_wrap = True
            slide_no = t("brief.slide", b.lang, i=number, n=total)
            frame.text = plain(f"{b.data_text} · {b.filter_text} · {slide_no}")
            for run in frame.paragraphs[0].runs:
                run.font.size = Pt(10)
                run.font.color.rgb = _MUTED
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _body_box() -> tuple[Emu, Emu, Emu, Emu]:
    return _MARGIN, _BODY_TOP, _WIDE - 2 * _MARGIN, _BODY_HIGH


def _style_chart(chart, *, legend: bool, font: int = 12) -> None:
    chart.has_title = False  # the slide's title states the finding; no series name above the plot
    chart.font.size = Pt(font)
    chart.font.color.rgb = _TEXT
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font)


def _category_chart(
    slide,
    key: str,
    kind: XL_CHART_TYPE,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    point_colors: Sequence[str] | None = None,
    dim: Sequence[bool] | None = None,
    labels: bool = True,
    font: int = 12,
    box: tuple[Emu, Emu, Emu, Emu] | None = None,
):
    """Add a native category chart: one series per (name, values, colour); return the chart."""
    data = TextCategoryChartData(number_format="0")
    data.categories = [plain(c) for c in categories]
    for name, values, _color in series:
        data.add_series(plain(name), [float(v) for v in values])
    frame = slide.shapes.add_chart(kind, *(box or _body_box()), data)
    frame.name = f"chart:{key}"
    chart = frame.chart
    horizontal = kind in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED)
    stacked = kind in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED)
    _style_chart(chart, legend=len(series) > 1, font=font)
    plot = chart.plots[0]
    plot.gap_width = 40 if len(categories) <= 24 else 15
    if stacked:
        plot.overlap = 100
    if horizontal:
        chart.category_axis.reverse_order = True  # first category on top, as on screen
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("E3E7EC")
    chart.value_axis.tick_labels.font.size = Pt(font)
    chart.category_axis.tick_labels.font.size = Pt(font)
    for index, (_name, _values, color) in enumerate(series):
        fill = plot.series[index].format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(color)
    if point_colors is not None:
        for index, color in enumerate(point_colors):
            for s in plot.series:
                fill = s.points[index].format.fill
                fill.solid()
                fill.fore_color.rgb = _rgb(color)
    if dim is not None:
        # The dashboard dims the bars outside the selection; the deck does the same with paler fills.
        for s_index, (_name, _values, color) in enumerate(series):
            for index, faded in enumerate(dim):
                if faded:
                    base = point_colors[index] if point_colors is not None else color
                    fill = plot.series[s_index].points[index].format.fill
                    fill.solid()
                    fill.fore_color.rgb = _faded(base)
    if labels:
        plot.has_data_labels = True
        data_labels = plot.data_labels
        data_labels.number_format = '0;-0;""'  # zero segments stay unlabelled
        data_labels.number_format_is_linked = False
        data_labels.font.size = Pt(max(8, font - 1))
        if not stacked:
            data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    return chart


def _stage_series(table: pd.DataFrame, lang: str) -> list[tuple[str, Sequence[float], str]]:
    return [(t(f"stagename.{s}", lang), table[s].astype(int).tolist(), STAGE_COLORS[s]) for s in STAGES]


def _dim(categories: Sequence[object], selected: Sequence[object]) -> list[bool] | None:
    if not selected:
        return None
    chosen = {str(s) for s in selected}
    return [str(c) not in chosen for c in categories]


def _font_for(rows: int) -> int:
    return 12 if rows <= 12 else 10 if rows <= 24 else 8 if rows <= 40 else 7


def _table_shape(slide, key: str, frame: pd.DataFrame, lang: str, box: tuple[Emu, Emu, Emu, Emu], font: int) -> object:
    """Add a native table of `frame` in `box` (header row, then the rows as text) and return it.

    Columns get widths in proportion to their longest text (clamped), so names are not squeezed.
    """
    left, top, width, _height = box
    texts = [
        [plain(_cell_text(c, v, lang)[0]) for c, v in zip(frame.columns, values, strict=True)]
        for values in frame.itertuples(index=False, name=None)
    ]
    rows, cols = len(texts) + 1, max(1, len(frame.columns))
    row_height = Pt(font * 1.9)
    shape = slide.shapes.add_table(rows, cols, left, top, width, row_height * rows)
    shape.name = f"table:{key}"
    table = shape.table
    weights = []
    for c, column in enumerate(frame.columns):
        longest = max([len(str(column))] + [len(r[c]) for r in texts])
        weights.append(min(40, max(6, longest)))
    used = 0
    for c, weight in enumerate(weights):
        share = int(width * weight / sum(weights)) if c < cols - 1 else int(width) - used
        table.columns[c].width = share
        used += share
    for c, column in enumerate(frame.columns):
        table.cell(0, c).text = plain(column)
    for r, row in enumerate(texts, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r in range(rows):
        table.rows[r].height = row_height
        for c in range(cols):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Pt(1)
            cell.margin_left = cell.margin_right = Pt(4)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font)
    return table


def _table_slides(
    deck: _Deck,
    key: str,
    title: str,
    frame: pd.DataFrame,
    lang: str,
    *,
    note: str = "",
    rows: int = 16,
    blocks: int = 1,
    font: int = 10,
    max_slides: int | None = None,
) -> None:
    """Add `frame` as native tables: `rows` rows a block, `blocks` blocks side by side a slide.

    With `max_slides`, the rest is left out and the note says how many rows are shown.
    """
    per_slide = rows * blocks
    chunks = max(1, -(-len(frame) // per_slide))
    if max_slides is not None and chunks > max_slides:
        chunks = max_slides
        cut = t("brief.list.cut", lang, shown=fmt_int(per_slide * chunks, lang), n=fmt_int(len(frame), lang))
        note = f"{note} · {cut}" if note else cut
    left, top, width, height = _body_box()
    gap = Inches(0.3)
    block_width = int((width * 0.97 - gap * (blocks - 1)) / blocks)
    for i in range(chunks):
        heading = title if i == 0 else t("brief.heatmap_cont", lang, title=title, i=i + 1, n=chunks)
        slide = deck.slide(heading)
        if note:
            box = slide.shapes.add_textbox(_MARGIN, _BODY_TOP - Inches(0.3), _WIDE - 2 * _MARGIN, Inches(0.3))
            box.name = "note"
            box.text_frame.word_wrap = True
            box.text_frame.text = plain(note)
            for run in box.text_frame.paragraphs[0].runs:
                run.font.size = Pt(12)
                run.font.color.rgb = _MUTED
        for j in range(blocks):
            start = i * per_slide + j * rows
            part = frame.iloc[start : start + rows]
            if len(part):
                block = (left + j * (block_width + gap), top + Inches(0.1), block_width, height)
                _table_shape(slide, f"{key}:{i + 1}:{j + 1}", part, lang, block, font)


def _kpi_slide(deck: _Deck, briefing: Briefing) -> None:
    lang = briefing.lang
    slide = deck.slide(kpi_title(briefing.kpis, lang))
    left, top, width, _height = _body_box()
    gap = Inches(0.25)
    card = int((width - 3 * gap) / 4)
    for i, (label, value, detail) in enumerate(kpi_cards(briefing.kpis, lang)):
        box = slide.shapes.add_textbox(left + i * (card + gap), top + Inches(0.6), card, Inches(2.4))
        box.name = f"kpi:{i}"
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = plain(label)
        frame.paragraphs[0].runs[0].font.size = Pt(18)
        frame.paragraphs[0].runs[0].font.color.rgb = _MUTED
        for text, size, bold in ((value, 32, True), (detail, 18, False)):
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = plain(text)
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _TEXT


def _bubble_map(slide, frame: pd.DataFrame, lang: str) -> None:
    """Add the kecamatan map as a native bubble chart: longitude, latitude, innovations (named points)."""
    shown = frame[frame["jumlah"] > 0]
    data = TextBubbleChartData()
    series = data.add_series(t("axis.jumlah", lang))
    for _, row in shown.iterrows():
        series.add_data_point(float(row["lon"]), float(row["lat"]), float(row["jumlah"]))
    left, top, width, height = _body_box()
    graphic = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, left + Inches(1.5), top, width - Inches(3), height, data)
    graphic.name = "chart:kec_map"
    chart = graphic.chart
    _style_chart(chart, legend=False, font=10)
    plot = chart.plots[0]
    plot.bubble_scale = 30
    fill = plot.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = _rgb("#0072B2")
    for axis in (chart.value_axis, chart.category_axis):
        axis.has_major_gridlines = False
        axis.visible = False
    chart.value_axis.minimum_scale = float(frame["lat"].min()) - 0.05
    chart.value_axis.maximum_scale = float(frame["lat"].max()) + 0.05
    chart.category_axis.minimum_scale = float(frame["lon"].min()) - 0.05
    chart.category_axis.maximum_scale = float(frame["lon"].max()) + 0.05
    for index, (_, row) in enumerate(shown.iterrows()):
        label = plot.series[0].points[index].data_label
        label.text_frame.text = plain(f"{row['kecamatan']} ({fmt_int(row['jumlah'], lang)})")
        label.position = XL_LABEL_POSITION.CENTER
        label.font.size = Pt(8)


def _movement_chart(slide, view: ProgressView, lang: str) -> None:
    """The Sankey's native counterpart: rows = stage in the older version (and new), colours = stage in the newer."""
    flows = view.comparison.flows
    left = [n for n in (*STAGES, "baru") if n in set(flows["dari"])]
    right = [n for n in (*STAGES, "hilang") if n in set(flows["ke"])]
    matrix = flows.pivot_table(index="dari", columns="ke", values="jumlah", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(index=left, columns=right, fill_value=0)
    series = [
        (
            progress_charts.node_label(node, lang),
            matrix[node].astype(int).tolist(),
            STAGE_COLORS.get(node, progress_charts.MOVE_COLORS["hilang"]),
        )
        for node in right
    ]
    categories = [progress_charts.node_label(n, lang) for n in left]
    _category_chart(slide, "prog_sankey", XL_CHART_TYPE.BAR_STACKED, categories, series)


def briefing_pptx(briefing: Briefing) -> bytes:
    """Return the briefing as a PowerPoint deck (.pptx bytes): one finding per slide, native charts.

    Slides: cover; KPIs; 5D funnel; stages; years; leading OPDs; every OPD; the OPD x stage
    counts (tables); the kecamatan map (bubble chart); kecamatan by stage; OPDs and kecamatan
    without innovation (tables); then, when present, stages per version, the stage-to-stage
    movement, advances per OPD, stalled innovations (chart and tables).
    """
    lang = briefing.lang
    deck = _Deck(briefing)
    prs = deck.prs
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    title = cover.shapes.title
    title.text = plain(t("brief.doc_title", lang))
    title.left, title.top, title.width, title.height = _MARGIN, Inches(1.6), _WIDE - 2 * _MARGIN, Inches(1.6)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        _MARGIN,
        Inches(3.6),
        _WIDE - 2 * _MARGIN,
        Inches(2.2),
    )
    when = t("brief.generated", lang, when=fmt_datetime(briefing.generated_at, lang))
    subtitle.text_frame.text = plain(f"{briefing.data_text}\n{briefing.filter_text}\n{when}")
    for paragraph in subtitle.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)

    _kpi_slide(deck, briefing)
    f = briefing.filters
    funnel = briefing.funnel
    stage_names = [t(f"stagename.{s}", lang) for s in funnel.index]
    stage_colors = [STAGE_COLORS[s] for s in funnel.index]
    count_series = [(t("axis.jumlah", lang), funnel["jumlah"].astype(int).tolist(), "#0072B2")]
    slide = deck.slide(briefing.chart("funnel").title)
    _category_chart(
        slide,
        "funnel",
        XL_CHART_TYPE.BAR_CLUSTERED,
        stage_names,
        count_series,
        point_colors=stage_colors,
        dim=_dim(funnel.index, f.tahapan),
    )
    slide = deck.slide(briefing.chart("stage_bars").title)
    _category_chart(
        slide,
        "stage_bars",
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        stage_names,
        count_series,
        point_colors=stage_colors,
        dim=_dim(funnel.index, f.tahapan),
    )
    years = briefing.years
    if len(years):
        slide = deck.slide(briefing.chart("years").title)
        _category_chart(
            slide,
            "years",
            XL_CHART_TYPE.COLUMN_STACKED,
            [str(y) for y in years.index],
            _stage_series(years, lang),
            dim=_dim(years.index, range(f.tahun[0], f.tahun[1] + 1) if f.tahun else ()),
        )
    for key, table in (("leading", briefing.leading), ("opd_bars", briefing.opd_matrix)):
        if table.empty:
            continue
        slide = deck.slide(briefing.chart(key).title)
        _category_chart(
            slide,
            key,
            XL_CHART_TYPE.BAR_STACKED,
            [str(n) for n in table.index],
            _stage_series(table, lang),
            dim=_dim(table.index, f.opd),
            font=_font_for(len(table)),
            labels=len(table) <= 24,
        )
    heat = briefing.heat
    if len(heat):
        frame = heat[[*STAGES, "jumlah"]].reset_index()
        _table_slides(
            deck,
            "opd_heatmap",
            briefing.chart("opd_heatmap").title,
            _labelled(frame, lang),
            lang,
            rows=22,
            blocks=2,
            font=9,
        )
    if int(briefing.kec_map["jumlah"].sum()):
        _bubble_map(deck.slide(briefing.chart("kec_map").title), briefing.kec_map, lang)
    rows = briefing.kec_matrix[briefing.kec_matrix["baris"].isin(["kecamatan", "tidak_dikenal"])]
    if int(rows["jumlah"].sum()):
        slide = deck.slide(briefing.chart("kec_bars").title)
        _category_chart(
            slide,
            "kec_bars",
            XL_CHART_TYPE.BAR_STACKED,
            [str(n) for n in rows.index],
            _stage_series(rows, lang),
            dim=_dim(rows.index, f.kecamatan),
            font=_font_for(len(rows)),
            labels=len(rows) <= 30,
        )
    for table in briefing.tables:
        if table.key in ("no_opd", "no_kec"):
            _table_slides(deck, table.key, table.title, table.frame, lang, rows=18, blocks=2, font=11)
    if briefing.progress is not None:
        _progress_slides(deck, briefing, briefing.progress)
    return deck.finish()


def _progress_slides(deck: _Deck, briefing: Briefing, view: ProgressView) -> None:
    lang = briefing.lang
    counts = view.counts
    by_number = {v.number: v for v in view.timeline.versions}
    slide = deck.slide(briefing.chart("prog_versions").title)
    _category_chart(
        slide,
        "prog_versions",
        XL_CHART_TYPE.COLUMN_STACKED,
        [progress_charts.version_label(by_number[int(n)], lang) for n in counts.index],
        _stage_series(counts, lang),
    )
    if len(view.comparison.flows):
        _movement_chart(deck.slide(briefing.chart("prog_sankey").title), view, lang)
    # The same rows as the dashboard's charts (at most MAX_ROWS OPDs; the tables hold them all).
    moved = progress_charts.moved_opds(view.comparison.per_opd).head(progress_charts.MAX_ROWS)
    slide = deck.slide(briefing.chart("prog_opd").title)
    if len(moved):
        _category_chart(
            slide,
            "prog_opd",
            XL_CHART_TYPE.BAR_CLUSTERED,
            [str(n) for n in moved.index],
            [
                (t(f"prog.status.{s}", lang), moved[s].astype(int).tolist(), progress_charts.MOVE_COLORS[s])
                for s in ("naik", "turun")
            ],
            font=_font_for(len(moved)),
        )
    slide = deck.slide(briefing.chart("prog_stalled").title)
    matrix = view.stalled_matrix.head(progress_charts.MAX_ROWS)
    if len(matrix):
        _category_chart(
            slide,
            "prog_stalled",
            XL_CHART_TYPE.BAR_STACKED,
            [str(n) for n in matrix.index],
            _stage_series(matrix, lang),
            font=_font_for(len(matrix)),
        )
    for table in briefing.tables:
        if table.key == "prog_stalled_list" and len(table.frame):
            _table_slides(
                deck, table.key, table.title, table.frame, lang, note=table.note, rows=18, font=10, max_slides=2
            )
