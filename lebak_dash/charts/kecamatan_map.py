"""The offline kecamatan map: a marker at each centroid, and where each name goes.

No tile server, no map library, no request: a plain scatter of longitude and latitude with equal
distances on both axes. :func:`label_positions` places each name around its circle so names stay
off other names and circles (see ``docs/presentation.md`` for what stays crowded at 720p).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lebak_dash.charts.style import LIGHT, ChartStyle, build_figure, empty_figure, html_text, opacity_for
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int

Box = tuple[float, float, float, float]  # left, right, bottom, top

#: Where a map label may go around its point, in order of preference (plotly's textposition).
#: No diagonal places: tried, a label off a corner was read as the name of the neighbour's circle.
LABEL_PLACES = ("bottom center", "top center", "middle right", "middle left")


def _label_box(place: str, px: float, py: float, w: float, h: float, gap: float) -> Box:
    """Return the box a label of size (w, h) takes at `place` around the point (px, py)."""
    vertical, horizontal = place.split()
    left = {"center": px - w / 2, "right": px + gap, "left": px - gap - w}[horizontal]
    bottom = {"middle": py - h / 2, "bottom": py - gap - h, "top": py + gap}[vertical]
    return (left, left + w, bottom, bottom + h)


def _overlap(a: Box, b: Box) -> float:
    """Return the area two boxes share (0 when apart)."""
    width = min(a[1], b[1]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[2], b[2])
    return width * height if width > 0 and height > 0 else 0.0


def label_positions(
    x: np.ndarray,
    y: np.ndarray,
    names: Sequence[str],
    sizes: Sequence[float],
    font: int,
    width_px: int = 560,
    places: Sequence[str] = LABEL_PLACES,
) -> list[str]:
    """Return a text position per map point that keeps labels off other labels and markers.

    Each label takes the first place of :data:`LABEL_PLACES` whose box (estimated from the
    name's length) overlaps no marker and no other label, or where every place overlaps something
    (a crowded town centre) the place that overlaps least; repeated until no label moves.

    Parameters
    ----------
    x, y : numpy.ndarray
        Point positions (longitude, latitude).
    names : sequence of str
        Labels.
    sizes : sequence of float
        Marker diameters in pixels.
    font : int
        Label font size in pixels.
    width_px : int
        Assumed drawn size of the larger span (estimates how many degrees a pixel is).
    places : sequence of str
        The places to try, in order (default :data:`LABEL_PLACES`).
    """
    if len(x) == 0:
        return []
    span = max(float(np.ptp(x)), float(np.ptp(y)), 1e-9)
    unit = span / width_px  # degrees per pixel, roughly
    markers: list[Box] = []
    options: list[list[Box]] = []  # the box of each place, per label
    for px, py, name, size in zip(x, y, names, sizes, strict=True):
        r = max(size, font) / 2 * unit
        markers.append((px - r, px + r, py - r, py + r))
        w, h, gap = len(str(name)) * font * 0.55 * unit, font * 1.2 * unit, (max(size, font) / 2 + 2) * unit
        options.append([_label_box(place, px, py, w, h, gap) for place in places])
    chosen: list[int | None] = [None] * len(options)

    def best_place(i: int) -> int:
        others = [m for j, m in enumerate(markers) if j != i]
        others += [options[j][c] for j, c in enumerate(chosen) if j != i and c is not None]
        costs = [sum(_overlap(box, o) for o in others) for box in options[i]]
        return next((k for k, c in enumerate(costs) if c == 0), int(np.argmin(costs)))

    # Greedy first, then a few passes that move each label to its best place given all the others
    # (a label placed early cannot see the ones placed after it).
    for _ in range(4):
        changed = False
        for i in range(len(options)):
            place = best_place(i)
            changed |= place != chosen[i]
            chosen[i] = place
        if not changed:
            break
    return [places[c or 0] for c in chosen]


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
    label_space_px: int = 560,
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
    label_space_px : int
        Width the points are expected to span on screen, in pixels: labels are placed so as not
        to overlap at that size (smaller: more cautious).
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
                "colorbar": {"title": {"text": t("axis.jumlah", lang)}, "thickness": 12},
                **({} if show_scale else {"showscale": False}),
            },
            hovertext=[html_text(n) for n, z in zip(names, zero, strict=True) if not z],
            hovertemplate="%{hovertext}: %{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    traces.append(
        go.Scatter(
            x=frame["lon"],
            y=frame["lat"],
            customdata=np.array([[n, c] for n, c in zip(names, counts, strict=True)], dtype=object),
            # Invisible markers as big as the visible ones: plotly offsets each label by its marker.
            mode="markers+text",
            marker={"size": [max(s, font) for s in sizes], "color": "rgba(0,0,0,0)"},
            text=[html_text(n) for n in names],
            textposition=label_positions(
                frame["lon"].to_numpy(), frame["lat"].to_numpy(), names, sizes, font, label_space_px
            ),
            textfont={"size": max(9, font - 2), "color": style.text_color, "shadow": f"0 0 3px {style.paper_color}"},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    )
    mid_lat = float(frame["lat"].mean())
    # Room around the outermost points for their labels, which grow with the type.
    pad = 0.04 * max(1.0, font / 13)
    # One degree of longitude is cos(latitude) as long as one of latitude: keep distances true.
    return build_figure(
        traces,
        style,
        lang,
        title,
        subtitle,
        height or max(style.min_height, 36 * font),
        xaxis={
            "visible": False,
            "range": [float(frame["lon"].min()) - pad, float(frame["lon"].max()) + pad],
            "constrain": "domain",
        },
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(mid_lat)),
            "range": [float(frame["lat"].min()) - pad, float(frame["lat"].max()) + pad],
            "constrain": "domain",
        },
    )
