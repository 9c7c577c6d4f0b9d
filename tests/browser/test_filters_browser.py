"""What only a browser shows: a sidebar filter and a click on a bar or a map point filter the
other charts, filters survive the navigation menu and stay in the address, the language switch,
and the deferred downloads. One server for the module; each test opens its own session."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lebak_dash.analysis.filters import Filters
from lebak_dash.views.dataset import load_sample_dataset
from lebak_dash.views.selection import select

from .conftest import (
    LOAD_TIMEOUT_MS,
    assert_no_exception,
    choose_in_multiselect,
    click_chart_point,
    external_requests,
    go_by_menu,
    metric_value,
    screenshot,
    wait_for_app,
    wait_for_charts,
    wait_for_metric,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample():
    return load_sample_dataset().records


def chart_text_total(page, chart_index: int, expected: int | None = None) -> int:
    """Sum the total labels (plotly text points) drawn in a chart.

    With `expected`, first wait (up to the load timeout) for the chart to show that sum: after a
    rerun plotly redraws the chart, and on a loaded machine a read can fall between its old and
    new labels (it read 0 under load).
    """
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(chart_index)
    if expected is not None:
        with contextlib.suppress(PlaywrightTimeout):
            chart.locator(".textpoint text").first.wait_for(timeout=LOAD_TIMEOUT_MS)
            page.wait_for_function(
                """([index, expected]) => {
                    const chart = document.querySelectorAll('[data-testid="stPlotlyChart"]')[index];
                    const texts = chart ? [...chart.querySelectorAll('.textpoint text')] : [];
                    const sum = texts.map(t => (t.textContent || '').replaceAll('.', ''))
                        .filter(t => /^[0-9]+$/.test(t)).reduce((a, t) => a + parseInt(t, 10), 0);
                    return sum === expected;
                }""",
                arg=[chart_index, int(expected)],
                timeout=LOAD_TIMEOUT_MS,
            )
    texts = chart.locator(".textpoint text").evaluate_all("els => els.map(e => e.textContent || '')")
    return sum(int(t.replace(".", "")) for t in texts if t.replace(".", "").isdigit())


def open_page(page, server, path: str, charts: int = 1, **params: str) -> None:
    page.goto(server.page_url(path, **params))
    wait_for_app(page)
    if charts:
        wait_for_charts(page, charts)


def test_sidebar_filter_changes_every_chart_and_the_url(streamlit_server, app_page, sample):
    open_page(app_page, streamlit_server, "ringkasan", charts=3)
    assert metric_value(app_page, "Inovasi") == "480"
    assert chart_text_total(app_page, 1, 480) == 480  # per-year totals
    choose_in_multiselect(app_page, "Tahapan 5D", "Display")
    display = int((sample["tahapan"] == "Display").sum())
    wait_for_metric(app_page, "Inovasi", str(display))
    wait_for_charts(app_page, 3)
    expected = display - int(sample.loc[sample["tahapan"] == "Display", "tahun"].isna().sum())
    assert chart_text_total(app_page, 1, expected) == expected
    assert "tahap=Display" in app_page.url
    assert_no_exception(app_page)
    screenshot(app_page, "filter_tahapan_display")


def test_bar_click_filters_the_other_charts_and_reset_brings_all_back(streamlit_server, app_page, sample):
    open_page(app_page, streamlit_server, "ringkasan", charts=3)
    counts = sample["opd"].astype(object).value_counts()
    leader = sorted(counts.index, key=lambda name: (-counts[name], name))[0]
    click_chart_point(app_page, 2)  # the leading OPDs: first bar is the leader
    wait_for_metric(app_page, "Inovasi", str(counts[leader]))
    wait_for_charts(app_page, 3)
    assert "opd=" in app_page.url and leader.split()[-1] in app_page.url
    expected = counts[leader] - int(sample.loc[sample["opd"] == leader, "tahun"].isna().sum())
    assert chart_text_total(app_page, 1, expected) == expected
    # The clicked chart still shows every OPD (it ignores its own filter); the panel shows the choice.
    assert app_page.locator('[data-testid="stPlotlyChart"]').nth(2).locator(".barlayer .point").count() >= 10
    assert app_page.locator('[data-testid="stSidebar"]').get_by_text(leader).count() >= 1
    screenshot(app_page, "klik_batang_opd")
    # The way back from a click: the button under the chart clears that selection.
    app_page.get_by_role("button", name="Hapus pilihan OPD").click()
    wait_for_metric(app_page, "Inovasi", "480")
    assert "opd=" not in app_page.url
    click_chart_point(app_page, 2)
    wait_for_metric(app_page, "Inovasi", str(counts[leader]))
    app_page.locator('[data-testid="stMain"]').get_by_role("button", name="Hapus semua filter").click()
    wait_for_metric(app_page, "Inovasi", "480")
    assert "opd=" not in app_page.url
    assert_no_exception(app_page)


def test_stage_click_in_the_funnel(streamlit_server, app_page, sample):
    open_page(app_page, streamlit_server, "ringkasan", charts=3)
    click_chart_point(app_page, 0, ".funnellayer .point path")  # first stage: Drum-up
    wait_for_metric(app_page, "Inovasi", str(int((sample["tahapan"] == "Drum-up").sum())))
    assert "tahap=Drum-up" in app_page.url


def test_map_click_filters_by_kecamatan(streamlit_server, app_page, sample):
    open_page(app_page, streamlit_server, "kecamatan", charts=2)
    click_chart_point(app_page, 0, ".scatterlayer .trace:nth-of-type(1) .point")
    wait_for_app(app_page)
    app_page.wait_for_function("() => location.search.includes('kec=')")
    assert_no_exception(app_page)
    screenshot(app_page, "klik_peta_kecamatan")


def test_filled_map_is_drawn_and_a_click_on_a_kecamatan_filters(boundaries_server, app_page):
    """With boundaries: 28 filled shapes, a click on one (its invisible marker) filters every page."""
    open_page(app_page, boundaries_server, "kecamatan", charts=2)
    chart = app_page.locator('[data-testid="stPlotlyChart"]').first
    app_page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .scatterlayer')"
        "?.querySelectorAll('.js-fill').length >= 28"
    )
    assert chart.locator(".textpoint text").filter(has_text="Malingping").count() == 1
    # The 29th trace holds the markers (after the 28 shapes); its first point is Malingping's.
    click_chart_point(app_page, 0, ".scatterlayer .trace:nth-of-type(29) .point")
    wait_for_app(app_page)
    app_page.wait_for_function("() => location.search.includes('kec=Malingping')")
    screenshot(app_page, "klik_peta_batas_kecamatan")
    go_by_menu(app_page, "Ringkasan")
    dataset = load_sample_dataset()
    wait_for_metric(app_page, "Inovasi", str(len(select(dataset, Filters(kecamatan=("Malingping",))).records)))
    assert_no_exception(app_page)
    assert external_requests(app_page) == []


#: Where a longitude and latitude of the first chart's map are drawn in the window (the axes' offsets
#: hold the margins and the map's centring).
TO_PIXELS = """([lon, lat]) => {
  const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const layout = plot._fullLayout, box = plot.getBoundingClientRect();
  return [box.left + layout.xaxis._offset + layout.xaxis.l2p(lon),
          box.top + layout.yaxis._offset + layout.yaxis.l2p(lat)];
}"""


def test_hover_and_click_anywhere_inside_a_kecamatan_shape(boundaries_server, app_page):
    """With boundaries: the hover over a point of Cibeber's shape far from its name (and from the
    marker at its label point) names Cibeber and its count, as the marker's hover does, and a click
    there filters by Cibeber."""
    import shapely

    from lebak_dash.config import Limits
    from lebak_dash.ingest.boundaries import boundaries_json, read_boundaries
    from lebak_dash.records.boundaries import boundaries_from_json
    from lebak_dash.views.kecamatan import kecamatan_view

    from .conftest import BOUNDARIES

    dataset = load_sample_dataset()
    answer = read_boundaries(BOUNDARIES.read_bytes(), BOUNDARIES.name, dataset.reference, Limits())
    shape = {s.name: s for s in boundaries_from_json(boundaries_json(answer, "x", "")).shapes}["Cibeber"]
    far = shape.geometry.difference(shapely.Point(shape.label).buffer(0.05)).representative_point()
    frame = kecamatan_view(select(dataset, Filters()), "id").map_frame
    count = int(frame.set_index("kecamatan").loc["Cibeber", "jumlah"])
    open_page(app_page, boundaries_server, "kecamatan", charts=2)
    app_page.wait_for_function("() => document.querySelectorAll('.scatterlayer .js-fill').length >= 28")
    chart = app_page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    hovered = {}
    for where, (lon, lat) in {"inside": (far.x, far.y), "name": shape.label}.items():
        x, y = app_page.evaluate(TO_PIXELS, [lon, lat])
        app_page.mouse.move(x, y)
        label = chart.locator(".hoverlayer .hovertext")
        label.first.wait_for()
        hovered[where] = label.first.text_content()
    assert hovered == {"inside": f"Cibeber: {count}", "name": f"Cibeber: {count}"}
    screenshot(app_page, "hover_peta_batas_kecamatan", full_page=False)
    app_page.mouse.click(*app_page.evaluate(TO_PIXELS, [far.x, far.y]))
    wait_for_app(app_page)
    app_page.wait_for_function("() => location.search.includes('kec=Cibeber')")
    assert_no_exception(app_page)


def test_filters_survive_the_menu_and_return_to_the_url(streamlit_server, app_page, sample):
    open_page(app_page, streamlit_server, "ringkasan", charts=3, tahap="Design")
    design = int((sample["tahapan"] == "Design").sum())
    wait_for_metric(app_page, "Inovasi", str(design))
    go_by_menu(app_page, "Kecamatan")
    wait_for_charts(app_page, 2)
    app_page.wait_for_function(
        "() => location.pathname.endsWith('/kecamatan') && location.search.includes('tahap=Design')"
    )
    assert app_page.get_by_text(f"{design} dari 480 inovasi", exact=False).count() == 1
    go_by_menu(app_page, "Ringkasan")
    wait_for_metric(app_page, "Inovasi", str(design))
    app_page.wait_for_function("() => location.search.includes('tahap=Design')")
    assert external_requests(app_page) == []


def test_language_switch(streamlit_server, app_page):
    open_page(app_page, streamlit_server, "tahapan", charts=2)
    app_page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    app_page.wait_for_function(
        "() => document.querySelector('h1')?.innerText === 'The 5D stages of the Innovation Lab'"
    )
    app_page.wait_for_function("() => location.search.includes('lang=en')")
    wait_for_charts(app_page, 2)
    assert_no_exception(app_page)
    screenshot(app_page, "bahasa_inggris_tahapan")


def test_downloads_are_built_on_click(streamlit_server, app_page, tmp_path):
    open_page(app_page, streamlit_server, "daftar", charts=0, tahap="Display")
    app_page.wait_for_selector('[data-testid="stDataFrame"]')
    with app_page.expect_download() as download:
        app_page.get_by_role("button", name="Unduh CSV").click()
    path = tmp_path / "inovasi.csv"
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Kode Inovasi")
    assert all("Display" in line for line in lines[1:])
    with app_page.expect_download() as download:
        app_page.get_by_role("button", name="Unduh Excel (.xlsx)").click()
    assert download.value.suggested_filename == "inovasi_lebak.xlsx"
    assert_no_exception(app_page)


def test_a_completeness_link_opens_exactly_the_innovations_it_counts(streamlit_server, app_page, sample):
    """The panel's link is a real link (its own URL filters), followed after a sidebar filter: Daftar
    Inovasi lists exactly the innovations the link counted, and the menu keeps that filter."""
    open_page(app_page, streamlit_server, "ringkasan", charts=3)
    choose_in_multiselect(app_page, "Tahapan 5D", "Display")
    display = sample[sample["tahapan"] == "Display"]
    unstated = int(display["kecamatan"].map(len).eq(0).sum())
    link = app_page.locator('[data-testid="stPageLink"] a', has_text=f"Lihat {unstated} inovasi")
    link.wait_for(timeout=LOAD_TIMEOUT_MS)
    link.click()
    app_page.wait_for_url("**/daftar?**", timeout=LOAD_TIMEOUT_MS)
    wait_for_app(app_page)
    app_page.get_by_text(f"{unstated} inovasi ditampilkan").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert "kec=Tidak+disebut" in app_page.url and "tahap=Display" in app_page.url
    go_by_menu(app_page, "Ringkasan")
    wait_for_metric(app_page, "Inovasi", str(unstated))
    assert "kec=Tidak+disebut" in app_page.url
    assert_no_exception(app_page)
