"""What only a browser shows for the progress area: the Perkembangan page draws its charts (the
Sankey among them), and the briefing downloads are built on click; the HTML report then opens in a
fresh page with the network blocked and still draws every chart."""

from __future__ import annotations

import io
import urllib.parse

import pytest
from pptx import Presentation

from .. import progress_fixture as fx
from .conftest import assert_no_exception, external_requests, screenshot, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser


@pytest.fixture
def server(start_server, tmp_path, monkeypatch):
    """A fresh server whose store holds the fixture's four versions."""
    store_dir = tmp_path / "store"
    fx.make_store(store_dir, monkeypatch)
    return start_server(data_dir=store_dir)


def test_progress_page_draws_in_the_browser(server, app_page):
    app_page.goto(server.page_url("perkembangan"))
    wait_for_app(app_page)
    wait_for_charts(app_page, 5)
    app_page.wait_for_selector('[data-testid="stPlotlyChart"] .sankey-node')
    assert app_page.locator('[data-testid="stPlotlyChart"] .sankey').count() == 1
    assert app_page.locator('[data-testid="stPlotlyChart"]').count() == 5
    assert app_page.locator('[data-testid="stMetric"]', has_text="Naik tahap").count() == 1
    assert_no_exception(app_page)
    assert external_requests(app_page) == []
    screenshot(app_page, "perkembangan")


def test_briefing_downloads_and_the_report_opens_offline(server, app_page, browser, tmp_path):
    app_page.goto(server.page_url("briefing", tahap="Diagnose|Design|Drum-up|Delivery|Display"))
    wait_for_app(app_page)
    assert_no_exception(app_page)
    with app_page.expect_download() as download:
        app_page.get_by_role("button", name="Unduh laporan HTML").click()
    assert download.value.suggested_filename == "briefing_inovasi_lebak_v4.html"
    report = tmp_path / "briefing.html"
    download.value.save_as(report)
    with app_page.expect_download() as download:
        app_page.get_by_role("button", name="Unduh PowerPoint (.pptx)").click()
    assert download.value.suggested_filename == "briefing_inovasi_lebak_v4.pptx"
    deck_path = tmp_path / "briefing.pptx"
    download.value.save_as(deck_path)
    assert external_requests(app_page) == []

    deck = Presentation(io.BytesIO(deck_path.read_bytes()))
    charts = [s.name for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert "chart:prog_sankey" in charts and len(charts) == 11
    footer = next(s for s in deck.slides[1].shapes if s.name == "footer").text_frame.text
    assert "versi 4 · diunggah 10 Januari 2025" in footer and "Tahapan 5D: Diagnose, Design" in footer

    text = report.read_text(encoding="utf-8")
    charts_in_report = text.count('class="plotly-graph-div"')
    assert charts_in_report == 12

    # A fresh page (own context) that may reach nothing but the file itself.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offline = context.new_page()
    requested: list[str] = []
    offline.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    offline.on("pageerror", lambda error: errors.append(str(error)))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    offline.goto(report.as_uri())
    offline.wait_for_function(
        "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n && "
        "document.querySelectorAll('.plotly-graph-div').length === n / 2",
        arg=2 * charts_in_report,  # plotly draws two .main-svg layers per chart
        timeout=60_000,
    )
    drawn = offline.evaluate(
        "() => [...document.querySelectorAll('.plotly-graph-div')].filter(d => d.querySelector('.main-svg')).length"
    )
    assert drawn == charts_in_report
    assert offline.locator(".plotly-graph-div .sankey").count() == 1
    assert errors == []
    assert [u for u in requested if urllib.parse.urlparse(u).scheme != "file"] == []
    screenshot(offline, "briefing_html_offline", full_page=False)  # a plain page: the document scrolls
    context.close()
