"""What the Kecamatan page shows: every kecamatan of the list (zeros included), region-wide and not-stated
apart, the offline map (filled kecamatan shapes with boundaries, else circles at the centroids, or, for a list
without centroids, how to add a map), the kecamatan x stage bars and table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lebak_dash.analysis.aggregate import kecamatan_map_frame, kecamatan_stage_matrix
from lebak_dash.charts.dashboard import kecamatan_stage_figure
from lebak_dash.charts.kecamatan_map import kecamatan_map_figure
from lebak_dash.charts.kecamatan_shapes import kecamatan_shapes_figure
from lebak_dash.i18n import t
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED
from lebak_dash.views.screen import DESK, Screen
from lebak_dash.views.selection import PageHeader, Selection, page_header


@dataclass(frozen=True, eq=False)
class KecamatanView:
    """Everything the Kecamatan page shows (every part ignores the kecamatan filter and dims).

    Attributes
    ----------
    header : PageHeader
    matrix : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.kecamatan_stage_matrix`.
    wide, unstated : int
        Kabupaten-wide innovations and those naming no kecamatan (counted apart).
    unknown : tuple of str
        Kecamatan names of the data that are not in the reference list.
    map_frame : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.kecamatan_map_frame`.
    map_figure : plotly.graph_objects.Figure or None
        :func:`~lebak_dash.charts.kecamatan_shapes.kecamatan_shapes_figure` when the reference has
        boundaries, else :func:`~lebak_dash.charts.kecamatan_map.kecamatan_map_figure` when the
        kecamatan list has centroids, else None (a new region's list): the bars stand alone.
    map_hint : str
        Without a map, how to add one (empty with a map).
    bars_figure : plotly.graph_objects.Figure
    table : pandas.DataFrame
        The matrix as the page's table (``kecamatan``, stage keys, ``jumlah``).
    filled_map : bool
        The map draws kecamatan shapes (boundaries are in use), not circles at the centroids.
    """

    header: PageHeader
    matrix: pd.DataFrame
    wide: int
    unstated: int
    unknown: tuple[str, ...]
    map_frame: pd.DataFrame
    map_figure: go.Figure | None
    bars_figure: go.Figure
    table: pd.DataFrame
    filled_map: bool = False
    map_hint: str = ""


def kecamatan_view(selection: Selection, lang: str = "id", screen: Screen = DESK) -> KecamatanView:
    """Return what the Kecamatan page shows for `selection`."""
    view = selection.view("kecamatan")
    reference, long, chosen = selection.reference, selection.kecamatan_long, selection.filters.kecamatan
    matrix = kecamatan_stage_matrix(view, reference, long, selection.stages)
    wide, unstated = int(matrix.loc[KABUPATEN_WIDE, "jumlah"]), int(matrix.loc[NOT_STATED, "jumlah"])
    frame = kecamatan_map_frame(view, reference, long)
    common: dict[str, Any] = {
        "lang": lang,
        "style": screen.style,
        "selected": chosen,
        "kabupaten_wide": wide,
        "height": screen.map_height,
        "label_canvases": screen.map_label_canvases,
        "scale_below": screen.map_scale_below,
        # Explained on the map itself, or beside it (the big screen's slide): no subtitle.
        "subtitle": None if screen.map_explained else "",
    }
    boundaries = reference.boundaries
    filled = boundaries is not None and bool(boundaries.shapes)
    map_figure: go.Figure | None
    if boundaries is not None and filled:
        # A filled map cannot be read without its colour scale: always drawn.
        map_figure = kecamatan_shapes_figure(frame, boundaries, show_scale=True, **common)
    elif reference.has_centroids:
        map_figure = kecamatan_map_figure(frame, show_scale=screen.map_explained, **common)
    else:
        map_figure = None
    bars = kecamatan_stage_figure(
        matrix, lang=lang, style=screen.wide, selected=chosen, vertical=screen.upright_kecamatan
    )
    return KecamatanView(
        header=page_header(selection, "kecamatan", lang),
        matrix=matrix,
        wide=wide,
        unstated=unstated,
        unknown=tuple(str(n) for n in matrix.index[matrix["baris"] == "tidak_dikenal"]),
        map_frame=frame,
        map_figure=map_figure,
        bars_figure=bars,
        table=matrix.drop(columns=["baris"]).reset_index(),
        filled_map=filled,
        map_hint="" if map_figure is not None else t("kecamatan.no_map", lang, region=reference.region.full_name),
    )
