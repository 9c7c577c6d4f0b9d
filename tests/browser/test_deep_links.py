"""Every dashboard page, opened by its deep link as the FIRST request to a FRESH server, shows the
app's own navigation and page (not Streamlit's legacy file list, not "Page not found"), draws
its charts, shows no exception and asks nothing from outside 127.0.0.1. A screenshot of each page
is kept in test-artifacts/."""

from __future__ import annotations

import pytest

from .conftest import (
    assert_no_exception,
    external_requests,
    menu_links,
    screenshot,
    start_servers,
    wait_for_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

#: url_path -> (page title, plotly charts drawn at least)
PAGES = {
    "ringkasan": ("Ringkasan inovasi daerah", 3),
    "opd": ("Inovasi per OPD", 4),
    "tahapan": ("Tahapan 5D Laboratorium Inovasi", 2),
    "kecamatan": ("Inovasi per kecamatan", 2),
    "daftar": ("Daftar inovasi", 0),
}


@pytest.fixture(scope="module")
def fresh_servers(chromium_path):
    """One untouched server per page, started together (start-up is mostly waiting)."""
    del chromium_path
    servers = start_servers(len(PAGES))
    yield dict(zip(PAGES, servers, strict=True))
    for server in servers:
        server.stop()


@pytest.mark.parametrize("url_path", list(PAGES))
def test_deep_link_on_a_fresh_server(fresh_servers, app_page, url_path):
    server = fresh_servers[url_path]
    title, charts = PAGES[url_path]
    app_page.goto(server.page_url(url_path, tahap="Delivery|Display"))
    wait_for_app(app_page)
    if charts:
        wait_for_charts(app_page, charts)
    else:
        app_page.wait_for_selector('[data-testid="stDataFrame"]')
    assert app_page.locator("h1").first.inner_text() == title
    # The app's own navigation, not the legacy list of files, and no "Page not found" dialog.
    assert app_page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert app_page.get_by_text("Page not found").count() == 0
    assert app_page.locator('[data-testid="stTopNav"]', has_text="Dasbor").count() == 1
    # The deep link's filters were applied and stay in the address.
    assert app_page.url.split("?")[0].endswith(f"/{url_path}")
    assert "tahap=Delivery" in app_page.url
    assert app_page.get_by_text("Filter aktif", exact=False).count() >= 1
    assert_no_exception(app_page)
    screenshot(app_page, f"halaman_{url_path}")
    assert external_requests(app_page) == []


def test_navigation_menu_lists_the_dashboard_pages(fresh_servers, app_page):
    server = fresh_servers["ringkasan"]
    app_page.goto(server.page_url(""))
    wait_for_app(app_page)
    assert menu_links(app_page) == ["Ringkasan", "OPD", "Tahapan", "Kecamatan", "Daftar Inovasi"]
