"""What the Tahapan page shows: innovations per stage of each model the data holds (the 5D stages,
IID's three stages, or both), the stages by year, one stage's innovations."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import stage_funnel
from lebak_dash.analysis.stages import MODEL_5D, stage_mask
from lebak_dash.charts.dashboard import stage_bar_figure
from lebak_dash.charts.style import stage_label
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.views.ringkasan import YearsChart, years_chart
from lebak_dash.views.screen import DESK, Screen
from lebak_dash.views.selection import PageHeader, Selection, page_header


@dataclass(frozen=True, eq=False)
class StageBars:
    """One stage model's bars.

    Attributes
    ----------
    model : {"5d", "iid"}
    key : str
        Stable name of the chart (``stage_bars`` for 5D, ``stage_bars_iid`` for IID).
    funnel : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.stage_funnel`, ignoring the stage filter (the
        legend's counts too).
    figure : plotly.graph_objects.Figure
    """

    model: str
    key: str
    funnel: pd.DataFrame
    figure: go.Figure


@dataclass(frozen=True, eq=False)
class TahapanView:
    """Everything the Tahapan page shows above the list of one stage.

    Attributes
    ----------
    header : PageHeader
        Titled after the data's models (5D, IID or both).
    bars : tuple of StageBars
        One per stage model of the data.
    choices : tuple of str
        The stages whose innovations the page can list: each model's, then ``Tahap belum diisi``
        when the data has innovations with no stage.
    years : YearsChart
    """

    header: PageHeader
    bars: tuple[StageBars, ...]
    choices: tuple[str, ...]
    years: YearsChart

    @property
    def funnel(self) -> pd.DataFrame:
        """Return the first model's counts (5D when the data has 5D stages)."""
        return self.bars[0].funnel

    @property
    def bars_figure(self) -> go.Figure:
        """Return the first model's bars."""
        return self.bars[0].figure


def tahapan_view(selection: Selection, lang: str = "id", screen: Screen = DESK) -> TahapanView:
    """Return what the Tahapan page shows for `selection`."""
    records, scheme = selection.view("tahapan"), selection.stages
    bars = []
    for model in scheme.models:
        funnel = stage_funnel(records, model, scheme)
        figure = stage_bar_figure(funnel, lang=lang, style=screen.style, selected=selection.filters.tahapan)
        bars.append(StageBars(model, "stage_bars" if model == MODEL_5D else f"stage_bars_{model}", funnel, figure))
    return TahapanView(
        header=page_header(selection, "tahapan", lang),
        bars=tuple(bars),
        choices=scheme.columns,
        years=years_chart(selection, lang, screen.wide),
    )


@dataclass(frozen=True, eq=False)
class StageList:
    """The innovations of one stage (ignoring the stage filter, as the bars do)."""

    stage: str
    title: str
    records: pd.DataFrame


def stage_list(selection: Selection, stage: str, lang: str = "id") -> StageList:
    """Return the innovations of `stage` (of either model, or ``Tahap belum diisi``) in `selection`,
    with the list's heading."""
    view = selection.view("tahapan")
    records = view[stage_mask(view, (stage,))]
    title = t("tahapan.list", lang, stage=stage_label(stage, lang), n=fmt_int(len(records), lang))
    return StageList(stage, title, records)
