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
from lebak_dash.charts.kecamatan_map import kecamatan_map_figure
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
