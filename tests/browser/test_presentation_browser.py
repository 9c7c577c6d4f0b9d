"""The presentation in a real browser: every slide fits 1920x1080 and 1280x720 in both themes (no
scroll, no clipped content, no sidebar, toolbar or menu, no two map names overlapping, with the
centroid map and with Lebak's real boundaries), large type measured, the timer advances
and pause stops it, previous/next and reload, the way in and out, a newly activated version shows
without a reload, hostile names stay text, the "PNG" control saves the slide's chart 1200 pixels
wide with its title and data line, and nothing is fetched from outside 127.0.0.1.

Screenshots of every slide at both sizes and in both themes: test-artifacts/presentasi/.
Measurements (font sizes, scroll sizes): test-artifacts/presentasi/measurements.json.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lebak_dash.exports.tables import records_to_xlsx
from lebak_dash.views.dataset import load_sample_dataset

from ..conftest import ROOT
from .conftest import (
    ARTIFACTS,
    LOAD_TIMEOUT_MS,
    assert_no_exception,
    external_requests,
    menu_links,
    png_picture,
    wait_for_app,
)

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "presentasi"
SIZES = [(1920, 1080), (1280, 720)]
#: Slides of the first round with the sample data: (short name, plotly charts).
SLIDES = [
    ("kpi", 0),
    ("tahapan", 1),
    ("opd", 1),
    ("peta", 1),
    ("kecamatan", 1),
    ("tren", 1),
    ("etalase1", 0),
    ("etalase2", 0),
]
HOSTILE = '<img src=x onerror=alert(1)> "Inovasi" <script>alert(2)</script>'

#: One evaluation per slide: everything the checks need.
MEASURE = """() => {
  const visible = el => !!el && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden'
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const rect = el => { const r = el.getBoundingClientRect();
    return {x: r.left, y: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const se = document.scrollingElement;
  const containers = ['stMain', 'stAppViewContainer', 'stMainBlockContainer']
    .map(id => document.querySelector(`[data-testid="${id}"]`)).filter(Boolean)
    .map(e => ({id: e.getAttribute('data-testid'), scroll: e.scrollHeight, client: e.clientHeight,
                scrollW: e.scrollWidth, clientW: e.clientWidth}));
  const parts = ['.p-head', '.st-key-p_body', '.p-foot', '.st-key-p_controls']
    .map(s => ({sel: s, ...rect(document.querySelector(s))}));
  // Content that overflows its box and is hidden (cut off) instead of fitting.
  const boxes = '.p-head, .st-key-p_body, .p-foot, .p-card, .p-names, .p-kpi, .p-stage, .p-cards';
  const clipped = [...document.querySelectorAll(boxes)]
    .filter(e => e.scrollHeight > e.clientHeight + 2 || e.scrollWidth > e.clientWidth + 2)
    .map(e => `${e.className.toString().split(' ').find(c => c.startsWith('p-') || c.startsWith('st-key')) } `
             + `${e.scrollWidth}x${e.scrollHeight} > ${e.clientWidth}x${e.clientHeight}`);
  const body = document.querySelector('.st-key-p_body').getBoundingClientRect();
  const charts = [...document.querySelectorAll('.st-key-p_body .js-plotly-plot')].map(rect);
  const chartText = [...document.querySelectorAll('.st-key-p_body [data-testid="stPlotlyChart"] svg text')]
    .filter(t => (t.textContent || '').trim() && visible(t))
    .map(t => ({text: t.textContent.trim().slice(0, 30), size: parseFloat(getComputedStyle(t).fontSize)}));
  const px = s => [...document.querySelectorAll(s)].map(e => parseFloat(getComputedStyle(e).fontSize));
  // Names written on a map (scatter text), and the pairs whose boxes overlap.
  const names = [...document.querySelectorAll('.st-key-p_body .scatterlayer .textpoint text')]
    .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
  const nameOverlaps = [];
  names.forEach(([a, ra], i) => names.slice(0, i).forEach(([b, rb]) => {
    if (Math.min(ra.right, rb.right) > Math.max(ra.left, rb.left) + 1
        && Math.min(ra.bottom, rb.bottom) > Math.max(ra.top, rb.top) + 1) nameOverlaps.push(`${a}/${b}`);
  }));
  return {
    doc: {scrollH: se.scrollHeight, scrollW: se.scrollWidth, innerH: innerHeight, innerW: innerWidth},
    containers, parts, clipped, charts,
    bodyBox: {x: body.left, y: body.top, r: body.right, b: body.bottom},
    chartText,
    kpiValues: px('.p-kpi-value'), title: px('.p-title'), cardNames: px('.p-card-name'),
    chrome: ['stSidebar', 'stToolbar', 'stHeader', 'stDecoration', 'stSidebarCollapsedControl', 'stStatusWidget']
      .filter(id => visible(document.querySelector(`[data-testid="${id}"]`))),
    topNav: document.querySelectorAll('[data-testid="stTopNav"]').length,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    count: document.querySelector('.p-count')?.textContent,
    mapNames: names.length, nameOverlaps,
  };
}"""


def click(page, key: str) -> None:
    """Click the control `key` (Streamlit 1.67 keeps a hidden copy of each button to measure it)."""
    page.locator(f".st-key-{key} button:visible").first.click()


def wait_for_url(page, present: str = "", absent: str = "") -> None:
    """Wait until the address holds `present` and not `absent` (it is written at the end of a run)."""
    page.wait_for_function(
        "([present, absent]) => location.href.includes(present) && !(absent && location.href.includes(absent))",
        arg=[present, absent],
        timeout=LOAD_TIMEOUT_MS,
    )


def slide_count(page) -> str:
    return page.locator(".p-count").inner_text().strip()


def wait_for_slide(page, number: int, total: int, charts: int) -> None:
    """Wait until slide `number` is on screen with its charts drawn at their final size."""
    page.wait_for_function(
        """([label, charts]) => {
            const count = document.querySelector('.p-count');
            if (!count || count.textContent.trim() !== label) return false;
            if (!document.querySelector('.st-key-p_body') || !document.querySelector('.st-key-p_controls button'))
                return false;
            const plots = [...document.querySelectorAll('.st-key-p_body .js-plotly-plot .main-svg')];
            return plots.length >= charts && plots.every(svg => svg.getBoundingClientRect().height > 50);
        }""",
        arg=[f"{number} / {total}", charts],
        timeout=LOAD_TIMEOUT_MS,
    )
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=LOAD_TIMEOUT_MS)
    # While the previous slide's elements leave and plotly sizes the new chart to its container,
    # the body can overflow for a moment (seen on a loaded machine); measure the settled slide.
    # If it never settles, the measurement reports it.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """() => { const b = document.querySelector('.st-key-p_body');
                       return b && b.scrollHeight <= b.clientHeight + 2 && b.scrollWidth <= b.clientWidth + 2; }""",
            timeout=10_000,
        )
    page.wait_for_timeout(300)  # plotly's last relayout after the container settles


def check_slide(m: dict, name: str, size: tuple[int, int]) -> list[str]:
    """Return what is wrong with one slide's measurements."""
    width, height = size
    problems: list[str] = []
    doc = m["doc"]
    if doc["scrollH"] > doc["innerH"] or doc["scrollW"] > doc["innerW"]:
        problems.append(f"document scrolls: {doc}")
    for box in m["containers"]:
        if box["scroll"] > box["client"] + 1 or box["scrollW"] > box["clientW"] + 1:
            problems.append(f"{box['id']} scrolls: {box}")
    for part in m["parts"]:
        if part["x"] < -1 or part["y"] < -1 or part["r"] > width + 1 or part["b"] > height + 1:
            problems.append(f"{part['sel']} outside the screen: {part}")
    if m["clipped"]:
        problems.append(f"content cut off: {m['clipped']}")
    box = m["bodyBox"]
    for chart in m["charts"]:
        if chart["y"] < box["y"] - 1 or chart["b"] > box["b"] + 1 or chart["r"] > box["r"] + 1:
            problems.append(f"chart outside the slide body: {chart} vs {box}")
    if m["chrome"]:
        problems.append(f"Streamlit chrome visible: {m['chrome']}")
    if m["topNav"]:
        problems.append("the app menu is on the page")
    if m["exceptions"]:
        problems.append("an exception is shown")
    if name == "peta" and (m["nameOverlaps"] or m["mapNames"] < 15):
        problems.append(f"map names overlap: {m['nameOverlaps']} ({m['mapNames']} names)")
    if size == (1920, 1080):
        small = [t for t in m["chartText"] if t["size"] < 18]
        if small:
            problems.append(f"chart text under 18 px: {small[:5]}")
        if name == "kpi" and (len(m["kpiValues"]) != 4 or min(m["kpiValues"]) < 64):
            problems.append(f"headline numbers under 64 px: {m['kpiValues']}")
    return [f"{name} {width}x{height}: {p}" for p in problems]


@pytest.fixture(scope="module")
def measurements():
    found: dict[str, dict] = {}
    yield found
    SHOTS.mkdir(parents=True, exist_ok=True)
    summary = {
        key: {
            "document": m["doc"],
            "headline_px": m["kpiValues"],
            "title_px": m["title"],
            "card_name_px": m["cardNames"],
            "chart_text_px_min": min((t["size"] for t in m["chartText"]), default=None),
            "chart_text_px_max": max((t["size"] for t in m["chartText"]), default=None),
        }
        for key, m in sorted(found.items())
    }
    (SHOTS / "measurements.json").write_text(json.dumps(summary, indent=1))


@pytest.mark.parametrize("theme", ["terang", "gelap"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("boundaries", [False, True], ids=["titik", "batas"])
def test_every_slide_fits_the_screen(request, app_page, measurements, size, theme, boundaries):
    """Walk the first round with "next" (paused): measure, check and photograph every slide.

    With kecamatan boundaries (``batas``: Lebak's real ones), the map slide alone, as a filled map.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = request.getfixturevalue("boundaries_server" if boundaries else "streamlit_server")
    width, height = size
    app_page.set_viewport_size({"width": width, "height": height})
    start = [name for name, _ in SLIDES].index("peta") + 1 if boundaries else 1
    app_page.goto(server.page_url("presentasi", slide=str(start), jeda="1", tema=theme))
    wait_for_app(app_page)
    problems: list[str] = []
    walk = SLIDES[start - 1 : start] if boundaries else SLIDES
    for number, (name, charts) in enumerate(walk, start=start):
        if number > start:
            click(app_page, "p_next")
        wait_for_slide(app_page, number, len(SLIDES), charts)
        app_page.mouse.move(width // 2, height // 3)  # no button tooltip in the picture
        m = app_page.evaluate(MEASURE)
        shot = f"{number}_{name}{'_batas' if boundaries else ''}_{width}x{height}_{theme}"
        measurements[shot] = m
        problems += check_slide(m, name, size)
        app_page.screenshot(path=str(SHOTS / f"{shot}.png"))
    if boundaries:
        assert app_page.locator(".st-key-p_body .scatterlayer .js-fill").count() >= 28
    else:
        wait_for_url(app_page, f"tema={theme}" if theme != "terang" else "slide=8")
    assert not problems, "\n".join(problems)
    assert external_requests(app_page) == []


def test_the_timer_advances_and_pause_stops_it(streamlit_server, app_page):
    app_page.set_viewport_size({"width": 1280, "height": 720})
    app_page.goto(streamlit_server.page_url("presentasi", interval="2", slide="1"))
    wait_for_app(app_page)
    assert slide_count(app_page) == "1 / 8"
    # By itself, one slide after another, the address following.
    for label in ("2 / 8", "3 / 8"):
        app_page.wait_for_function(
            "label => document.querySelector('.p-count')?.textContent.trim() === label", arg=label, timeout=20_000
        )
    wait_for_url(app_page, "slide=3")
    # Pause: the slide stays for several intervals.
    click(app_page, "p_pause")
    wait_for_url(app_page, "jeda=1")
    held = slide_count(app_page)
    app_page.wait_for_timeout(5_000)  # two and a half intervals
    assert slide_count(app_page) == held
    assert app_page.locator(".p-timefill").count() == 0  # no time bar while paused
    # Previous and next by hand.
    number = int(held.split(" / ")[0])
    click(app_page, "p_next")
    app_page.wait_for_function(
        "label => document.querySelector('.p-count')?.textContent.trim() === label", arg=f"{number + 1} / 8"
    )
    click(app_page, "p_prev")
    app_page.wait_for_function(
        "label => document.querySelector('.p-count')?.textContent.trim() === label", arg=f"{number} / 8"
    )
    # A reload comes back to the same slide, still paused.
    app_page.reload()
    wait_for_app(app_page)
    assert slide_count(app_page) == f"{number} / 8"
    assert "jeda=1" in app_page.url
    # Play again: it moves on by itself.
    click(app_page, "p_pause")
    app_page.wait_for_function(
        "label => document.querySelector('.p-count')?.textContent.trim() !== label", arg=f"{number} / 8", timeout=20_000
    )
    wait_for_url(app_page, "slide=", absent="jeda")
    assert_no_exception(app_page)
    assert external_requests(app_page) == []


#: Wraps the browser's ``Plotly.toImage`` to record the title and subtitle of each figure it draws.
RECORD_PICTURES = """() => {
  window.__pictures = [];
  const original = window.Plotly.toImage;
  window.Plotly.toImage = (figure, options) => {
    const title = figure.layout.title || {};
    window.__pictures.push({title: title.text, subtitle: (title.subtitle || {}).text, width: options.width});
    return original(figure, options);
  };
}"""


@pytest.mark.parametrize(("slide", "charts"), [(2, 1), (5, 1)], ids=["tahapan", "kecamatan"])
def test_the_png_control_saves_the_slides_chart(streamlit_server, app_page, slide, charts):
    """One click: a PNG 1200 pixels wide, drawn on, made by Plotly in the browser from the chart on
    screen with its title and the slide's data line; on a slide without a chart the control is hidden."""
    app_page.set_viewport_size({"width": 1280, "height": 720})
    app_page.goto(streamlit_server.page_url("presentasi", slide=str(slide), jeda="1"))
    wait_for_app(app_page)
    wait_for_slide(app_page, slide, len(SLIDES), charts)
    app_page.evaluate(RECORD_PICTURES)
    with app_page.expect_download() as info:
        app_page.locator(".p-png-button").click()
    assert info.value.suggested_filename == f"inovasi-slide-{slide}.png"
    width, height, ink = png_picture(app_page, Path(info.value.path()).read_bytes(), f"presentasi/png-{slide}")
    assert width == 1200 and height >= 560
    assert ink > 0.02  # bars and text, not an empty canvas
    pictures = app_page.evaluate("() => window.__pictures")
    data_line = app_page.locator(".p-data").inner_text().strip()
    assert len(pictures) == charts
    for picture in pictures:
        assert picture["title"] and picture["width"] == 1200
        assert picture["subtitle"].split("<br>")[-1] == data_line, picture
    click(app_page, "p_prev" if slide == 2 else "p_next")  # the KPI slide and the trend: no chart, a chart
    wait_for_slide(app_page, slide - 1 if slide == 2 else slide + 1, len(SLIDES), 0 if slide == 2 else 1)
    assert app_page.locator(".p-png-button").is_visible() == (slide != 2)
    assert_no_exception(app_page)
    assert external_requests(app_page) == []


def test_in_through_the_menu_and_out_through_exit(streamlit_server, app_page):
    app_page.goto(streamlit_server.page_url("", tahap="Display"))
    wait_for_app(app_page)
    assert menu_links(app_page, "Presentasi") == ["Presentasi"]
    app_page.locator('[data-testid="stTopNavSection"]', has_text="Presentasi").first.click()
    app_page.locator('[data-testid="stTopNavDropdownLink"]', has_text="Presentasi").first.click()
    app_page.wait_for_selector(".p-head", timeout=LOAD_TIMEOUT_MS)
    wait_for_app(app_page)
    wait_for_url(app_page, "tahap=Display")  # the dashboard's filter is presented...
    assert app_page.url.split("?")[0].endswith("/presentasi")
    assert "Tahapan 5D: Display" in app_page.locator(".p-scope").inner_text()  # ...and named
    # No app menu and no sidebar here (the previous page's leave once this page's run is over).
    app_page.wait_for_selector('[data-testid="stTopNav"]', state="detached", timeout=LOAD_TIMEOUT_MS)
    app_page.wait_for_selector('[data-testid="stSidebar"]', state="detached", timeout=LOAD_TIMEOUT_MS)
    app_page.locator(".st-key-p_controls a").first.click()  # the discreet way back
    app_page.wait_for_selector('[data-testid="stTopNav"]', timeout=LOAD_TIMEOUT_MS)
    wait_for_app(app_page)
    assert app_page.locator("h1").first.inner_text() == "Ringkasan inovasi daerah"
    wait_for_url(app_page, "tahap=Display")
    assert_no_exception(app_page)
    assert external_requests(app_page) == []


def _hostile_workbook(path) -> None:
    """Write a small workbook (30 innovations) whose newest Display innovation has a hostile name."""
    records = load_sample_dataset().records.head(30).copy()
    records["nama"] = records["nama"].astype(object)
    display = records.index[records["tahapan"] == "Display"]
    assert len(display) >= 1
    records.loc[display[0], "nama"] = HOSTILE
    records.loc[display[0], "tahun"] = int(records["tahun"].max())
    path.write_bytes(records_to_xlsx(records))


def test_a_new_version_shows_without_a_reload(start_server, app_page, tmp_path):
    """First request of a fresh server; a version activated by the CLI shows at the next slide."""
    server = start_server()
    dialogs: list[str] = []
    app_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    app_page.set_viewport_size({"width": 1280, "height": 720})
    app_page.goto(server.page_url("presentasi", interval="2"))
    wait_for_app(app_page)
    assert app_page.locator('[data-testid="stTopNav"]').count() == 0  # hidden on a fresh server's deep link too
    assert "Data contoh" in app_page.locator(".p-data").inner_text()
    app_page.evaluate("() => { window.__sameDocument = true; }")
    workbook = tmp_path / "versi_baru.xlsx"
    _hostile_workbook(workbook)
    command = [sys.executable, "-m", "lebak_dash", "import", str(workbook), "--by", "uji"]
    result = subprocess.run(
        [*command, "--data-dir", str(server.data_dir)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    app_page.wait_for_function(
        "() => document.querySelector('.p-data')?.textContent.includes('versi 1')", timeout=30_000
    )
    assert app_page.evaluate("() => window.__sameDocument === true")  # no reload happened
    # The showcase of the new version: the hostile name is shown as text, nothing runs.
    click(app_page, "p_pause")
    wait_for_url(app_page, "jeda=1")
    for _ in range(8):
        if "Etalase" in app_page.locator(".p-title").inner_text():
            break
        before = slide_count(app_page)
        click(app_page, "p_next")
        app_page.wait_for_function(
            "label => document.querySelector('.p-count')?.textContent.trim() !== label", arg=before
        )
    assert "Etalase" in app_page.locator(".p-title").inner_text()
    names = app_page.locator(".p-card-name").all_inner_texts()
    assert HOSTILE in names
    assert app_page.locator(".p-cards img, .p-cards script").count() == 0
    assert dialogs == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    app_page.mouse.move(640, 240)
    app_page.screenshot(path=str(SHOTS / "versi_baru_etalase_1280x720.png"))
    assert_no_exception(app_page)
    assert external_requests(app_page) == []
