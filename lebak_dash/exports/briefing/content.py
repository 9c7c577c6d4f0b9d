"""What the briefing holds: the dashboard pages' views for one dataset and set of filters.

:func:`build_briefing` calls the very view functions the pages call
(:func:`~lebak_dash.views.ringkasan.ringkasan_view`, :func:`~lebak_dash.views.opd.opd_view`,
:func:`~lebak_dash.views.tahapan.tahapan_view`, :func:`~lebak_dash.views.kecamatan.kecamatan_view`,
:func:`~lebak_dash.views.daftar.daftar_view`, and :func:`~lebak_dash.views.perkembangan.progress_charts`
when the store holds two versions or more), so the briefing shows what the pages show: each chart
sees the records without its own dimension's filter and dims the bars not chosen, as on screen.
Two pure renderers turn a :class:`Briefing` into bytes: :func:`lebak_dash.exports.briefing.html.
briefing_html` and :func:`lebak_dash.exports.briefing.pptx.briefing_pptx`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.listing import list_frame
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_datetime, fmt_int
from lebak_dash.views.daftar import daftar_view
from lebak_dash.views.dataset import Dataset
from lebak_dash.views.kecamatan import KecamatanView, kecamatan_view
from lebak_dash.views.labels import describe_filters, labelled
from lebak_dash.views.opd import OpdView, opd_view
from lebak_dash.views.perkembangan import ProgressCharts, ProgressView, progress_charts
from lebak_dash.views.ringkasan import RingkasanView, ringkasan_view
from lebak_dash.views.selection import select
from lebak_dash.views.tahapan import TahapanView, tahapan_view

#: Sections of the briefing, in order (the dashboard's pages, then progress, then the list).
SECTIONS: tuple[str, ...] = ("ringkasan", "opd", "tahapan", "kecamatan", "perkembangan", "daftar")
#: Findings in the deck's order (after the KPIs): chart keys and table keys.
SLIDE_ORDER: tuple[str, ...] = (
    "completeness",
    "funnel",
    "funnel_iid",
    "stage_bars",
    "stage_bars_iid",
    "years",
    "leading",
    "opd_bars",
    "opd_heatmap",
    "kec_map",
    "kec_bars",
    "urusan",
    "kematangan",
    "no_opd",
    "no_kec",
    "prog_versions",
    "prog_sankey",
    "prog_opd",
    "prog_stalled",
)
#: Most innovations listed in the HTML report (the full list is the Daftar page's Excel export).
LIST_LIMIT = 2000
_LIST_COLUMNS = ("kode", "nama", "opd", "tahapan", "tahapan_iid", "kecamatan", "tahun", "urusan")
#: Characters that may not appear in HTML or PowerPoint XML (dropped from user text).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


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
        The filter in words (``Filter: Tahapan 5D: Delivery``), as the pages name it.
    data_text : str
        Which data: file, version, upload time (or the sample's notice).
    generated_at : datetime
    records : pandas.DataFrame
        The innovations that pass the filters.
    ringkasan, opd, tahapan, kecamatan : RingkasanView, OpdView, TahapanView, KecamatanView
        What the dashboard pages show for the same data and filters (their default settings).
    charts : tuple of Chart
    tables : tuple of Table
    progress : ProgressView or None
        The progress part (None with fewer than two versions).
    title : str
        The document's title, naming the data's region (``Briefing Inovasi Daerah Kabupaten Lebak``).
    """

    lang: str
    filters: Filters
    filter_text: str
    data_text: str
    generated_at: dt.datetime
    records: pd.DataFrame
    ringkasan: RingkasanView
    opd: OpdView
    tahapan: TahapanView
    kecamatan: KecamatanView
    charts: tuple[Chart, ...]
    tables: tuple[Table, ...]
    progress: ProgressView | None
    title: str = ""

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
        rows = [(t("brief.section.ringkasan", lang), self.ringkasan.finding)]
        for key in SLIDE_ORDER:
            if key in by_key:
                section, title = by_key[key]
                rows.append((t(f"brief.section.{section}", lang), title))
        return pd.DataFrame(rows, columns=["bagian", "temuan"])


def figure_title(figure: go.Figure) -> str:
    """Return a figure's title as plain text (line breaks joined, HTML entities decoded)."""
    text = figure.layout.title.text or ""
    return html.unescape(text.replace("<br>", " "))


def plain(text: object) -> str:
    """Return user text fit for HTML and PowerPoint XML (control characters dropped)."""
    return CONTROL_CHARACTERS.sub("", str(text))


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
        return fmt_int(int(value), lang), True
    if isinstance(value, float | np.floating):
        number = float(value)
        return (fmt_int(number, lang), True) if number.is_integer() else (f"{number:.1f}", True)
    if isinstance(value, pd.Timestamp | dt.date):
        return fmt_date(value, lang), False
    return str(value), False


def cell_text(column: object, value: object, lang: str) -> tuple[str, bool]:
    """Return :func:`_cell` of `value`, but a year as a plain number (2019, never 2.019)."""
    is_year = str(column) in ("tahun", t("col.tahun", "id"), t("col.tahun", "en"))
    if is_year and isinstance(value, int | np.integer | float) and not pd.isna(value):
        return str(int(value)), True
    return _cell(value, lang)


def filter_text(filters: Filters, lang: str = "id") -> str:
    """Return the filters in words, as the pages name them (``Filter: Tahun 2019-2021 · OPD: ...``).

    Examples
    --------
    >>> filter_text(Filters(tahun=(2019, 2021), tahapan=("Delivery",)))
    'Filter: Tahun 2019-2021 · Tahapan 5D: Delivery'
    >>> filter_text(Filters())
    'Filter: tidak ada (semua inovasi)'
    """
    items = describe_filters(filters, lang)
    return t("brief.filter", lang, items=items) if items else t("brief.filter_none", lang)


def data_text(dataset: Dataset, lang: str = "id") -> str:
    """Return which data the briefing shows: file, version and upload time (or the sample's notice)."""
    filename = str(dataset.filename)
    if dataset.is_sample or dataset.version is None:
        return t("brief.data_sample", lang, filename=filename)
    return t(
        "brief.data",
        lang,
        filename=filename,
        version=dataset.version,
        uploaded=fmt_datetime(dataset.uploaded_at, lang),
    )


def _progress_tables(view: ProgressView, charts: ProgressCharts, lang: str) -> list[Table]:
    comparison = view.comparison
    a, b = comparison.a.label, comparison.b.label
    per_opd = comparison.per_opd.reset_index()
    stalled = view.stalled[["opd", "kode", "nama", "tahapan", "versi", "sejak", "bulan"]].copy()
    changes = comparison.table[comparison.table["status"] != "tetap"]
    shown = ["kode", "nama", "opd", "dari", "ke", "turunan", "status", "langkah"]
    changes = changes[[c for c in shown if c in changes.columns]].copy()
    changes["status"] = changes["status"].map(lambda s: t(f"prog.status.{s}", lang))
    return [
        Table("prog_per_opd", "perkembangan", t("prog.per_opd_table", lang), labelled(per_opd, lang)),
        Table(
            "prog_stalled_list",
            "perkembangan",
            t("brief.stalled_table", lang),
            labelled(stalled, lang),
            charts.rule_text,
        ),
        Table("prog_changes", "perkembangan", t("brief.changes_table", lang, a=a, b=b), labelled(changes, lang)),
    ]


def _completeness_table(ringkasan: RingkasanView, lang: str) -> Table:
    """Return the completeness panel as a table: what is missing, how many, of how many."""
    frame = pd.DataFrame(
        {
            "kelengkapan": [gap.label for gap in ringkasan.gaps],
            "kosong": [gap.count for gap in ringkasan.gaps],
            "keterangan": [gap.text for gap in ringkasan.gaps],
        }
    )
    missing = sum(gap.count for gap in ringkasan.gaps)
    title = t("brief.completeness", lang) if missing else t("brief.completeness_none", lang)
    return Table("completeness", "ringkasan", title, labelled(frame, lang), t("ringkasan.completeness_help", lang))


def _list_table(records: pd.DataFrame, lang: str) -> Table:
    listing = list_frame(records)
    listing = listing[[c for c in _LIST_COLUMNS if c in listing.columns]]
    note = ""
    if len(listing) > LIST_LIMIT:
        note = t("brief.list.cut", lang, shown=fmt_int(LIST_LIMIT, lang), n=fmt_int(len(listing), lang))
        listing = listing.head(LIST_LIMIT)
    title = t("brief.list.title", lang, count=len(records))
    return Table("list", "daftar", title, labelled(listing, lang), note)


def build_briefing(
    dataset: Dataset,
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
        The data on screen.
    filters : Filters
        The shared filters in force.
    lang : {"id", "en"}
    progress : ProgressView, optional
        :func:`lebak_dash.views.perkembangan.progress_view` of the store's versions under the same
        filters.
    generated_at : datetime, optional
        When the briefing was made (default: now).

    Returns
    -------
    Briefing
    """
    selection = select(dataset, filters)
    ringkasan = ringkasan_view(selection, lang)
    opd = opd_view(selection, lang)
    tahapan = tahapan_view(selection, lang)
    kecamatan = kecamatan_view(selection, lang)
    records = daftar_view(selection, "", lang).records
    figures = [Chart(stage.key, "ringkasan", stage.figure) for stage in ringkasan.stages]
    figures += [
        Chart("years", "ringkasan", ringkasan.years.figure),
        Chart("leading", "ringkasan", ringkasan.leading_figure),
    ]
    figures += [
        Chart(k, "ringkasan", c.figure)
        for k, c in (("urusan", ringkasan.urusan), ("kematangan", ringkasan.maturity))
        if c
    ]
    figures += [
        Chart("opd_bars", "opd", opd.bars_figure),
        Chart("opd_heatmap", "opd", opd.heat_figure),
    ]
    figures += [Chart(bars.key, "tahapan", bars.figure) for bars in tahapan.bars]
    if kecamatan.map_figure is not None:
        figures.append(Chart("kec_map", "kecamatan", kecamatan.map_figure))
    figures.append(Chart("kec_bars", "kecamatan", kecamatan.bars_figure))
    reference = dataset.reference
    n_opd, n_kec = len(reference.opd_names), len(reference.kecamatan_names)
    no_opd, no_kec = ringkasan.no_opd, ringkasan.no_kec
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
    tables = [
        _completeness_table(ringkasan, lang),
        Table("no_opd", "ringkasan", no_opd_title, labelled(no_opd, lang)),
        Table("no_kec", "ringkasan", no_kec_title, labelled(no_kec, lang)),
        Table("kec_table", "kecamatan", t("brief.kec_table", lang), labelled(kecamatan.table, lang)),
    ]
    if progress is not None:
        charts = progress_charts(progress, lang)
        figures += [
            Chart("prog_versions", "perkembangan", charts.versions_figure),
            Chart("prog_sankey", "perkembangan", charts.sankey_figure),
            Chart("prog_opd", "perkembangan", charts.opd_figure),
            Chart("prog_stalled", "perkembangan", charts.stalled_figure),
        ]
        tables += _progress_tables(progress, charts, lang)
    tables.append(_list_table(records, lang))
    return Briefing(
        lang=lang,
        filters=filters,
        filter_text=filter_text(filters, lang),
        data_text=data_text(dataset, lang),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        records=records,
        ringkasan=ringkasan,
        opd=opd,
        tahapan=tahapan,
        kecamatan=kecamatan,
        charts=tuple(figures),
        tables=tuple(tables),
        progress=progress,
        title=t("brief.doc_title", lang, region=dataset.reference.region.full_name),
    )
