"""Figures: one stage colour everywhere (colour-blind safe), findings as titles, raw categories in
customdata for the cross-filter, no clipped names, an offline map, styles for big screens."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from lebak_dash.analysis.aggregate import (
    OTHER_KIND,
    kecamatan_map_frame,
    kecamatan_stage_matrix,
    leading_opds,
    opd_stage_matrix,
    per_year_stage,
    stage_funnel,
)
from lebak_dash.charts.dashboard import (
    kecamatan_stage_figure,
    leading_opd_figure,
    opd_heatmap_figure,
    opd_stage_figure,
    stage_bar_figure,
    stage_funnel_figure,
    year_stage_figure,
)
from lebak_dash.charts.kecamatan_map import kecamatan_map_figure
from lebak_dash.charts.style import DARK, LIGHT, STAGE_COLORS, wrap_label
from lebak_dash.records.schema import STAGES

from .conftest import ROOT
from .dash_fixture import make_dataset


@pytest.fixture(scope="module")
def ds():
    return make_dataset()


def _figures(ds, lang="id", style=LIGHT):
    r, ref, long = ds.records, ds.reference, ds.kecamatan_long
    return {
        "funnel": stage_funnel_figure(stage_funnel(r), lang=lang, style=style),
        "stages": stage_bar_figure(stage_funnel(r), lang=lang, style=style),
        "years": year_stage_figure(per_year_stage(r), lang=lang, style=style, without_year=1),
        "opd": opd_stage_figure(opd_stage_matrix(r, ref), lang=lang, style=style),
        "leading": leading_opd_figure(leading_opds(r, ref), lang=lang, style=style),
        "heatmap": opd_heatmap_figure(opd_stage_matrix(r, ref), lang=lang, style=style),
        "kec": kecamatan_stage_figure(kecamatan_stage_matrix(r, ref, long), lang=lang, style=style),
        "map": kecamatan_map_figure(kecamatan_map_frame(r, ref, long), lang=lang, style=style, kabupaten_wide=1),
    }


# ------------------------------------------------------------------------------------- palette
def _srgb_to_linear(rgb):
    c = np.asarray(rgb, dtype=float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
_CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def _hex(color):
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


@pytest.mark.parametrize("vision", list(_CVD))
def test_stage_colours_stay_apart_for_colour_blind_viewers(vision):
    labs = [_lab(np.clip(_CVD[vision] @ _srgb_to_linear(_hex(STAGE_COLORS[s])), 0, 1)) for s in STAGES]
    closest = min(np.linalg.norm(a - b) for a, b in itertools.combinations(labs, 2))
    assert closest >= 15, f"two stage colours are only {closest:.1f} CIELAB units apart under {vision}"


def test_one_colour_per_stage():
    assert list(STAGE_COLORS) == list(STAGES)
    assert len(set(STAGE_COLORS.values())) == len(STAGES)


def test_every_chart_uses_the_same_stage_colours(ds):
    for name, fig in _figures(ds).items():
        for trace in fig.data:
            if trace.type == "bar" and trace.name in STAGE_COLORS:
                assert trace.marker.color == STAGE_COLORS[trace.name], name
            if trace.type in ("funnel",) or (trace.type == "bar" and trace.name is None):
                stages = [c[0] for c in trace.customdata]
                assert list(trace.marker.color) == [STAGE_COLORS[s] for s in stages], name


# -------------------------------------------------------------------------------------- titles
def test_titles_state_the_finding(ds):
    # Titles wrap at a phone's character budget (tests/test_charts_bigscreen.py): read them unwrapped.
    titles = {name: fig.layout.title.text.replace("<br>", " ") for name, fig in _figures(ds).items()}
    assert titles["opd"] == "3 dari 5 OPD sudah berinovasi"
    assert titles["funnel"].startswith("57% inovasi (4 dari 7)")
    assert titles["stages"] == "Tahap terbanyak: Delivery (2 inovasi)"
    assert titles["years"] == "Inovasi terbanyak pada tahun 2020 (2 inovasi)"
    assert titles["leading"] == "OPD terdepan: Dinas A (3 inovasi)"
    assert titles["kec"] == "2 dari 3 kecamatan sudah memiliki inovasi"
    assert titles["map"] == "2 dari 3 kecamatan terjangkau; terbanyak Maja (3)"
    assert titles["heatmap"] == "2 dari 6 OPD sudah memamerkan inovasi (Display)"


def test_english_titles_and_axes(ds):
    figures = _figures(ds, lang="en")
    assert figures["opd"].layout.title.text.replace("<br>", " ") == "3 of 5 agencies have innovated"
    assert figures["years"].layout.xaxis.title.text == "Year"
    assert figures["stages"].layout.yaxis.title.text == "Number of innovations"
    assert figures["years"].layout.separators == ".,"
    assert _figures(ds)["years"].layout.separators == ",."
    assert _figures(ds)["years"].layout.xaxis.title.text == "Tahun"


def test_subtitles_say_what_is_counted_apart(ds):
    figures = _figures(ds)
    kec, years = (figures[name].layout.title.subtitle.text.replace("<br>", " ") for name in ("kec", "years"))
    assert "1 inovasi se-kabupaten" in kec
    assert "1 inovasi tanpa kecamatan" not in kec
    assert "1 tanpa kecamatan" in kec
    assert "1 inovasi tanpa tahun" in years


# --------------------------------------------------------------------------------- cross-filter
def test_raw_category_travels_in_customdata(ds):
    table = [("opd", "Dinas A"), ("leading", "Dinas A"), ("kec", "Maja"), ("funnel", "Drum-up"), ("stages", "Drum-up")]
    figures = _figures(ds)
    assert [(name, figures[name].data[0].customdata[0][0]) for name, _ in table] == table


def test_years_customdata_are_years(ds):
    fig = _figures(ds)["years"]
    assert [c[0] for c in fig.data[0].customdata] == [2019, 2020, 2021, 2022]


def test_selected_bars_are_emphasised(ds):
    matrix = opd_stage_matrix(ds.records, ds.reference)
    fig = opd_stage_figure(matrix, selected=["Badan B"])
    opacity = list(fig.data[0].marker.opacity)
    assert opacity[list(matrix.index).index("Badan B")] == 1.0
    assert opacity[0] == LIGHT.dim_opacity


# ------------------------------------------------------------------------------- long names, text
def test_long_opd_names_wrap_and_rows_grow(reference):
    from lebak_dash.views.dataset import load_sample_dataset

    sample = load_sample_dataset(reference=reference)
    matrix = opd_stage_matrix(sample.records, reference)
    fig = opd_stage_figure(matrix, by_kind=False)
    labels = list(fig.data[0].y)
    assert max(label.count("<br>") for label in labels) == 1  # at most two lines, never cut
    assert all(label.replace("<br>", " ") in matrix.index for label in labels)
    assert fig.layout.yaxis.automargin is True
    short = opd_stage_figure(matrix.head(5), by_kind=False)
    assert fig.layout.height > short.layout.height * 4


def test_wrap_label_never_cuts():
    for text, width, lines in [
        ("Dinas Kesehatan", 44, 1),
        ("a " * 60, 44, 2),
        ("x" * 100, 44, 1),
        ("kata " * 40, 10, 2),
    ]:
        wrapped = wrap_label(text, width)
        assert wrapped.count("<br>") + 1 == lines, (text, width)
        assert wrapped.replace("<br>", " ").split() == text.split(), (text, width)


def test_user_text_is_escaped_in_figures(ds):
    matrix = opd_stage_matrix(ds.records, ds.reference).rename(index={"OPD Baru": "<a href='x'>klik</a>"})
    fig = opd_stage_figure(matrix, by_kind=False)
    assert "<a" not in " ".join(fig.data[0].y)
    assert "&lt;a href=&#39;x&#39;&gt;klik&lt;/a&gt;" in [
        y.replace("<br>", " ") for y in fig.data[0].y
    ]  # quotes too: the one HTML escape (html_text)
    assert "<a" not in " ".join(fig.data[0].hovertext)


def test_opd_rows_are_grouped_by_kind(ds):
    fig = _figures(ds)["opd"]
    kinds, names = fig.data[0].y
    assert list(kinds) == ["Dinas", "Dinas", "Badan", "Kecamatan", "Kecamatan", OTHER_KIND]
    assert names[0] == "Dinas A"


# ------------------------------------------------------------------------------------------- map
def test_map_is_offline(ds):
    fig = _figures(ds)["map"]
    assert {trace.type for trace in fig.data} == {"scatter"}  # no scattermap/scattergeo tiles
    assert "mapbox" not in fig.layout.to_plotly_json() and "map" not in fig.layout.to_plotly_json()
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == pytest.approx(1 / np.cos(np.radians(np.mean([-6.35, -6.93, -6.40]))))


def test_map_marks_zero_and_sizes_by_count(ds):
    fig = _figures(ds)["map"]
    zero, counted, labels = fig.data
    assert [c[0] for c in zero.customdata] == ["Cibadak"]
    assert [c[0] for c in counted.customdata] == ["Maja", "Bayah"]
    assert counted.marker.size[0] > counted.marker.size[1]  # Maja (3) bigger than Bayah (2)
    assert list(labels.text) == ["Maja", "Bayah", "Cibadak"]


# ---------------------------------------------------------------------------------------- styles
def test_dark_and_scaled_styles(ds):
    big = DARK.scaled(2)
    assert big.font_size == 2 * DARK.font_size and big.row_px == 2 * DARK.row_px
    for fig in _figures(ds, style=big).values():
        assert fig.layout.paper_bgcolor == DARK.paper_color
        assert fig.layout.font.size == big.font_size
        assert fig.layout.title.font.size == big.title_size


def test_empty_data_gives_a_figure_that_says_so(ds):
    empty = ds.records.iloc[:0]
    figures = [
        stage_funnel_figure(stage_funnel(empty)),
        year_stage_figure(per_year_stage(empty)),
        leading_opd_figure(leading_opds(empty, ds.reference)),
        opd_heatmap_figure(opd_stage_matrix(empty, ds.reference, include_zero=False)),
    ]
    for fig in figures:
        assert isinstance(fig, go.Figure)
        assert fig.layout.annotations[0].text == "Tidak ada data untuk filter ini"


def test_every_figure_is_a_go_figure(ds):
    assert all(isinstance(fig, go.Figure) for fig in _figures(ds).values())


def test_no_streamlit_outside_ui():
    package = ROOT / "lebak_dash"
    offenders = []
    for path in package.rglob("*.py"):
        if "ui" in path.relative_to(package).parts:
            continue
        tree = ast.parse(Path(path).read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] in ("streamlit", "plotly.express") or n == "plotly.express" for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
