"""Issue 15 in a real browser: every page of the menu (the dashboard pages, Perkembangan on a store of
four versions, and the data pages) at a phone's (390x844), a portrait tablet's (768x1024) and a
desk's (1440x900) window in Indonesian, and in English on a phone (every page) and a tablet (the
pages with charts). Each case is measured from the DOM:

* the page does not scroll sideways (``document.scrollingElement.scrollWidth <= innerWidth``, and
  neither does Streamlit's main container);
* no visible text element runs past the window, SVG text of the charts included (the collapsed
  sidebar, off-screen by design, and the insides of scrolling boxes such as wide tables, aside);
* no chart title or subtitle runs past its chart;
* every chart's plotting area is at least half the chart's width (bars keep a readable length;
  the kecamatan map from a tablet's width on, which keeps the land's proportions, aside);
* no two names of the kecamatan map overlap (SVG text boxes), with the centroid map and with the
  filled map of Lebak's real boundaries (``../shared``, skipped when absent).

A screenshot of each case goes to ``test-artifacts/small-<page>-<size>-<lang>.png`` for review.
Then, on every dashboard page of the registry, the "Bagikan" address opens the same view
(filters, language) in a fresh browser, and a chart's camera button gives a PNG 1200 pixels wide
that is not blank (the presentation's PNG control: test_presentation_browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from lebak_dash.i18n import t
from lebak_dash.ui import router
from lebak_dash.ui.share import NARROW_MARKER_KEY, NARROW_MAX_PX

from .. import progress_fixture as fx
from .conftest import (
    LOAD_TIMEOUT_MS,
    StreamlitServer,
    assert_no_exception,
    png_picture,
    screenshot,
    wait_for_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

PHONE, TABLET, DESK = (390, 844), (768, 1024), (1440, 900)
#: Every page of the menu (path, charts drawn): the dashboard pages, then the data pages (no charts).
#: The presentation has its own screen sizes (test_presentation_browser.py).
DASHBOARD = {
    "ringkasan": ("", 3),
    "opd": ("opd", 2),
    "tahapan": ("tahapan", 2),
    "kecamatan": ("kecamatan", 2),
    "daftar": ("daftar", 0),
    "perkembangan": ("perkembangan", 5),
    "briefing": ("briefing", 0),
}
PAGES = {
    **DASHBOARD,
    "unggah": ("unggah", 0),
    "riwayat": ("riwayat", 0),
    "template": ("template", 0),
    "referensi": ("referensi", 0),
    "panduan": ("panduan", 0),
}
#: Pages measured on a store of several versions (with one, Perkembangan shows no chart).
ON_VERSIONS = frozenset({"perkembangan"})


@dataclass(frozen=True)
class Case:
    page: str
    size: tuple[int, int]
    lang: str = "id"
    boundaries: bool = False


#: Indonesian at every width; English on a phone (every page) and a tablet (the pages with charts),
#: where its longer words wrap differently (the desk's width is the same layout in both).
CASES = (
    [Case(page, size) for page in PAGES for size in (PHONE, TABLET, DESK)]
    + [Case(page, PHONE, "en") for page in PAGES]
    + [Case(page, TABLET, "en") for page, (_, charts) in PAGES.items() if charts]
    # The filled map of Lebak's real boundaries (skipped without ../shared).
    + [Case("kecamatan", size, boundaries=True) for size in (PHONE, TABLET, DESK)]
)

#: Charts whose plotting area may be under half their width: the kecamatan map from a tablet's
#: width on (it keeps the land's proportions, as tall as the chart allows: a portrait map in a
#: landscape chart; its names are checked apart instead). On a phone every chart is held to the
#: rule (the OPD bars' kind column gives way there: views.screen.PHONE). See docs/dashboard.md.
NARROW_ABOVE_PHONE = ("kec_map",)


@pytest.fixture(scope="module")
def versions_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[StreamlitServer]:
    """One server for the module on a store of the progress fixture's four versions."""
    del chromium_path
    store_dir = tmp_path_factory.mktemp("lebak-versions")
    fx.make_store(store_dir)
    server = StreamlitServer(store_dir).start()
    yield server
    server.stop()


def test_every_page_of_the_menu_is_measured():
    assert set(PAGES) == {spec.key for spec in router.PAGES if spec.key not in router.MENULESS}


#: What overflows, measured in the page: a list of short descriptions (empty when all fits).
MEASURE = """
(narrowAllowed) => {
  const W = window.innerWidth, slack = 1, out = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > W + slack) out.push(`page scrolls sideways: ${root.scrollWidth} > ${W}`);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main.scrollWidth > main.clientWidth + slack)
    out.push(`main scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}`);
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const sidebarHidden = sidebar && sidebar.getAttribute('aria-expanded') === 'false';
  const scrollsInside = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p !== main) return true;
    }
    return false;
  };
  const shown = el => {
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) !== 0;
  };
  const selector = 'h1,h2,h3,p,li,label,button,summary,code,[data-testid="stMetricValue"],svg text';
  const textNodes = [...document.querySelectorAll(selector)];
  for (const el of textNodes) {
    if (!el.textContent.trim() || !shown(el)) continue;
    if (sidebarHidden && sidebar.contains(el)) continue;
    if (el.closest('[data-testid="stTooltipContent"],[data-baseweb="popover"],.hoverlayer')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > W + slack || r.left < -slack) && !scrollsInside(el))
      out.push(`text past the window: "${el.textContent.trim().slice(0, 40)}" ${r.left}..${r.right} of ${W}`);
  }
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const svg = chart.querySelector('.main-svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    for (const t of chart.querySelectorAll('.g-gtitle text')) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.right > box.right + slack || r.left < box.left - slack))
        out.push(`chart title cut: "${t.textContent.slice(0, 40)}" ${Math.round(r.right)} > ${Math.round(box.right)}`);
    }
    // No two names of a map overlap (the names hidden on a narrow chart have no box).
    if (chart.closest('[class*="st-key-chart_kec_map_"]')) {
      const names = [...chart.querySelectorAll('.scatterlayer .textpoint text')]
        .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
      names.forEach(([a, ra], i) => names.slice(0, i).forEach(([b, rb]) => {
        if (Math.min(ra.right, rb.right) > Math.max(ra.left, rb.left) + slack
            && Math.min(ra.bottom, rb.bottom) > Math.max(ra.top, rb.top) + slack)
          out.push(`map names overlap: "${a}" and "${b}"`);
      }));
      if (names.length < 15) out.push(`map names: only ${names.length}`);
    }
    const plot = chart.querySelector('.nsewdrag');
    const geo = chart.querySelector('.geo, .mapboxgl-map, .maplibregl-map');
    const excused = [...chart.closest('[class*="st-key-chart_"]')?.classList || []]
      .some(c => narrowAllowed.some(name => c.startsWith(`st-key-chart_${name}_`)));
    if (plot && !geo && !excused) {
      const p = plot.getBoundingClientRect();
      if (p.width < box.width / 2)
        out.push(`plot area narrow: ${p.width} of ${box.width} in "${chart.querySelector('.gtitle')?.textContent}"`);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c.page}-{c.size[0]}x{c.size[1]}-{c.lang}{'-batas' if c.boundaries else ''}"
)
def test_page_fits_the_window(request, app_page: Page, case: Case):
    page = app_page
    fixture = "boundaries_server" if case.boundaries else "streamlit_server"
    server = request.getfixturevalue("versions_server" if case.page in ON_VERSIONS else fixture)
    page.set_viewport_size({"width": case.size[0], "height": case.size[1]})
    path, charts = PAGES[case.page]
    page.goto(server.page_url(path, **({"lang": case.lang} if case.lang != "id" else {})))
    wait_for_app(page)
    if case.size[0] < NARROW_MAX_PX:  # the browser tells the server after the first run: it reruns for a phone
        page.wait_for_selector(f".st-key-{NARROW_MARKER_KEY}", state="attached")
        wait_for_app(page)
    if charts:
        wait_for_charts(page, charts)
    page.wait_for_timeout(600)  # plotly's autosize to the container after the first draw
    assert_no_exception(page)
    if case.boundaries:
        page.wait_for_function("() => document.querySelectorAll('.scatterlayer .js-fill').length >= 28")
    narrow_allowed = [] if case.size == PHONE else list(NARROW_ABOVE_PHONE)
    problems = page.evaluate(MEASURE, narrow_allowed)
    batas = "-batas" if case.boundaries else ""
    screenshot(page, f"small-{case.page}-{case.size[0]}x{case.size[1]}-{case.lang}{batas}")
    assert problems == [], problems


def _shared_address(page: Page, button: str) -> str:
    page.get_by_role("button", name=button).first.click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first
    code.wait_for()
    return code.inner_text().strip()


def _view(page: Page) -> tuple[str, str]:
    """Return the page's title and its active-filters line (what a shared view must reproduce)."""
    title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    line = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]', has_text="·").first.inner_text()
    return title, line


#: Every dashboard page of the registry (the pages with the "Bagikan" control), by its address (the
#: default page at "/"), with filters to send on; the languages alternate (each page's share is
#: checked once; the control is the same).
SHARED = {
    "": {"tahap": "Delivery|Display", "lang": "en"},
    "opd": {"tahap": "Delivery|Display", "tahun": "2020-2024", "lang": "en"},
    "tahapan": {"tahun": "2021-2023"},
    "kecamatan": {"opd": "Dinas Kesehatan"},
    "daftar": {"kec": "Maja|Bayah", "lang": "en"},
    "perkembangan": {"tahap": "Display"},
    "briefing": {"tahun": "2022", "lang": "en"},
}


def test_every_dashboard_page_is_shared():
    dashboard = {
        "" if spec.default else spec.url_path
        for spec in router.PAGES
        if spec.section in ("dasbor", "perkembangan") and not spec.hidden  # hidden: /ringkasan, the page at /
    }
    assert set(SHARED) == dashboard


@pytest.mark.parametrize(("path", "query"), SHARED.items(), ids=[path or "ringkasan" for path in SHARED])
def test_shared_address_opens_the_same_view(streamlit_server, app_page: Page, browser: Browser, path, query):
    page = app_page
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(streamlit_server.page_url(path, **query))
    wait_for_app(page)
    before = _view(page)
    address = _shared_address(page, "Share" if query.get("lang") == "en" else "Bagikan")
    assert address.startswith(streamlit_server.page_url(path) + "?"), address
    fresh = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        other = fresh.new_page()
        other.set_default_timeout(LOAD_TIMEOUT_MS)
        other.goto(address)
        wait_for_app(other)
        assert _view(other) == before
        assert_no_exception(other)
    finally:
        fresh.close()


def test_chart_png_is_1200_pixels_wide_and_not_blank(streamlit_server, app_page: Page):
    page = app_page
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(streamlit_server.page_url(""))
    wait_for_app(page)
    wait_for_charts(page, 3)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    chart.hover()
    camera = chart.locator('.modebar-btn[data-title*="PNG"]')
    with page.expect_download() as info:
        camera.click()
    width, height, ink = png_picture(page, Path(info.value.path()).read_bytes(), "small-chart")
    assert width == 1200 and height >= 280
    assert ink > 0.02  # bars and text, not an empty canvas
    # Plotly draws the picture from the chart's own layout: its title, and the data line last.
    title, subtitle = chart.locator(".js-plotly-plot").evaluate(
        "gd => [gd.layout.title.text, gd.layout.title.subtitle.text]"
    )
    assert title and subtitle.replace("<br>", " ").endswith(t("chart.source_sample", "id")), (title, subtitle)
