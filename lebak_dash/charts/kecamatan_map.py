"""The offline kecamatan map: a marker at each centroid, and where each name goes.

No tile server, no map library, no request: a plain scatter of longitude and latitude with equal
distances on both axes. :func:`lebak_dash.charts.map_labels.label_tiers` chooses which names are
written and where, so that no two overlap at the drawn sizes the screen names (the rest on hover).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.charts.map_labels import Canvas, label_tiers, name_traces
from lebak_dash.charts.style import LIGHT, ChartStyle, build_figure, empty_figure, html_text, opacity_for
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int


def map_colorbar(lang: str, below: bool = False) -> dict[str, object]:
    """Return the colour scale of a map: at its right, or under it, across (the map keeps a phone's
    whole width; a vertical scale took a fifth of it).

    Examples
    --------
    >>> map_colorbar("id", below=True)["orientation"]
    'h'
    """
    bar: dict[str, object] = {"title": {"text": t("axis.jumlah", lang)}, "thickness": 12}
    if below:
        bar |= {
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.02,
            "yanchor": "top",
            "lenmode": "pixels",
            "len": 220,
            "title": {"text": t("axis.jumlah", lang), "side": "top"},
        }
    return bar


def map_title(frame: pd.DataFrame, lang: str) -> str:
    """Return the title of a kecamatan map: how many kecamatan have an innovation, and the top one."""
    counts = frame["jumlah"].to_numpy()
    reached = int((counts > 0).sum())
    top = frame.loc[frame["jumlah"].idxmax()]
    key = "chart.map.title" if reached else "chart.map.title_none"
    return t(
        key,
        lang,
        n=fmt_int(reached, lang),
        count=len(frame),
        top=top["kecamatan"],  # escaped with the whole title by build_figure
        top_n=fmt_int(top["jumlah"], lang),
    )


def kecamatan_map_figure(
    frame: pd.DataFrame,
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
    """Return an offline map of the 28 kecamatan: a marker at each centroid, sized and coloured by count.

    No tile server, no map library, no request: a plain scatter of longitude and latitude with
    equal distances on both axes. Kecamatan with no innovation are hollow grey rings.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`lebak_dash.analysis.aggregate.kecamatan_map_frame` (``kecamatan``, ``lat``, ``lon``, ``jumlah``).
    selected : sequence of str
        Kecamatan of the current selection (others are dimmed).
    kabupaten_wide : int
        Kabupaten-wide innovations (named in the subtitle, not added to each kecamatan).
    height : int, optional
        Figure height in pixels (default from the style).
    subtitle : str, optional
        Overrides the explanation under the title (which mentions clicking).
    show_scale : bool
        Draw the colour scale (left out where the page explains the circles itself).
    label_canvases : sequence of Canvas
        Drawn sizes of the plotting area the names are chosen for, smallest first
        (:func:`~lebak_dash.charts.map_labels.label_tiers`): names that fit only at a larger
        canvas are marked for the page to hide on a narrower chart.
    scale_below : bool
        Lay the colour scale under the map, across (:func:`map_colorbar`), not at its right.
    """
    if frame.empty:
        return empty_figure(t("chart.empty", lang), title=t("chart.map.empty_title", lang), style=style, lang=lang)
    counts = frame["jumlah"].to_numpy()
    if title is None:
        title = map_title(frame, lang)
    if subtitle is None:
        subtitle = t("chart.map.subtitle", lang, wide=fmt_int(kabupaten_wide, lang))
    biggest = max(1, int(counts.max()))
    font = style.font_size
    # Area, not radius, grows with the count (sqrt), so a double count does not look four times as big.
    sizes = [0 if n == 0 else font * 0.7 + font * 1.5 * math.sqrt(n / biggest) for n in counts]
    names = frame["kecamatan"].astype(str).tolist()
    opacity = opacity_for(names, selected, style)
    traces: list[object] = []
    zero = counts == 0
    if zero.any():
        traces.append(
            go.Scatter(
                x=frame["lon"][zero],
                y=frame["lat"][zero],
                customdata=np.array([[n, 0] for n, z in zip(names, zero, strict=True) if z], dtype=object),
                mode="markers",
                marker={
                    "size": font,
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": style.zero_color, "width": 2},
                },
                hovertext=[html_text(n) for n, z in zip(names, zero, strict=True) if z],
                hovertemplate="%{hovertext}: 0<extra></extra>",
                showlegend=False,
            )
        )
    some = ~zero
    traces.append(
        go.Scatter(
            x=frame["lon"][some],
            y=frame["lat"][some],
            customdata=np.array([[n, c] for n, c in zip(names, counts, strict=True) if c], dtype=object),
            mode="markers",
            marker={
                "size": [s for s, z in zip(sizes, zero, strict=True) if not z],
                "color": counts[some],
                "cmin": 0,
                "cmax": biggest,
                "colorscale": [[0, style.scale_colors[0]], [1, style.scale_colors[1]]],
                "line": {"color": style.text_color, "width": 1},
                "opacity": [o for o, z in zip(opacity, zero, strict=True) if not z]
                if isinstance(opacity, list)
                else 0.95,
                "colorbar": map_colorbar(lang, scale_below),
                **({} if show_scale else {"showscale": False}),
            },
            hovertext=[html_text(n) for n, z in zip(names, zero, strict=True) if not z],
            hovertemplate="%{hovertext}: %{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    # Room around the outermost points for their labels, which grow with the type.
    pad = 0.04 * max(1.0, font / 13)
    lon_range = (float(frame["lon"].min()) - pad, float(frame["lon"].max()) + pad)
    lat_range = (float(frame["lat"].min()) - pad, float(frame["lat"].max()) + pad)
    name_font = max(9, font - 2)
    # Plotly offsets each name by its marker: invisible markers as big as the visible ones.
    markers = [max(s, font) for s in sizes]
    x, y = frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float)
    labels = label_tiers(
        x,
        y,
        names,
        counts,
        font=name_font,
        lon_range=lon_range,
        lat_range=lat_range,
        canvases=label_canvases,
        markers=markers,
    )
    traces += name_traces(x, y, names, labels, style=style, font=name_font, markers=markers)
    mid_lat = float(frame["lat"].mean())
    # One degree of longitude is cos(latitude) as long as one of latitude: keep distances true.
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        height or max(style.min_height, 36 * font),
        # The plotting area shrinks to the map (constrain="domain"). Not "range": plotly writes the
        # widened range back into the layout, so a chart drawn wide, then narrowed to a phone's
        # width, kept the wide range and drew the map smaller than its names were chosen for.
        xaxis={"visible": False, "range": list(lon_range), "constrain": "domain"},
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(mid_lat)),
            "range": list(lat_range),
            "constrain": "domain",
        },
    )
