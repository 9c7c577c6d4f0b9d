"""The chart options the big screen needs: height from the container, no click hints, wraps for
large type, upright kecamatan bars, map without scale or subtitle. The desk defaults stay as they were."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lebak_dash.analysis.aggregate import (
    kecamatan_map_frame,
    kecamatan_stage_matrix,
    opd_stage_matrix,
    per_year_stage,
    stage_funnel,
)
from lebak_dash.charts.dashboard import (
    kecamatan_stage_figure,
    opd_stage_figure,
    stage_bar_figure,
    stage_funnel_figure,
    year_stage_figure,
)
from lebak_dash.charts.kecamatan_map import LABEL_PLACES, _label_box, _overlap, kecamatan_map_figure, label_positions
from lebak_dash.charts.style import LIGHT

from .dash_fixture import make_dataset

BIG = replace(LIGHT.scaled(1.5), fill=True, click_hints=False)


@pytest.fixture(scope="module")
def ds():
    return make_dataset()


def _year(ds, style):
    return year_stage_figure(per_year_stage(ds.records), style=style, without_year=1)


def test_desk_figures_keep_their_pixel_height(ds):
    figure = _year(ds, LIGHT)
    assert isinstance(figure.layout.height, int) and figure.layout.autosize is None
    assert figure.layout.title.automargin is True


def test_filling_figures_leave_the_height_to_the_container(ds):
    figure = _year(ds, BIG)
    assert figure.layout.height is None and figure.layout.autosize is True
    # The top margin is exactly the title block: title lines, subtitle lines, a gap.
    assert figure.layout.title.automargin is False
    assert figure.layout.margin.t >= BIG.title_size + figure.layout.title.pad.b


def test_click_hints_only_where_charts_are_clicked(ds):
    hint = "Klik batang"
    assert hint in _year(ds, LIGHT).layout.title.subtitle.text.replace("<br>", " ")
    subtitle = _year(ds, BIG).layout.title.subtitle.text
    assert hint not in subtitle and "tanpa tahun" in subtitle
    funnel = stage_funnel(ds.records)
    assert hint not in (stage_bar_figure(funnel, style=BIG).layout.title.subtitle.text or "")
    matrix = opd_stage_matrix(ds.records, ds.reference)
    assert not opd_stage_figure(matrix, style=BIG).layout.title.subtitle.text
    assert hint in opd_stage_figure(matrix, style=LIGHT).layout.title.subtitle.text


def test_subtitle_overrides(ds):
    funnel = stage_funnel(ds.records)
    assert stage_funnel_figure(funnel, subtitle="x").layout.title.subtitle.text == "x"
    assert "klik" in stage_funnel_figure(funnel).layout.title.subtitle.text
    frame = kecamatan_map_frame(ds.records, ds.reference)
    assert kecamatan_map_figure(frame, subtitle="").layout.title.subtitle.text == ""


@pytest.mark.parametrize(("wrap", "lines"), [(55, 1), (20, 3)])
def test_title_wrap_follows_the_style(ds, wrap, lines):
    figure = _year(ds, replace(LIGHT, title_wrap=wrap))
    assert figure.layout.title.text.count("<br>") + 1 == lines


def test_label_wrap_follows_the_style(reference):
    from lebak_dash.views.dataset import load_sample_dataset

    records = load_sample_dataset().records
    matrix = opd_stage_matrix(records, reference)
    long_name = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    wide = opd_stage_figure(matrix.loc[[long_name]], style=LIGHT, by_kind=False)
    narrow = opd_stage_figure(matrix.loc[[long_name]], style=replace(LIGHT, label_wrap=20), by_kind=False)
    assert wide.data[0].y[0].count("<br>") == 1
    assert narrow.data[0].y[0].count("<br>") == 1  # still two lines at most: the width grows instead
    assert max(len(part) for part in narrow.data[0].y[0].split("<br>")) < len(long_name)


def test_kecamatan_bars_upright_or_across(ds):
    matrix = kecamatan_stage_matrix(ds.records, ds.reference)
    across = kecamatan_stage_figure(matrix)
    upright = kecamatan_stage_figure(matrix, vertical=True)
    assert {tr.orientation for tr in across.data if tr.type == "bar"} == {"h"}
    assert {tr.orientation for tr in upright.data if tr.type == "bar"} == {"v"}
    names = ["Maja", "Bayah", "Cibadak", "Atlantis"]
    assert list(across.data[0].y) == names and list(upright.data[0].x) == names
    totals = upright.data[-1]
    assert totals.mode == "text" and list(totals.y) == [3, 2, 0, 1] and totals.textposition == "top center"
    assert upright.layout.xaxis.tickangle == -90
    assert [str(c[0]) for c in upright.data[0].customdata] == names  # clicks still carry the kecamatan


def test_map_scale_can_be_left_out(ds):
    frame = kecamatan_map_frame(ds.records, ds.reference)
    shown = kecamatan_map_figure(frame)
    hidden = kecamatan_map_figure(frame, show_scale=False)
    assert any(tr.marker.showscale is not False and tr.marker.colorbar.title.text for tr in shown.data)
    assert all(tr.marker.showscale in (False, None) for tr in hidden.data)
    assert not any(tr.marker.showscale for tr in hidden.data)


def test_map_labels_avoid_each_other_at_the_given_size():
    import numpy as np

    x = np.array([0.0, 0.01, 0.5])
    y = np.array([0.0, 0.0, 0.5])
    names, sizes = ["Kiri", "Kanan", "Jauh"], [10, 10, 10]
    roomy = label_positions(x, y, names, sizes, font=13, width_px=5000)
    tight = label_positions(x, y, names, sizes, font=13, width_px=300)
    assert roomy[:2] == ["bottom center", "bottom center"]
    assert tight[0] != tight[1]


def _lebak_points(font: int):
    """The 28 reference centroids, with marker sizes as the map draws them for the sample data."""
    import math

    from lebak_dash.views.dataset import load_sample_dataset

    sample = load_sample_dataset()
    frame = kecamatan_map_frame(sample.records, sample.reference, sample.kecamatan_long)
    counts = frame["jumlah"].to_numpy()
    sizes = [font * 0.7 + font * 1.5 * math.sqrt(n / counts.max()) for n in counts]
    return frame["lon"].to_numpy(), frame["lat"].to_numpy(), frame["kecamatan"].tolist(), sizes


def _label_boxes(x, y, names, sizes, font, width_px, places):
    import numpy as np

    unit = max(np.ptp(x), np.ptp(y)) / width_px
    markers, labels = [], []
    for px, py, name, size, place in zip(x, y, names, sizes, places, strict=True):
        r = max(size, font) / 2 * unit
        markers.append((px - r, px + r, py - r, py + r))
        w, h, gap = len(name) * font * 0.55 * unit, font * 1.2 * unit, (max(size, font) / 2 + 2) * unit
        labels.append(_label_box(place, px, py, w, h, gap))
    return markers, labels, unit


def test_lebak_map_labels_touch_no_other_label_at_desk_size():
    font, width = 13, 560
    x, y, names, sizes = _lebak_points(font)
    places = label_positions(x, y, names, sizes, font, width)
    _markers, labels, _unit = _label_boxes(x, y, names, sizes, font, width, places)
    touching = [(names[i], names[j]) for i in range(len(labels)) for j in range(i) if _overlap(labels[i], labels[j])]
    assert touching == []


@pytest.mark.parametrize("width", [300, 360, 560])
def test_no_map_label_could_move_to_a_freer_place(width):
    # Crowded (the presentation's 20 px type on a 720-pixel screen): overlaps may remain, but each
    # label sits where it overlaps least, given every other label and marker.
    font = 20
    x, y, names, sizes = _lebak_points(font)
    places = label_positions(x, y, names, sizes, font, width)
    markers, labels, unit = _label_boxes(x, y, names, sizes, font, width, places)
    for i, (px, py, name, size) in enumerate(zip(x, y, names, sizes, strict=True)):
        others = [b for j, b in enumerate(markers + labels) if j not in (i, len(markers) + i)]
        w, h, gap = len(name) * font * 0.55 * unit, font * 1.2 * unit, (max(size, font) / 2 + 2) * unit

        def cost(place, px=px, py=py, w=w, h=h, gap=gap, others=others):
            return sum(_overlap(_label_box(place, px, py, w, h, gap), o) for o in others)

        assert cost(places[i]) <= min(cost(p) for p in LABEL_PLACES) + 1e-12, name
