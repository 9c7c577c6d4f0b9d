"""Which kecamatan names the maps write and where (issues 12 and 15): no two names overlap on the
map sizes the screens name, nor on any larger map; the kecamatan with more innovations keep their
names first; names that need a larger map are marked for the page to hide on a narrow chart; every
kecamatan keeps its name and count on hover, over its whole shape on the filled map.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from lebak_dash.analysis.filters import Filters
from lebak_dash.charts.kecamatan_shapes import SHAPE_LABEL_PLACES
from lebak_dash.charts.map_labels import (
    CLEARANCE,
    MORE_NAMES_FONT,
    PLACES,
    Canvas,
    label_box,
    label_tiers,
    overlap,
    pixels_per_degree,
    text_size,
)
from lebak_dash.config import Limits
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.ingest.boundaries import boundaries_json, read_boundaries
from lebak_dash.records.boundaries import boundaries_from_json
from lebak_dash.views.dataset import load_sample_dataset
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.screen import DESK, big_screen
from lebak_dash.views.selection import select

from .test_boundaries import REAL, needs_real

SMALL, LARGE = Canvas(100, 100), Canvas(300, 300)
NAN = float("nan")

#: name: (lon, lat, innovations) on a map of 0..1 degrees (100 px a degree on SMALL; names of 4
#: characters at 10 px are about 22 x 12 px) -> (place, tier), None: hover only.
CASES = {
    "alone": ({"Asta": (0.5, 0.5, 1)}, {"Asta": ("bottom center", 0)}),
    "side by side: the second above": (
        {"Asta": (0.5, 0.5, 2), "Bima": (0.6, 0.5, 1)},
        {"Asta": ("bottom center", 0), "Bima": ("top center", 0)},
    ),
    "more innovations place first": (
        {"Asta": (0.5, 0.5, 1), "Bima": (0.6, 0.5, 2)},
        {"Asta": ("top center", 0), "Bima": ("bottom center", 0)},
    ),
    "three at one spot: the fewest on hover": (
        {"Asta": (0.5, 0.5, 3), "Bima": (0.5, 0.5, 2), "Cita": (0.5, 0.5, 1)},
        {"Asta": ("bottom center", 0), "Bima": ("top center", 0), "Cita": None},
    ),
    "just below: only on the larger map": (
        {"Asta": (0.5, 0.5, 2), "Bima": (0.5, 0.4, 1)},
        {"Asta": ("bottom center", 0), "Bima": ("bottom center", 1)},
    ),
    "at the edge: beside, inside the map": ({"Asta": (0.0, 0.5, 1)}, {"Asta": ("middle right", 0)}),
    "no position: no name": (
        {"Asta": (NAN, NAN, 5), "Bima": (0.5, 0.5, 1)},
        {"Asta": None, "Bima": ("bottom center", 0)},
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_names_are_placed_by_count_without_overlap_or_left_to_the_hover(case):
    points, expected = CASES[case]
    names = list(points)
    x, y, counts = (np.array([points[n][k] for n in names]) for k in range(3))
    labels = label_tiers(x, y, names, counts, font=10, lon_range=(0, 1), lat_range=(0, 1), canvases=(SMALL, LARGE))
    got = {n: None if label.tier is None else (label.place, label.tier) for n, label in zip(names, labels, strict=True)}
    assert got == expected


@pytest.mark.parametrize(
    ("canvas", "lon", "lat", "per_lon", "per_lat"),
    [
        (Canvas(100, 100), (0, 1), (-0.5, 0.5), 100, 100),  # at the equator: square degrees, width first
        (Canvas(100, 50), (0, 1), (-0.5, 0.5), 50, 50),  # the height reached first
        # At 60 degrees a degree of longitude is half as long: the map is twice as tall as wide.
        (Canvas(100, 100), (0, 1), (59.5, 60.5), 50, 100),
    ],
)
def test_pixels_per_degree_keep_true_distances(canvas, lon, lat, per_lon, per_lat):
    assert pixels_per_degree(lon, lat, canvas) == pytest.approx((per_lon, per_lat), rel=1e-3)


# ------------------------------------------------------------------------------ the maps' names
def name_boxes(figure, canvas: Canvas, tiers: int) -> list[tuple[str, tuple]]:
    """Return each name the figure writes in its first `tiers` tiers, with its box on `canvas` (pixels)."""
    layout = figure.layout
    per_x, per_y = pixels_per_degree(layout.xaxis.range, layout.yaxis.range, canvas)
    boxes = []
    for trace in figure.data:
        if trace.mode != "markers+text":
            continue
        tier = 1 if MORE_NAMES_FONT in trace.textfont.family else 0
        if tier >= tiers:
            continue
        places = [trace.textposition] * len(trace.x) if isinstance(trace.textposition, str) else trace.textposition
        sizes = trace.marker.size
        for lon, lat, name, place, size in zip(trace.x, trace.y, trace.text, places, sizes, strict=True):
            w, h = text_size(name, trace.textfont.size)
            boxes.append((name, label_box(place, lon * per_x, lat * per_y, w, h, size / 2 + CLEARANCE)))
    return boxes


def overlapping(boxes) -> list[tuple[str, str]]:
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[:i] if overlap(box_a, box_b)]


def real_reference():
    sample = load_sample_dataset()
    answer = read_boundaries(REAL.read_bytes(), REAL.name, sample.reference, Limits())
    return sample.reference.with_boundaries(boundaries_from_json(boundaries_json(answer, "x", "")))


SCREENS = {"desk": DESK, "big screen": big_screen()}


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
@pytest.mark.parametrize("filled", [False, pytest.param(True, marks=needs_real)], ids=["titik", "batas"])
def test_no_two_names_overlap_on_the_screens_maps_or_larger_ones(screen, filled):
    import dataclasses

    sample = load_sample_dataset()
    if filled:
        sample = dataclasses.replace(sample, reference=real_reference())
    view = kecamatan_view(select(sample, Filters()), "id", SCREENS[screen])
    assert view.filled_map is filled
    canvases = SCREENS[screen].map_label_canvases
    found = {}
    for tiers, canvas in enumerate(canvases, start=1):
        for grow in (1.0, 1.3, 2.0, 4.0):
            larger = Canvas(canvas.width * grow, canvas.height * grow)
            boxes = name_boxes(view.map_figure, larger, tiers)
            found[(tiers, grow)] = (len(boxes), overlapping(boxes))
    assert {k: v[1] for k, v in found.items()} == {k: [] for k in found}
    # Most kecamatan are named on the smallest map; the larger maps of the desk name more.
    assert found[(1, 1.0)][0] >= 18
    if len(canvases) > 1:
        assert found[(2, 1.0)][0] > found[(1, 1.0)][0]


def test_the_names_dropped_are_those_with_fewest_innovations():
    sample = load_sample_dataset()
    view = kecamatan_view(select(sample, Filters()), "id", big_screen())
    counts = dict(zip(view.map_frame["kecamatan"], view.map_frame["jumlah"], strict=True))
    written = {n for tr in view.map_figure.data if tr.mode == "markers+text" for n in tr.text}
    dropped = set(counts) - written
    assert dropped and written
    # Not a strict cut (a name is dropped only where it has no room), but the hover-only names are
    # on average below the written ones.
    assert np.mean([counts[n] for n in dropped]) < np.mean([counts[n] for n in written])


@needs_real
def test_the_filled_map_shows_name_and_count_over_each_whole_shape_and_clicks_carry_the_name():
    import dataclasses

    sample = dataclasses.replace(load_sample_dataset(), reference=real_reference())
    view = kecamatan_view(select(sample, Filters()), "en")
    counts = dict(zip(view.map_frame["kecamatan"], view.map_frame["jumlah"], strict=True))
    fills = [tr for tr in view.map_figure.data if tr.fill == "toself"]
    assert [(tr.hoveron, tr.hoverinfo) for tr in fills] == [("fills", "text")] * 28
    assert sorted(tr.text for tr in fills) == sorted(f"{n}: {fmt_int(c, 'en')}" for n, c in counts.items())
    (clicks,) = [tr for tr in view.map_figure.data if tr.customdata is not None]
    assert {str(n): int(c) for n, c in clicks.customdata} == counts
    # A marker at each label point, then a grid inside each shape: every one in its own kecamatan.
    boundaries = sample.reference.boundaries
    owners = [str(n) for n, _ in clicks.customdata]
    assert boundaries.locate(np.array(clicks.y), np.array(clicks.x)).tolist() == owners
    assert min(owners.count(n) for n in counts) >= 3 and len(owners) < 2000
    names = [tr for tr in view.map_figure.data if tr.mode == "markers+text"]
    assert all(tr.hoverinfo == "skip" for tr in names)  # names take no hover and no click
    assert {p for tr in names for p in tr.textposition} <= set(SHAPE_LABEL_PLACES)


def test_only_names_beyond_the_first_tier_carry_the_mark_the_page_hides():
    view = kecamatan_view(select(load_sample_dataset(), Filters()), "id")
    names = [tr for tr in view.map_figure.data if tr.mode == "markers+text"]
    marks = [MORE_NAMES_FONT in tr.textfont.family for tr in names]
    assert marks == [False, True]
    assert {p for tr in names for p in tr.textposition} <= set(PLACES)
    present = kecamatan_view(select(load_sample_dataset(), Filters()), "id", big_screen())
    assert [MORE_NAMES_FONT in tr.textfont.family for tr in present.map_figure.data if tr.mode == "markers+text"] == [
        False
    ]
    assert math.isclose(len(present.map_frame), 28)
