"""The filled kecamatan map: each kecamatan's polygon coloured by its innovation count.

Nothing is fetched: plotly's geo maps load their base map (topojson) from a CDN, so the shapes are
plain lon/lat polygons (``go.Scatter(fill="toself")``) on hidden axes kept at equal distances
(``scaleanchor``). Each shape shows the kecamatan's name and count on hover anywhere inside it
(``hoveron="fills"``, the trace's ``text``). Streamlit's selection events reach scatter points, not
fills: invisible markers carry the click (``customdata`` ``[name, count]``, as the bars do, so
:func:`lebak_dash.analysis.query.selection_values` reads it) and the same hover: one at each
kecamatan's label point, then a grid of them inside each shape (about 10 px apart on the desk's
map), so a click anywhere inside a kecamatan selects it. The names are chosen by
:func:`lebak_dash.charts.map_labels.label_tiers`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale

from lebak_dash.charts.kecamatan_map import map_colorbar, map_title
from lebak_dash.charts.map_labels import Canvas, label_tiers, name_traces
from lebak_dash.charts.style import LIGHT, ChartStyle, build_figure, empty_figure, html_text, opacity_for
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.boundaries import KecamatanBoundaries, KecamatanShape, Rings

#: Where a name may go around its label point: centred first, then below, above or beside it.
SHAPE_LABEL_PLACES = ("middle center", "bottom center", "top center", "middle right", "middle left")
#: A name on a dark fill: light, with a dark halo.
LIGHT_TEXT, DARK_HALO = "#FFFFFF", "#0B1B2B"


def is_dark(color: str) -> bool:
    """Return True when an ``rgb(r, g, b)`` or ``#rrggbb`` colour is dark (relative luminance under 0.4).

    Examples
    --------
    >>> is_dark("rgb(8, 48, 107)"), is_dark("#DCEBF7")
    (True, False)
    """
    if color.startswith("#"):
        r, g, b = (float(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    else:
        r, g, b = (float(v) for v in color[color.index("(") + 1 : color.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.4


def _outline(polygons: Sequence[Rings]) -> tuple[list[float | None], list[float | None]]:
    """Return the x and y of every ring, separated by None (one filled trace draws them all)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for rings in polygons:
        for ring in rings:
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
            xs.append(None)
            ys.append(None)
    return xs, ys


def fill_colors(counts: np.ndarray, style: ChartStyle) -> list[str]:
    """Return the fill of each count: the sequential scale from 1 to the largest, a pale grey for 0.

    Examples
    --------
    >>> fill_colors(np.array([0, 1, 4]), LIGHT)[0]
    'rgba(154,165,177,0.18)'
    """
    biggest = max(1, int(counts.max())) if len(counts) else 1
    scale = [[0, style.scale_colors[0]], [1, style.scale_colors[1]]]
    zero = style.zero_color.lstrip("#")
    pale = f"rgba({int(zero[0:2], 16)},{int(zero[2:4], 16)},{int(zero[4:6], 16)},0.18)"
    shades = sample_colorscale(scale, [float(n) / biggest for n in counts]) if len(counts) else []
    return [pale if n == 0 else shade for n, shade in zip(counts, shades, strict=True)]


def kecamatan_shapes_figure(
    frame: pd.DataFrame,
    boundaries: KecamatanBoundaries,
    *,
    lang: str = "id",
    style: ChartStyle = LIGHT,
    selected: Sequence[str] = (),
    title: str | None = None,
    kabupaten_wide: int = 0,
    height: int | None = None,
    subtitle: str | None = None,
    show_scale: bool = True,
    label_canvases: Sequence[Canvas] = (Canvas(420, 500),),
    scale_below: bool = False,
) -> go.Figure:
    """Return the filled map: a polygon per kecamatan, coloured by its count, with names and a colour scale.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.kecamatan_map_frame` (``kecamatan``, ``lat``, ``lon``,
        ``jumlah``); a kecamatan without a shape keeps a marker at its centroid.
    boundaries : KecamatanBoundaries
        The polygons (:attr:`KecamatanShape.screen`) and label points; the attribution is written
        under the map.
    selected : sequence of str
        Kecamatan of the current selection (others are dimmed).
    kabupaten_wide : int
        Kabupaten-wide innovations (named in the subtitle, not added to each kecamatan).
    height : int, optional
    subtitle : str, optional
        Overrides the explanation under the title.
    show_scale : bool
        Draw the colour scale.
    label_canvases : sequence of Canvas
        Drawn sizes of the plotting area the names are chosen for, smallest first
        (:func:`~lebak_dash.charts.map_labels.label_tiers`).
    scale_below : bool
        Lay the colour scale under the map, across.
    """
    if frame.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.map.empty_title", lang), style=style, lang=lang)
    shapes = {s.name: s for s in boundaries.shapes}
    names = frame["kecamatan"].astype(str).tolist()
    counts = frame["jumlah"].to_numpy()
    colors = fill_colors(counts, style)
    opacity = opacity_for(names, selected, style)
    traces: list[object] = _fill_traces(names, counts, shapes, colors, opacity, style, lang)
    x = np.array([shapes[n].label[0] if n in shapes else lon for n, lon in zip(names, frame["lon"], strict=True)])
    y = np.array([shapes[n].label[1] if n in shapes else lat for n, lat in zip(names, frame["lat"], strict=True)])
    font = max(9, style.font_size - 2)
    biggest = max(1, int(counts.max()))
    bounds = _bounds(boundaries, x, y)
    pad = 0.01 * max(bounds[1] - bounds[0], bounds[3] - bounds[2])
    lon_range, lat_range = (bounds[0] - pad, bounds[1] + pad), (bounds[2] - pad, bounds[3] + pad)
    labels = label_tiers(
        x,
        y,
        names,
        counts,
        font=font,
        lon_range=lon_range,
        lat_range=lat_range,
        canvases=label_canvases,
        places=SHAPE_LABEL_PLACES,
    )
    # A name on its shape is written to stand out from the fill (light on dark); a name moved off
    # its shape, or on a pale one, in the paper's text colour.
    dark = [
        label.place == "middle center" and int(c) > 0 and is_dark(shade)
        for label, c, shade in zip(labels, counts, colors, strict=True)
    ]
    # The markers that carry the click and the hover (invisible): one at each label point, then a
    # grid of them inside each shape, so a click anywhere inside a kecamatan selects it.
    gx, gy, owner = _interior_points(shapes, names, max(lon_range[1] - lon_range[0], lat_range[1] - lat_range[0]) / 40)
    which = list(range(len(names))) + owner
    traces.append(
        go.Scatter(
            x=np.concatenate([x, gx]),
            y=np.concatenate([y, gy]),
            customdata=np.array([[names[i], int(counts[i])] for i in which], dtype=object),
            mode="markers",
            marker={"size": [style.font_size * 2.2] * len(names) + [4] * len(owner), "color": "rgba(0,0,0,0)"},
            # The count is written into the hover text (formatted, e.g. 1.234), so the template names
            # no customdata: customdata[0] is the raw name the click selection needs.
            hovertext=[f"{html_text(names[i])}: {fmt_int(int(counts[i]), lang)}" for i in which],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    if show_scale:  # one invisible point holds the colour scale, the map's legend
        traces.append(_scale_trace(float(x[0]), float(y[0]), biggest, style, lang, scale_below))
    traces += name_traces(
        x,
        y,
        names,
        labels,
        style=style,
        font=font,
        markers=[1.0] * len(names),
        colors=[LIGHT_TEXT if d else style.text_color for d in dark],
        shadows=[f"0 0 3px {DARK_HALO if d else style.paper_color}" for d in dark],
    )
    if title is None:
        title = map_title(frame, lang)
    if subtitle is None:
        subtitle = t("chart.map.shapes_subtitle", lang, wide=fmt_int(kabupaten_wide, lang))
    mid_lat = (bounds[2] + bounds[3]) / 2
    layout = _attribution_layout(boundaries, style, lang)
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        height or max(style.min_height, 36 * style.font_size),
        layout=layout,
        # The plotting area shrinks to the map (constrain="domain"). Not "range": plotly writes the
        # widened range back into the layout, so a chart drawn wide, then narrowed to a phone's
        # width, kept the wide range and drew the map smaller than its names were chosen for.
        xaxis={"visible": False, "range": list(lon_range), "constrain": "domain"},
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            # One degree of longitude is cos(latitude) as long as one of latitude: keep distances true.
            "scaleratio": 1 / math.cos(math.radians(mid_lat)),
            "range": list(lat_range),
            "constrain": "domain",
        },
    )


def _fill_traces(
    names: Sequence[str],
    counts: np.ndarray,
    shapes: dict[str, KecamatanShape],
    colors: Sequence[str],
    opacity: float | list[float],
    style: ChartStyle,
    lang: str,
) -> list[object]:
    """Return a filled polygon per kecamatan that has a shape, showing its name and count on hover anywhere inside."""
    traces: list[object] = []
    for i, name in enumerate(names):
        shape = shapes.get(name)
        if shape is None:
            continue
        xs, ys = _outline(shape.screen)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colors[i],
                opacity=opacity[i] if isinstance(opacity, list) else 1.0,
                line={"color": style.paper_color, "width": 1},
                # Hover anywhere inside the shape: plotly shows a fill's trace text (no template).
                hoveron="fills",
                text=f"{html_text(name)}: {fmt_int(int(counts[i]), lang)}",
                name="",
                hoverinfo="text",
                showlegend=False,
            )
        )
    return traces


def _interior_points(
    shapes: dict[str, KecamatanShape], names: Sequence[str], step: float
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Return points of a `step`-degree grid inside each kecamatan's shape: x, y, and the index in
    `names` of the kecamatan each lies in (Streamlit's selection events carry points, not fills)."""
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    owner: list[int] = []
    for i, name in enumerate(names):
        shape = shapes.get(name)
        if shape is None:
            continue
        left, bottom, right, top = shape.geometry.bounds
        mesh_x, mesh_y = np.meshgrid(np.arange(left + step / 2, right, step), np.arange(bottom + step / 2, top, step))
        grid_x, grid_y = mesh_x.ravel(), mesh_y.ravel()
        inside = np.asarray(shapely.contains_xy(shape.geometry, grid_x, grid_y), dtype=bool)
        xs.append(grid_x[inside])
        ys.append(grid_y[inside])
        owner += [i] * int(inside.sum())
    empty = np.zeros(0)
    return (np.concatenate(xs) if xs else empty), (np.concatenate(ys) if ys else empty), owner


def _scale_trace(x: float, y: float, biggest: int, style: ChartStyle, lang: str, below: bool) -> go.Scatter:
    """Return one invisible point that holds the colour scale, the map's legend."""
    return go.Scatter(
        x=[x],
        y=[y],
        mode="markers",
        marker={
            "size": 0.1,
            "opacity": 0,
            "color": [0],
            "cmin": 0,
            "cmax": biggest,
            "colorscale": [[0, style.scale_colors[0]], [1, style.scale_colors[1]]],
            "showscale": True,
            "colorbar": map_colorbar(lang, below),
        },
        hoverinfo="skip",
        showlegend=False,
    )


def _bounds(boundaries: KecamatanBoundaries, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Return (left, right, bottom, top) of the shapes and the label points (a point without a place left out)."""
    known = ~(np.isnan(x) | np.isnan(y))
    points = [p for s in boundaries.shapes for rings in s.screen for p in rings[0]]
    xs = [float(p[0]) for p in points] + x[known].tolist()
    ys = [float(p[1]) for p in points] + y[known].tolist()
    return min(xs), max(xs), min(ys), max(ys)


def _attribution_layout(boundaries: KecamatanBoundaries, style: ChartStyle, lang: str) -> dict[str, object]:
    """Return the layout that writes the boundaries' attribution under the map (none without one)."""
    layout: dict[str, object] = {}
    if boundaries.attribution:
        layout["annotations"] = [
            {
                "text": html_text(t("chart.map.attribution", lang, text=boundaries.attribution)),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": max(9, style.font_size - 3), "color": style.muted_color},
            }
        ]
        layout["margin"] = {"b": round(style.font_size * 1.8)}
    return layout
