"""Issue 15's pure pieces: what makes a chart readable on a phone at every width (titles wrapped at a
phone's budget, the legend under the plot, long OPD names abbreviated with the full name in the hover)
and what makes a view worth sending (the page's address with its filters, the data under the title).
The browser checks are in tests/browser/test_small_screens_browser.py."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from lebak_dash.analysis.aggregate import leading_opds, per_year_stage
from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.query import filters_from_query, filters_to_query, share_address
from lebak_dash.charts.dashboard import leading_opd_figure, year_stage_figure
from lebak_dash.charts.style import LIGHT, TITLE_WRAP_AT, legend_layout, short_label, title_pad, with_source
from lebak_dash.ui.share import PNG_WIDTH, chart_config, image_options, is_secure_address
from lebak_dash.views.dataset import load_sample_dataset
from lebak_dash.views.screen import PRESENT_DARK, PRESENT_LIGHT


@pytest.fixture(scope="module")
def sample():
    return load_sample_dataset()


@pytest.mark.parametrize(
    ("base", "query", "expected"),
    [
        (
            "http://10.0.0.5:8501/opd",
            {"opd": "Dinas A|Dinas B", "lang": "en"},
            "http://10.0.0.5:8501/opd?opd=Dinas+A%7CDinas+B&lang=en",
        ),
        ("http://h/kecamatan?old=1#top", {"tahun": "2019-2021"}, "http://h/kecamatan?tahun=2019-2021"),
        ("https://dasbor.example/", {}, "https://dasbor.example/"),
        ("http://10.0.0.5:8501", {"lang": "en"}, "http://10.0.0.5:8501/?lang=en"),  # the default page
        (None, {"tahap": "Delivery"}, "?tahap=Delivery"),
        ("http://h/", {"opd": "A & B=<x>"}, "http://h/?opd=A+%26+B%3D%3Cx%3E"),
    ],
)
def test_share_address(base, query, expected):
    assert share_address(base, query) == expected


def test_shared_address_gives_back_the_filters():
    filters = Filters(tahun=(2019, 2021), opd=("Dinas A & B", "Dinkes"), tahapan=("Delivery",), kabupaten_wide=False)
    address = share_address("http://h/opd", filters_to_query(filters))
    from urllib.parse import parse_qs, urlsplit

    query = {key: values[0] for key, values in parse_qs(urlsplit(address).query).items()}
    assert filters_from_query(query) == filters


@pytest.mark.parametrize(
    ("url", "secure"),
    [
        ("https://dasbor.example/opd", True),
        ("http://localhost:8501/", True),
        ("http://127.0.0.1:8501/opd", True),
        ("http://10.0.0.5:8501/", False),
        ("http://dasbor.lebakkab.go.id/", False),
        (None, False),
        ("", False),
    ],
)
def test_copy_needs_a_secure_context(url, secure):
    assert is_secure_address(url) is secure


def test_chart_picture_is_1200_pixels_wide_png():
    config = chart_config({"displaylogo": False}, "years")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == image_options("years")
    assert (image_options("years")["width"], image_options("years")["format"]) == (PNG_WIDTH, "png") == (1200, "png")


@pytest.mark.parametrize(
    ("name", "short", "limit", "expected"),
    [
        ("Badan Pendapatan Daerah", {"Badan Pendapatan Daerah": "Bapenda"}, 20, "Bapenda"),
        ("Badan Pendapatan Daerah", {"Badan Pendapatan Daerah": "Bapenda"}, 0, "Badan Pendapatan Daerah"),
        ("Dinas Sosial", {"Dinas Sosial": "Dinsos"}, 20, "Dinas Sosial"),
        ("Badan Tanpa Singkatan Sama Sekali", {}, 20, "Badan Tanpa Singkatan Sama Sekali"),
        ("Badan Tanpa Singkatan Sama Sekali", None, 20, "Badan Tanpa Singkatan Sama Sekali"),
    ],
)
def test_short_label(name, short, limit, expected):
    assert short_label(name, short, limit) == expected


def test_leading_opds_abbreviated_on_the_axis_full_in_the_hover(sample):
    table = leading_opds(sample.records, sample.reference)
    short = sample.reference.opd_short
    figure = leading_opd_figure(table, short=short)
    bars = [tr for tr in figure.data if tr.type == "bar"]
    names = [str(n) for n in table.index]
    assert any(len(n) > LIGHT.abbreviate_at and n in short for n in names)  # so every known name is abbreviated
    expected = [short.get(n, n) for n in names]
    assert [label.replace("<br>", " ") for label in bars[0].y] == expected
    assert list(bars[0].hovertext) == names
    # The big screen keeps the full names (its style never abbreviates).
    big = leading_opd_figure(table, short=short, style=PRESENT_LIGHT)
    assert [label.replace("<br>", " ") for label in big.data[0].y] == names


def test_titles_fit_a_phone_and_legends_sit_under_the_plot(sample):
    figure = year_stage_figure(per_year_stage(sample.records))
    title = figure.layout.title
    assert max(len(line) for line in title.text.split("<br>")) <= TITLE_WRAP_AT
    assert (figure.layout.legend.orientation, figure.layout.legend.yref, figure.layout.legend.y) == (
        "h",
        "container",
        0,
    )
    assert title.pad.b == title_pad(LIGHT, title.subtitle.text.count("<br>") + 1)


@pytest.mark.parametrize("style", [PRESENT_LIGHT, PRESENT_DARK])
def test_big_screen_keeps_its_legend_at_the_right(style):
    assert legend_layout(style)["orientation"] == "v"


def test_source_line_ends_the_subtitle_escaped_and_leaves_the_figure_alone(sample):
    figure = year_stage_figure(per_year_stage(sample.records))
    before = figure.layout.title.subtitle.text
    spec = with_source(figure, "Data: <b>x</b>.xlsx, diunggah 28 November 2026").to_dict()
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert subtitle.startswith(before) and subtitle.replace("<br>", " ").endswith(
        "Data: &lt;b&gt;x&lt;/b&gt;.xlsx, diunggah 28 November 2026"
    )
    assert spec["layout"]["title"]["pad"]["b"] == title_pad(LIGHT, subtitle.count("<br>") + 1)
    assert figure.layout.title.subtitle.text == before
    # The unvalidated copy is what plotly itself would have built from the same dict.
    copy = with_source(figure, "Data: <b>x</b>.xlsx, diunggah 28 November 2026")
    assert json.loads(go.Figure(spec).to_json()) == json.loads(copy.to_json())
    assert with_source(figure, "") is figure
    assert with_source(figure, "x", PRESENT_LIGHT) is figure


def test_big_screen_numbers_are_24_px(sample):
    """Every number inside or beside a bar of the presentation's slides is at least 24 px (at 1920x1080
    the slide is drawn at its size), and plotly never shrinks one to fit its bar."""
    from lebak_dash.views.presentation_state import FIXED_SLIDES, SlideRef
    from lebak_dash.views.screen import VALUE_PX, big_screen
    from lebak_dash.views.selection import select
    from lebak_dash.views.slides import build_slide

    assert VALUE_PX >= 24
    selection = select(sample, Filters())
    sizes = []
    for style in (PRESENT_LIGHT, PRESENT_DARK):
        for kind in FIXED_SLIDES:
            for figure in build_slide(SlideRef(kind), selection, "id", big_screen(style)).figures:
                if figure.layout.uniformtext.minsize is not None:
                    assert figure.layout.uniformtext.minsize >= VALUE_PX
                for trace in figure.data:
                    in_bar = trace.type in ("bar", "funnel") and trace.text is not None
                    totals = trace.type == "scatter" and trace.mode == "text"  # the numbers after stacked bars
                    if in_bar or totals:
                        sizes.append(trace.textfont.size)
    assert sizes and min(sizes) >= 24, sizes


@pytest.mark.parametrize(
    ("bars", "title_lines", "subtitle_lines", "expected"),
    [
        (0, 1, 1, 0),
        (1, 1, 1, 0),  # one bar series: no legend
        (5, 1, 1, round(3 * 13 * 1.6)),  # five stages: three rows of two on a phone
        (2, 2, 1, round(18 * 1.25 + 13 * 1.6)),
        (0, 3, 2, round(2 * 18 * 1.25 + 13 * 1.6)),
    ],
)
def test_sized_figures_grow_by_what_wraps_around_the_plot(bars, title_lines, subtitle_lines, expected):
    import plotly.graph_objects as go

    from lebak_dash.charts.style import extra_height

    traces = [go.Bar(x=[1], name=str(i)) for i in range(bars)] + [go.Scatter(x=[1], mode="text")]
    assert extra_height(traces, LIGHT, title_lines, subtitle_lines) == expected


def test_opd_bars_on_a_phone_keep_the_kinds_order_without_their_label_column(sample):
    """The desk's grouped bars label each row with its kind and its OPD (two label columns); a
    phone's (``views.screen.PHONE``) keep the same rows in the same order with the OPD alone, a
    line between two kinds, and the kind in the hover."""
    from lebak_dash.views.opd import opd_view
    from lebak_dash.views.screen import DESK, PHONE
    from lebak_dash.views.selection import select

    selection = select(sample, Filters())
    desk = opd_view(selection, "id", DESK, by_kind=True).bars_figure
    phone = opd_view(selection, "id", PHONE, by_kind=True).bars_figure
    kinds, names = desk.data[0].y
    changes = [row for row in range(1, len(kinds)) if kinds[row] != kinds[row - 1]]
    assert len(changes) > 1 and not desk.layout.shapes
    assert list(phone.data[0].y) == list(names)
    assert list(phone.data[0].hovertext) == [f"{n} · {k}" for n, k in zip(desk.data[0].hovertext, kinds, strict=True)]
    assert [shape.y0 for shape in phone.layout.shapes] == [row - 0.5 for row in changes]
