"""What the Tahapan 5D page shows: innovations per stage, the stages by year, one stage's innovations."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import stage_funnel
from lebak_dash.charts.dashboard import stage_bar_figure
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.views.ringkasan import YearsChart, years_chart
from lebak_dash.views.screen import DESK, Screen
from lebak_dash.views.selection import PageHeader, Selection, page_header


@dataclass(frozen=True, eq=False)
class TahapanView:
    """Everything the Tahapan 5D page shows above the list of one stage.

    Attributes
    ----------
    header : PageHeader
    funnel : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.stage_funnel`, ignoring the stage filter (the
        legend's counts too).
    bars_figure : plotly.graph_objects.Figure
    years : YearsChart
    """

    header: PageHeader
    funnel: pd.DataFrame
    bars_figure: go.Figure
    years: YearsChart


def tahapan_view(selection: Selection, lang: str = "id", screen: Screen = DESK) -> TahapanView:
    """Return what the Tahapan 5D page shows for `selection`."""
    funnel = stage_funnel(selection.view("tahapan"))
    return TahapanView(
        header=page_header(selection, "tahapan", lang),
        funnel=funnel,
        bars_figure=stage_bar_figure(funnel, lang=lang, style=screen.style, selected=selection.filters.tahapan),
        years=years_chart(selection, lang, screen.wide),
    )


@dataclass(frozen=True, eq=False)
class StageList:
    """The innovations of one stage (ignoring the stage filter, as the bars do)."""

    stage: str
    title: str
    records: pd.DataFrame


def stage_list(selection: Selection, stage: str, lang: str = "id") -> StageList:
    """Return the innovations of `stage` in `selection`, with the list's heading."""
    view = selection.view("tahapan")
    records = view[view["tahapan"].astype(object).to_numpy() == stage]
    return StageList(stage, t("tahapan.list", lang, stage=stage, n=fmt_int(len(records), lang)), records)
