"""What the OPD page shows: every OPD stacked by stage, the OPD x stage heat map, one OPD's profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import GAP_KIND, OTHER_KIND, opd_stage_matrix, per_year_stage, stage_funnel
from lebak_dash.analysis.stages import opd_mask
from lebak_dash.charts.dashboard import (
    opd_count_title,
    opd_heatmap_figure,
    opd_stage_figure,
    stage_bar_figure,
    year_stage_figure,
)
from lebak_dash.i18n import t
from lebak_dash.records.schema import NO_OPD
from lebak_dash.views.screen import DESK, Screen
from lebak_dash.views.selection import PageHeader, Selection, page_header

#: Orders of the OPD bars: most innovations first, or by name.
SORTS: tuple[str, ...] = ("jumlah", "nama")


@dataclass(frozen=True, eq=False)
class OpdView:
    """Everything the OPD page shows above the profile.

    Attributes
    ----------
    header : PageHeader
    matrix : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.opd_stage_matrix` of every OPD (zeros included),
        ignoring the OPD filter.
    shown : pandas.DataFrame
        The rows the bars show (without the zero rows when they are hidden).
    bars_figure : plotly.graph_objects.Figure
        Titled with the count of every OPD of the list, also when the zero rows are hidden.
    heat : pandas.DataFrame
        OPD x stage counts of the filtered records (OPDs with innovations only).
    heat_figure : plotly.graph_objects.Figure
    first_opd : str or None
        The OPD the profile shows unless one is chosen: the first one filtered, else the first bar.
    """

    header: PageHeader
    matrix: pd.DataFrame
    shown: pd.DataFrame
    bars_figure: go.Figure
    heat: pd.DataFrame
    heat_figure: go.Figure
    first_opd: str | None


def opd_view(
    selection: Selection,
    lang: str = "id",
    screen: Screen = DESK,
    *,
    sort: str = "jumlah",
    by_kind: bool = True,
    zeros: bool = True,
) -> OpdView:
    """Return what the OPD page shows for `selection` and the page's own settings.

    Parameters
    ----------
    selection : Selection
    lang : {"id", "en"}
    screen : Screen
    sort : {"jumlah", "nama"}
        Most innovations first, or by name.
    by_kind : bool
        Group the OPDs by kind (Dinas, Badan, Kecamatan...).
    zeros : bool
        Show the OPDs with no innovation as rows too.
    """
    filters, reference, scheme = selection.filters, selection.reference, selection.stages
    matrix = opd_stage_matrix(selection.view("opd"), reference, sort=sort, by_kind=by_kind, scheme=scheme)
    shown = matrix if zeros else matrix[matrix["jumlah"] > 0]
    bars = opd_stage_figure(
        shown,
        lang=lang,
        style=screen.style,
        selected=filters.opd,
        by_kind=by_kind,
        kind_labels=screen.kind_labels,
        title=opd_count_title(matrix, lang),
        short=reference.opd_short,
    )
    heat = opd_stage_matrix(selection.records, reference, include_zero=False, sort=sort, by_kind=by_kind, scheme=scheme)
    first = filters.opd[0] if filters.opd else (str(shown.index[0]) if len(shown) else None)
    return OpdView(
        header=page_header(selection, "opd", lang),
        matrix=matrix,
        shown=shown,
        bars_figure=bars,
        heat=heat,
        heat_figure=opd_heatmap_figure(heat, lang=lang, style=screen.style, short=reference.opd_short),
        first_opd=first,
    )


@dataclass(frozen=True, eq=False)
class OpdProfile:
    """One OPD's innovations (ignoring the OPD filter, as the bars do).

    Attributes
    ----------
    opd : str
    kind : str
        The OPD's kind in words (``Jenis: Dinas``).
    kind_name : str
        The kind alone, as the OPD list writes it (user text: a page escapes it).
    records : pandas.DataFrame
        Its innovations under the other filters.
    stage_figures : tuple of plotly.graph_objects.Figure
        Its innovations per stage, one figure per stage model of the data (none when it has none).
    years_figure : plotly.graph_objects.Figure or None
        Its innovations per year (None when it has none).
    stage_frames : tuple of pandas.DataFrame
        The funnels `stage_figures` are drawn from, in the same order.
    years_frame : pandas.DataFrame
        The per-year counts `years_figure` is drawn from (empty when it has none).
    """

    opd: str
    kind: str
    kind_name: str
    records: pd.DataFrame
    stage_figures: tuple[go.Figure, ...]
    years_figure: go.Figure | None
    stage_frames: tuple[pd.DataFrame, ...] = ()
    years_frame: pd.DataFrame = field(default_factory=pd.DataFrame)


def opd_profile(
    selection: Selection, opd: str, kinds: Mapping[str, str], lang: str = "id", screen: Screen = DESK
) -> OpdProfile:
    """Return the profile of `opd` in `selection`.

    Parameters
    ----------
    selection : Selection
    opd : str
    kinds : mapping of str to str
        OPD name to kind (:attr:`~lebak_dash.analysis.filters.FilterOptions.kinds`).
    lang : {"id", "en"}
    screen : Screen
    """
    view = selection.view("opd")
    own = view[opd_mask(view, (opd,))]
    scheme = selection.stages
    stages: tuple[go.Figure, ...] = ()
    funnels: tuple[pd.DataFrame, ...] = ()
    years = None
    per_year = pd.DataFrame()
    if len(own):
        funnels = tuple(stage_funnel(own, model, scheme) for model in scheme.models)
        stages = tuple(stage_bar_figure(funnel, lang=lang, style=screen.style) for funnel in funnels)
        per_year = per_year_stage(own, scheme=scheme)
        years = year_stage_figure(per_year, lang=lang, style=screen.style)
    name = GAP_KIND if opd == NO_OPD else kinds.get(opd, OTHER_KIND)
    kind = t("opd.profile_kind", lang, kind=name)
    return OpdProfile(
        opd=opd,
        kind=kind,
        kind_name=name,
        records=own,
        stage_figures=stages,
        years_figure=years,
        stage_frames=funnels,
        years_frame=per_year,
    )
