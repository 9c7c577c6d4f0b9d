"""What the Ringkasan page shows: the headline numbers, the stage funnels (5D, IID's three stages, or
both: the pages follow the data), the years, the leading OPDs, the urusan and maturity charts
(where the data has them), what the data lacks (the completeness panel) and who has no
innovation yet. The briefing's overview and the presentation's first slides are made from the same
:func:`ringkasan_view`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import (
    completeness,
    count_per_urusan,
    count_without,
    count_without_year,
    kecamatan_without_innovation,
    kpis,
    leading_opds,
    maturity_bands,
    opds_without_innovation,
    per_year_stage,
    stage_funnel,
)
from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.query import MISSING_DIMENSIONS, missing_filters
from lebak_dash.analysis.stages import MODEL_5D
from lebak_dash.charts.dashboard import (
    leading_opd_figure,
    maturity_figure,
    stage_funnel_figure,
    urusan_figure,
    year_stage_figure,
)
from lebak_dash.charts.style import ChartStyle
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int, fmt_percent
from lebak_dash.views.labels import KpiCard, kpi_cards, models_suffix
from lebak_dash.views.screen import DESK, Screen
from lebak_dash.views.selection import PageHeader, Selection, page_header


@dataclass(frozen=True, eq=False)
class YearsChart:
    """Innovations per year and stage, as a chart that ignores the year filter (and dims instead).

    Attributes
    ----------
    table : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.per_year_stage` over every year of the data.
    without_year : int
        Innovations with no year (named in the subtitle, not drawn).
    figure : plotly.graph_objects.Figure
    """

    table: pd.DataFrame
    without_year: int
    figure: go.Figure


def years_chart(selection: Selection, lang: str, style: ChartStyle) -> YearsChart:
    """Return the years chart of `selection` (the Ringkasan and Tahapan pages show it)."""
    records = selection.view("tahun")
    table = per_year_stage(records, selection.years, selection.stages)
    without = count_without_year(records)
    figure = year_stage_figure(table, lang=lang, style=style, selected=selection.chosen_years, without_year=without)
    return YearsChart(table, without, figure)


@dataclass(frozen=True, eq=False)
class StageChart:
    """One stage model's funnel, ignoring the stage filter (and dimming instead).

    Attributes
    ----------
    model : {"5d", "iid"}
    key : str
        Stable name of the chart (``funnel`` for 5D, ``funnel_iid`` for IID): the briefing's and
        the page's chart names.
    funnel : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.stage_funnel` of the model (with the gap row when the
        data has innovations with no stage).
    figure : plotly.graph_objects.Figure
    """

    model: str
    key: str
    funnel: pd.DataFrame
    figure: go.Figure


def stage_charts(selection: Selection, lang: str, style: ChartStyle) -> tuple[StageChart, ...]:
    """Return one funnel per stage model of the data (5D, IID, or both, in that order)."""
    records = selection.view("tahapan")
    charts = []
    for model in selection.stages.models:
        funnel = stage_funnel(records, model, selection.stages)
        figure = stage_funnel_figure(funnel, lang=lang, style=style, selected=selection.filters.tahapan)
        charts.append(StageChart(model, "funnel" if model == MODEL_5D else f"funnel_{model}", funnel, figure))
    return tuple(charts)


@dataclass(frozen=True, eq=False)
class CountChart:
    """A chart of counts with what it leaves out: the urusan bars, the maturity histogram.

    Attributes
    ----------
    table : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.count_per_urusan` or
        :func:`~lebak_dash.analysis.aggregate.maturity_bands`.
    without : int
        Innovations with no value (named in the subtitle, not drawn).
    figure : plotly.graph_objects.Figure
    """

    table: pd.DataFrame
    without: int
    figure: go.Figure


def urusan_chart(selection: Selection, lang: str, style: ChartStyle) -> CountChart | None:
    """Return innovations per urusan, ignoring the urusan filter (None when the data has no urusan)."""
    if "urusan" not in selection.dataset.filled:
        return None
    records = selection.view("urusan")
    table = count_per_urusan(records)
    without = count_without(records, "urusan")
    figure = urusan_figure(table, lang=lang, style=style, selected=selection.filters.urusan, without=without)
    return CountChart(table, without, figure)


def maturity_chart(selection: Selection, lang: str, style: ChartStyle) -> CountChart | None:
    """Return the maturity score histogram (None when the data has no score)."""
    if "kematangan" not in selection.dataset.filled:
        return None
    records = selection.records
    table = maturity_bands(records)
    scores = pd.to_numeric(records["kematangan"], errors="coerce").dropna()
    median = float(scores.median()) if len(scores) else None
    without = count_without(records, "kematangan")
    return CountChart(table, without, maturity_figure(table, lang=lang, style=style, median=median, without=without))


@dataclass(frozen=True)
class Gap:
    """One line of the completeness panel: how many innovations lack one thing, and the list of them.

    Attributes
    ----------
    dimension : {"opd", "tahapan", "kecamatan", "tahun"}
    label : str
        What is missing (``Tanpa OPD``).
    count, total : int
        Innovations lacking it, of the innovations counted (the filters in force, without the
        dimension's own).
    text : str
        ``12 dari 480 (3%)``.
    link : str
        The link's text (``Lihat 12 inovasi``).
    filters : Filters
        The filters of the list of exactly those innovations (:func:`~lebak_dash.analysis.query.missing_filters`).
    """

    dimension: str
    label: str
    count: int
    total: int
    text: str
    link: str
    filters: Filters


def completeness_gaps(selection: Selection, lang: str) -> tuple[Gap, ...]:
    """Return the completeness panel: innovations with no OPD, no stage, no kecamatan, no year.

    Each is counted in the records under every filter but its own dimension's, so its link (the
    current filters with that dimension set to "missing") lists exactly the innovations counted.
    """
    views = {d: selection.view(d) for d in MISSING_DIMENSIONS}
    table = completeness(selection.records, views, selection.kecamatan_long)
    gaps = []
    for dimension in MISSING_DIMENSIONS:
        count, total = int(table.loc[dimension, "kosong"]), int(table.loc[dimension, "dari"])
        share = fmt_percent(table.loc[dimension, "persen"], lang)
        gaps.append(
            Gap(
                dimension=dimension,
                label=t(f"ringkasan.gap.{dimension}", lang),
                count=count,
                total=total,
                text=t("ringkasan.gap.text", lang, n=fmt_int(count, lang), total=fmt_int(total, lang), pct=share),
                link=t("ringkasan.gap.link", lang, count=count),
                filters=missing_filters(selection.filters, dimension),
            )
        )
    return tuple(gaps)


@dataclass(frozen=True, eq=False)
class RingkasanView:
    """Everything the Ringkasan page shows.

    Attributes
    ----------
    header : PageHeader
    kpis : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.kpis` of the filtered records.
    cards : tuple of KpiCard
        The four headline cards.
    finding : str
        The cards in one sentence (the briefing's first finding).
    stages : tuple of StageChart
        One funnel per stage model of the data (5D, IID, or both), ignoring the stage filter.
    years : YearsChart
    leading : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.leading_opds`, ignoring the OPD filter.
    leading_figure : plotly.graph_objects.Figure
    urusan : CountChart or None
        Innovations per urusan, ignoring the urusan filter (None: the data has no urusan).
    maturity : CountChart or None
        The maturity score histogram (None: the data has no score).
    gaps : tuple of Gap
        The completeness panel.
    no_opd : pandas.DataFrame
        Reference OPDs with no innovation (``opd``, ``kind``), ignoring the OPD filter.
    no_kec : pandas.DataFrame
        Kecamatan no innovation names (``kode_kecamatan``, ``kecamatan``), ignoring the kecamatan
        filter.
    no_opd_title, no_kec_title : str
        Headings of the two lists.
    """

    header: PageHeader
    kpis: pd.DataFrame
    cards: tuple[KpiCard, ...]
    finding: str
    stages: tuple[StageChart, ...]
    years: YearsChart
    leading: pd.DataFrame
    leading_figure: go.Figure
    urusan: CountChart | None
    maturity: CountChart | None
    gaps: tuple[Gap, ...]
    no_opd: pd.DataFrame
    no_kec: pd.DataFrame
    no_opd_title: str
    no_kec_title: str

    @property
    def funnel(self) -> pd.DataFrame:
        """Return the first stage model's funnel (5D when the data has 5D stages)."""
        return self.stages[0].funnel

    @property
    def funnel_figure(self) -> go.Figure:
        """Return the first stage model's funnel figure."""
        return self.stages[0].figure


def ringkasan_view(selection: Selection, lang: str = "id", screen: Screen = DESK) -> RingkasanView:
    """Return what the Ringkasan page shows for `selection`.

    Parameters
    ----------
    selection : Selection
        The dataset under the filters (:func:`~lebak_dash.views.selection.select`).
    lang : {"id", "en"}
    screen : Screen
        :data:`~lebak_dash.views.screen.DESK`, or the presentation's big screen.
    """
    filters, reference, long = selection.filters, selection.reference, selection.kecamatan_long
    table = kpis(selection.records, reference, long)
    leading = leading_opds(selection.view("opd"), reference, n=screen.leading_opds, scheme=selection.stages)
    no_opd = opds_without_innovation(selection.view("opd"), reference).rename(columns={"jenis": "kind"})
    no_kec = kecamatan_without_innovation(selection.view("kecamatan"), reference, long)
    cards = kpi_cards(table, lang, selection.stages)
    return RingkasanView(
        header=page_header(selection, "ringkasan", lang),
        kpis=table,
        cards=cards,
        finding=t(
            f"brief.kpi.title{models_suffix(selection.stages)}",
            lang,
            count=int(table.loc["inovasi", "nilai"]),
            opd=t("count.agencies", lang, count=int(table.loc["opd", "nilai"])),
            pct=fmt_percent(table.loc["delivery_display", "persen"], lang),
        ),
        stages=stage_charts(selection, lang, screen.wide),
        years=years_chart(selection, lang, screen.wide),
        leading=leading,
        leading_figure=leading_opd_figure(
            leading, lang=lang, style=screen.style, selected=filters.opd, short=selection.reference.opd_short
        ),
        urusan=urusan_chart(selection, lang, screen.wide),
        maturity=maturity_chart(selection, lang, screen.wide),
        gaps=completeness_gaps(selection, lang),
        no_opd=no_opd,
        no_kec=no_kec.rename(columns={"kode": "kode_kecamatan"}),
        no_opd_title=t("ringkasan.no_opd", lang, n=len(no_opd)),
        no_kec_title=t("ringkasan.no_kec", lang, n=len(no_kec)),
    )
