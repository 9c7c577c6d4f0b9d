"""The filled kecamatan map: each kecamatan's polygon coloured by its innovation count.

Nothing is fetched: plotly's geo maps load their base map (topojson) from a CDN, so the shapes are
plain lon/lat polygons (``go.Scatter(fill="toself")``) on hidden axes kept at equal distances
(``scaleanchor``). Streamlit's selection events reach scatter points, not fills: an invisible
marker at each kecamatan's label point carries the hover text and the click (``customdata``
``[name, count]``, as the bars do, so :func:`lebak_dash.analysis.query.selection_values` reads it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from lebak_dash.charts.kecamatan_map import label_positions, map_title
from lebak_dash.charts.style import LIGHT, ChartStyle, build_figure, empty_figure, html_text, opacity_for
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.boundaries import KecamatanBoundaries, Rings

#: Where a name may go around its label point: centred first, then beside it.
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
    label_space_px: int = 560,
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
    label_space_px : int
        Width the map is expected to span on screen, in pixels (for placing the names).
    """
    if frame.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.map.empty_title", lang), style=style, lang=lang)
    shapes = {s.name: s for s in boundaries.shapes}
    names = frame["kecamatan"].astype(str).tolist()
    counts = frame["jumlah"].to_numpy()
    colors = fill_colors(counts, style)
    opacity = opacity_for(names, selected, style)
    traces: list[object] = []
    for i, name in enumerate(names):
        shape = shapes.get(name)
        if shape is None:
            continue
        xs, ys = _outline(shape.screen)
        alpha = opacity[i] if isinstance(opacity, list) else 1.0
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colors[i],
                opacity=alpha,
                line={"color": style.paper_color, "width": 1},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    x = np.array([shapes[n].label[0] if n in shapes else lon for n, lon in zip(names, frame["lon"], strict=True)])
    y = np.array([shapes[n].label[1] if n in shapes else lat for n, lat in zip(names, frame["lat"], strict=True)])
    font = max(9, style.font_size - 2)
    biggest = max(1, int(counts.max()))
    places = label_positions(x, y, names, [0.0] * len(names), font, label_space_px, SHAPE_LABEL_PLACES)
    # A name on its shape is written to stand out from the fill (light on dark); a name moved off
    # its shape, or on a pale one, in the paper's text colour.
    dark = [
        p == "middle center" and int(c) > 0 and is_dark(shade)
        for p, c, shade in zip(places, counts, colors, strict=True)
    ]
    text_colors = [LIGHT_TEXT if d else style.text_color for d in dark]
    shadows = [f"0 0 3px {DARK_HALO if d else style.paper_color}" for d in dark]
    # The names, and the markers that carry hover and clicks (invisible, as large as a name is tall).
    traces.append(
        go.Scatter(
            x=x,
            y=y,
            customdata=np.array([[n, int(c)] for n, c in zip(names, counts, strict=True)], dtype=object),
            mode="markers+text",
            marker={"size": style.font_size * 2.2, "color": "rgba(0,0,0,0)"},
            text=[html_text(n) for n in names],
            textposition=places,
            textfont={
                "size": font,
                "color": text_colors,
                "shadow": shadows,
            },
            # The count is written into the hover text (formatted, e.g. 1.234), so the template names
            # no customdata: customdata[0] is the raw name the click selection needs.
            hovertext=[f"{html_text(n)}: {fmt_int(int(c), lang)}" for n, c in zip(names, counts, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            cliponaxis=False,
        )
    )
    if show_scale:  # one invisible point holds the colour scale, the map's legend
        traces.append(
            go.Scatter(
                x=[x[0]],
                y=[y[0]],
                mode="markers",
                marker={
                    "size": 0.1,
                    "opacity": 0,
                    "color": [0],
                    "cmin": 0,
                    "cmax": biggest,
                    "colorscale": [[0, style.scale_colors[0]], [1, style.scale_colors[1]]],
                    "showscale": True,
                    "colorbar": {"title": {"text": t("axis.jumlah", lang)}, "thickness": 12},
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
    if title is None:
        title = map_title(frame, lang)
    if subtitle is None:
        subtitle = t("chart.map.shapes_subtitle", lang, wide=fmt_int(kabupaten_wide, lang))
    bounds = _bounds(boundaries, x, y)
    pad = 0.01 * max(bounds[1] - bounds[0], bounds[3] - bounds[2])
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
        xaxis={"visible": False, "range": [bounds[0] - pad, bounds[1] + pad], "constrain": "domain"},
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            # One degree of longitude is cos(latitude) as long as one of latitude: keep distances true.
            "scaleratio": 1 / math.cos(math.radians(mid_lat)),
            "range": [bounds[2] - pad, bounds[3] + pad],
            "constrain": "domain",
        },
    )


def _bounds(boundaries: KecamatanBoundaries, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Return (left, right, bottom, top) of the shapes and the label points."""
    xs = [float(v) for s in boundaries.shapes for rings in s.screen for p in rings[0] for v in p[:1]] + x.tolist()
    ys = [float(v) for s in boundaries.shapes for rings in s.screen for p in rings[0] for v in p[1:2]] + y.tolist()
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
