"""What the Ringkasan page shows: the headline numbers, the 5D funnel, the years, the leading OPDs,
and who has no innovation yet. The briefing's overview and the presentation's first slides are
made from the same :func:`ringkasan_view`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import (
    count_without_year,
    kecamatan_without_innovation,
    kpis,
    leading_opds,
    opds_without_innovation,
    per_year_stage,
    stage_funnel,
)
from lebak_dash.charts.dashboard import leading_opd_figure, stage_funnel_figure, year_stage_figure
from lebak_dash.charts.style import ChartStyle
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_percent
from lebak_dash.views.labels import KpiCard, kpi_cards
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
    table = per_year_stage(records, selection.years)
    without = count_without_year(records)
    figure = year_stage_figure(table, lang=lang, style=style, selected=selection.chosen_years, without_year=without)
    return YearsChart(table, without, figure)


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
    funnel : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.stage_funnel`, ignoring the stage filter.
    funnel_figure : plotly.graph_objects.Figure
    years : YearsChart
    leading : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.leading_opds`, ignoring the OPD filter.
    leading_figure : plotly.graph_objects.Figure
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
    funnel: pd.DataFrame
    funnel_figure: go.Figure
    years: YearsChart
    leading: pd.DataFrame
    leading_figure: go.Figure
    no_opd: pd.DataFrame
    no_kec: pd.DataFrame
    no_opd_title: str
    no_kec_title: str


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
    funnel = stage_funnel(selection.view("tahapan"))
    leading = leading_opds(selection.view("opd"), reference, n=screen.leading_opds)
    no_opd = opds_without_innovation(selection.view("opd"), reference).rename(columns={"jenis": "kind"})
    no_kec = kecamatan_without_innovation(selection.view("kecamatan"), reference, long)
    return RingkasanView(
        header=page_header(selection, "ringkasan", lang),
        kpis=table,
        cards=kpi_cards(table, lang),
        finding=t(
            "brief.kpi.title",
            lang,
            count=int(table.loc["inovasi", "nilai"]),
            opd=t("count.agencies", lang, count=int(table.loc["opd", "nilai"])),
            pct=fmt_percent(table.loc["delivery_display", "persen"], lang),
        ),
        funnel=funnel,
        funnel_figure=stage_funnel_figure(funnel, lang=lang, style=screen.wide, selected=filters.tahapan),
        years=years_chart(selection, lang, screen.wide),
        leading=leading,
        leading_figure=leading_opd_figure(leading, lang=lang, style=screen.style, selected=filters.opd),
        no_opd=no_opd,
        no_kec=no_kec.rename(columns={"kode": "kode_kecamatan"}),
        no_opd_title=t("ringkasan.no_opd", lang, n=len(no_opd)),
        no_kec_title=t("ringkasan.no_kec", lang, n=len(no_kec)),
    )
