"""Which kecamatan names a map writes, and where, so that no two names overlap.

The figure is built on the server, which does not know the browser's width; plotly draws text at a
fixed pixel size while the map shrinks with the chart. So the names are chosen for known drawn
sizes of the map (:class:`Canvas`, the plotting area in pixels), smallest first, in pixel space:
:func:`label_tiers` takes the kecamatan with the most innovations first and gives each name the
first place around its point (:data:`PLACES`) where its box (estimated from the name's length)
stays apart from every name already placed, on this map and any larger one (:func:`stay_apart`),
and inside the map; failing that it tries the next size.
Names that fit at the first (smallest) size are tier 0, written at every width; those that fit
only at a larger size are tier 1, 2...; the rest are left to the hover. A map drawn at least as
large as a tier's canvas shows that tier without overlap: the points move apart as the map grows
while the names keep their size. The page hides the higher tiers when the chart is narrower than
their canvas (a CSS container query, :mod:`lebak_dash.ui.maps`); see ``docs/dashboard.md`` for
what each device width gets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lebak_dash.charts.style import ChartStyle, html_text

Box = tuple[float, float, float, float]  # left, right, bottom, top, in pixels

#: Where a name may go around its point, in order of preference (plotly's textposition). No
#: diagonal places: tried, a label off a corner was read as the name of the neighbour's circle.
PLACES = ("bottom center", "top center", "middle right", "middle left")
#: Width of a character of the map's type, in ems (Source Sans: about 0.5; a little more, to be safe).
CHAR_EM = 0.56
#: Height of a line of text, in ems.
LINE_EM = 1.25
#: Pixels kept clear around each name.
CLEARANCE = 2.0
#: The figure's left and right margins around the plotting area, in pixels (``charts.style``: 8 + 24),
#: and a little more for the padding plotly keeps.
SIDE_MARGINS_PX = 40
#: The last font family of the names of tier 1 and up (no such font exists: the type does not
#: change): the page's CSS finds those names by it and hides them on a narrow chart.
MORE_NAMES_FONT = "lebak-map-more-names"


@dataclass(frozen=True)
class Canvas:
    """A drawn size of the map's plotting area, in pixels, for which names are chosen.

    The map keeps true distances (``scaleanchor``), so it fills the width or the height of the
    canvas, whichever is reached first (:func:`pixels_per_degree`).
    """

    width: float
    height: float


def more_names_min_width(canvas: Canvas) -> int:
    """Return the chart width (pixels) from which the names chosen for `canvas` may be shown.

    Examples
    --------
    >>> more_names_min_width(Canvas(350, 420))
    390
    """
    return round(canvas.width) + SIDE_MARGINS_PX


def pixels_per_degree(lon_range: Sequence[float], lat_range: Sequence[float], canvas: Canvas) -> tuple[float, float]:
    """Return the pixels of one degree of longitude and of latitude when the map fills `canvas`.

    One degree of longitude is cos(latitude) as long as one of latitude; the map keeps that ratio
    and fits the axis ranges into the canvas.

    Examples
    --------
    >>> x, y = pixels_per_degree((106.0, 106.5), (-7.0, -6.0), Canvas(400, 400))
    >>> round(x), round(y)
    (397, 400)
    """
    cos = math.cos(math.radians((lat_range[0] + lat_range[1]) / 2))
    lon_span = max(float(lon_range[1] - lon_range[0]), 1e-9)
    lat_span = max(float(lat_range[1] - lat_range[0]), 1e-9)
    per_lon = min(canvas.width / lon_span, canvas.height * cos / lat_span)
    return per_lon, per_lon / cos


def text_size(name: str, font: float) -> tuple[float, float]:
    """Return the estimated (width, height) in pixels of `name` written at `font` pixels.

    Examples
    --------
    >>> text_size("Maja", 10)
    (22.400000000000002, 12.5)
    """
    return len(name) * font * CHAR_EM, font * LINE_EM


def label_box(place: str, px: float, py: float, w: float, h: float, gap: float) -> Box:
    """Return the box a name of size (w, h) takes at `place` around the point (px, py), `gap` from it.

    Examples
    --------
    >>> label_box("bottom center", 0, 0, 10, 4, 1)
    (-5.0, 5.0, -5, -1)
    >>> label_box("middle center", 0, 0, 10, 4, 1)
    (-5.0, 5.0, -2.0, 2.0)
    """
    vertical, horizontal = place.split()
    left = {"center": px - w / 2, "right": px + gap, "left": px - gap - w}[horizontal]
    bottom = {"middle": py - h / 2, "bottom": py - gap - h, "top": py + gap}[vertical]
    return (left, left + w, bottom, bottom + h)


def overlap(a: Box, b: Box) -> bool:
    """Return True when two boxes share some area (touching edges do not count).

    Examples
    --------
    >>> overlap((0, 2, 0, 2), (1, 3, 1, 3)), overlap((0, 2, 0, 2), (2, 3, 0, 2))
    (True, False)
    """
    return min(a[1], b[1]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[2], b[2])


def stay_apart(a: Box, b: Box, pa: tuple[float, float], pb: tuple[float, float]) -> bool:
    """Return True when the names `a` and `b` of the points `pa` and `pb` do not overlap on this map
    nor on any larger one: one lies wholly beside (or above) the other, on the side its point lies.

    On a larger map the points move apart while the names keep their size, so two names apart
    on the side of their points stay apart; two names apart the other way round (a name set to
    the right of its point, past a neighbour lying to its right) close in and can meet.

    Examples
    --------
    >>> stay_apart((0, 2, 0, 1), (3, 5, 0, 1), (1, 0), (4, 0))
    True
    >>> stay_apart((0, 2, 0, 1), (3, 5, 0, 1), (4, 0), (1, 0))
    False
    """
    return (
        (a[1] <= b[0] and pa[0] <= pb[0])
        or (b[1] <= a[0] and pb[0] <= pa[0])
        or (a[3] <= b[2] and pa[1] <= pb[1])
        or (b[3] <= a[2] and pb[1] <= pa[1])
    )


def _inside(box: Box, frame: Box) -> bool:
    return box[0] >= frame[0] and box[1] <= frame[1] and box[2] >= frame[2] and box[3] <= frame[3]


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] + by, box[2] - by, box[3] + by)


@dataclass(frozen=True)
class Label:
    """Where a name goes: its place around the point and its tier (None: hover only)."""

    place: str
    tier: int | None


def label_tiers(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    names: Sequence[str],
    priority: Sequence[float],
    *,
    font: float,
    lon_range: Sequence[float],
    lat_range: Sequence[float],
    canvases: Sequence[Canvas],
    markers: Sequence[float] | None = None,
    places: Sequence[str] = PLACES,
) -> list[Label]:
    """Return, per point, where its name goes and at which canvas it first fits (its tier).

    Parameters
    ----------
    x, y : array-like
        The points (longitude, latitude) the names belong to; a point with no position (NaN) gets
        no name.
    names : sequence of str
    priority : sequence of float
        Higher first (the innovation count); ties in the order given.
    font : float
        The names' type size in pixels.
    lon_range, lat_range : sequence of float
        The map's axis ranges (names stay inside them).
    canvases : sequence of Canvas
        Drawn sizes of the plotting area, smallest first: tier k fits at ``canvases[k]`` and at
        anything larger.
    markers : sequence of float, optional
        Diameter in pixels of each point's marker: a name sits that far from its point (plotly's
        offset) and keeps off other markers where it can. None: no marker (a name may be centred
        on its point).
    places : sequence of str
        The places to try, in order.

    Returns
    -------
    list of Label
        In the order of the points. The names of a tier and the tiers below it overlap neither at
        its canvas nor on any larger map (:func:`stay_apart`).
    """
    count = len(names)
    labels = [Label(places[0], None)] * count
    order = sorted(range(count), key=lambda i: (-float(priority[i]), i))
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    sizes = [0.0] * count if markers is None else [float(m) for m in markers]
    for tier, canvas in enumerate(canvases):
        per_x, per_y = pixels_per_degree(lon_range, lat_range, canvas)
        frame = (lon_range[0] * per_x, lon_range[1] * per_x, lat_range[0] * per_y, lat_range[1] * per_y)
        px, py = xs * per_x, ys * per_y
        dots = [(px[i] - sizes[i] / 2, px[i] + sizes[i] / 2, py[i] - sizes[i] / 2, py[i] + sizes[i] / 2) for i in order]
        dots = [d for d, s in zip(dots, (sizes[i] for i in order), strict=True) if s > 0]

        def box(i: int, place: str, px: np.ndarray = px, py: np.ndarray = py) -> Box:
            w, h = text_size(str(names[i]), font)
            return label_box(place, float(px[i]), float(py[i]), w, h, sizes[i] / 2 + CLEARANCE)

        def point(i: int, px: np.ndarray = px, py: np.ndarray = py) -> tuple[float, float]:
            return float(px[i]), float(py[i])

        taken = [(_grow(box(i, labels[i].place), CLEARANCE), point(i)) for i in order if labels[i].tier is not None]
        for i in order:
            if labels[i].tier is not None or math.isnan(xs[i]) or math.isnan(ys[i]):
                continue
            fits = [
                p
                for p in places
                if _inside(box(i, p), frame) and all(stay_apart(box(i, p), t, point(i), q) for t, q in taken)
            ]
            if not fits:
                continue
            # Off every other marker where a place allows it, else over a marker (names have a halo).
            own = (px[i] - sizes[i] / 2, px[i] + sizes[i] / 2, py[i] - sizes[i] / 2, py[i] + sizes[i] / 2)
            clear = [p for p in fits if not any(overlap(box(i, p), d) for d in dots if d != own)]
            place = (clear or fits)[0]
            labels[i] = Label(place, tier)
            taken.append((_grow(box(i, place), CLEARANCE), point(i)))
    return labels


def name_traces(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    names: Sequence[str],
    labels: Sequence[Label],
    *,
    style: ChartStyle,
    font: float,
    markers: Sequence[float],
    colors: Sequence[str] | None = None,
    shadows: Sequence[str] | None = None,
) -> list[go.Scatter]:
    """Return the names of a map, one text trace per tier (tier 1 and up marked by :data:`MORE_NAMES_FONT`).

    Each name sits on an invisible marker of its point's size (plotly offsets a name by its
    marker); the traces take no hover and no click (the map's own markers do).
    """
    colors = colors or [style.text_color] * len(names)
    shadows = shadows or [f"0 0 3px {style.paper_color}"] * len(names)
    tiers = sorted({label.tier for label in labels if label.tier is not None})
    traces = []
    for tier in tiers:
        chosen = [i for i, label in enumerate(labels) if label.tier == tier]
        family = style.font_family if tier == 0 else f"{style.font_family}, {MORE_NAMES_FONT}"
        traces.append(
            go.Scatter(
                x=[float(x[i]) for i in chosen],
                y=[float(y[i]) for i in chosen],
                mode="markers+text",
                marker={"size": [max(markers[i], 1.0) for i in chosen], "color": "rgba(0,0,0,0)"},
                text=[html_text(str(names[i])) for i in chosen],
                textposition=[labels[i].place for i in chosen],
                textfont={
                    "size": font,
                    "family": family,
                    "color": [colors[i] for i in chosen],
                    "shadow": [shadows[i] for i in chosen],
                },
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
            )
        )
    return traces
