"""Keyboard only, in a real browser: Tab to the stage filter, choose a stage with the keyboard and see
the charts change; on the presentation, Tab to pause and to next and use them with the keyboard; an
editor logs in, uploads a file (the uploader's button opens the file dialog) and applies it.
Every control reached shows a visible focus indicator (an outline or a focus ring)."""

from __future__ import annotations

import pytest
from playwright.sync_api import FileChooser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lebak_dash.store import Store
from lebak_dash.ui.filters import WIDGET_KEYS

from ..store_helpers import run_cli, workbook_csv
from .conftest import LOAD_TIMEOUT_MS, assert_no_exception, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser

#: Most Tab presses from the top of a page to any control (a page has fewer focusable elements).
MAX_TABS = 80

FOCUSED = """([sel, text]) => { const el = document.activeElement; const found = el && el.closest(sel);
  return !!found && (!text || found.innerText.includes(text)); }"""
#: The look of the focused element and its ancestors up to its widget (``.st-key-*``): outlines,
#: focus rings (box-shadow) and border colours. Kept in ``window.__focusChain`` to compare the same
#: elements once the focus has left.
FOCUS_LOOK = """(remember) => {
  if (remember) { const chain = []; let el = document.activeElement;
    while (el && el !== document.body) {
      chain.push(el);
      if ([...el.classList].some(c => c.startsWith('st-key-'))) break;
      el = el.parentElement; }
    window.__focusChain = chain; }
  return window.__focusChain.map(e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join(' '); }); }"""
CHART_TITLES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .gtitle')]
  .map(t => t.textContent).join(' | ')"""


def tab_to(page: Page, selector: str, text: str = "") -> int:
    """Press Tab until the focused element is inside `selector` (that shows `text`); return the presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, [selector, text]):
            return presses
    raise AssertionError(f"{selector} not reached with {MAX_TABS} Tab presses")


def assert_focus_visible(page: Page) -> None:
    """Fail unless the focused control looks different from the same control unfocused.

    The focus leaves with Shift+Tab (which triggers nothing) and comes back with Tab.
    """
    page.wait_for_timeout(300)  # the focus transition too: read mid-way it can still look unfocused
    focused = page.evaluate(FOCUS_LOOK, True)
    html = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)  # let a focus transition end
    unfocused = page.evaluate(FOCUS_LOOK, False)
    page.keyboard.press("Tab")
    assert focused != unfocused, f"no visible focus on {html}"
    back = page.evaluate("() => window.__focusChain[0] === document.activeElement")
    assert back, f"Tab did not come back to {html}: {page.evaluate('document.activeElement.outerHTML.slice(0, 200)')}"


def test_tab_to_the_stage_filter_choose_a_stage_and_the_charts_change(streamlit_server, app_page):
    page = app_page
    page.goto(streamlit_server.page_url(""))
    wait_for_app(page)
    wait_for_charts(page, 3)
    before = page.evaluate(CHART_TITLES)
    stage_filter = f".st-key-{WIDGET_KEYS['tahapan']}"
    tab_to(page, stage_filter)
    assert_focus_visible(page)
    page.keyboard.type("Display")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.href.includes('Display')", timeout=LOAD_TIMEOUT_MS)
    wait_for_app(page)
    page.wait_for_function(f"b => ({CHART_TITLES})() !== b", arg=before, timeout=LOAD_TIMEOUT_MS)
    assert_no_exception(page)
    assert page.locator(stage_filter).get_by_text("Display", exact=True).count() == 1


def test_pause_and_advance_the_presentation_with_the_keyboard(streamlit_server, app_page):
    page = app_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(streamlit_server.page_url("presentasi", slide="1", interval="60"))
    page.wait_for_selector(".p-count", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=LOAD_TIMEOUT_MS)
    tab_to(page, ".st-key-p_pause")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.href.includes('jeda=1')", timeout=LOAD_TIMEOUT_MS)
    count = page.locator(".p-count").inner_text().strip()
    assert count.startswith("1 /"), count
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=LOAD_TIMEOUT_MS)
    if not page.evaluate(FOCUSED, [".st-key-p_next", ""]):
        tab_to(page, ".st-key-p_next")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.p-count')?.textContent.trim().startsWith('2 /')", timeout=LOAD_TIMEOUT_MS
    )
    assert "jeda=1" in page.url  # still paused after the step
    assert_no_exception(page)


EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"


@pytest.fixture
def editor_server(start_server, tmp_path_factory):
    """A fresh server on an empty store with one editor (made with the command line)."""
    folder = tmp_path_factory.mktemp("lebak-keyboard")
    done = run_cli(folder, "add-editor", EDITOR, "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    server = start_server(data_dir=folder)
    server.store = Store.open(folder)  # type: ignore[attr-defined]
    return server


def open_file_dialog(page: Page, button: str) -> FileChooser:
    """Press Enter on the focused uploader button and return the file dialog it opens.

    A rerun that ends just after the login can redraw the uploader under the focus (seen on a
    loaded machine): then the focus is taken back to the button with Tab and Enter pressed again.
    """
    for attempt in range(3):
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=LOAD_TIMEOUT_MS)
        if not page.evaluate(FOCUSED, [button, ""]):
            tab_to(page, button)
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Enter")
            return chooser.value
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def test_log_in_upload_and_apply_with_the_keyboard(editor_server, app_page):
    page = app_page
    page.goto(editor_server.page_url("unggah"))
    wait_for_app(page)
    tab_to(page, '[data-testid="stTextInput"]:has(input[aria-label="Nama editor"])')
    assert_focus_visible(page)
    page.keyboard.type(EDITOR)
    tab_to(page, '[data-testid="stTextInput"]:has(input[aria-label="Kata sandi"])')
    page.keyboard.type(PASSWORD)
    tab_to(page, '[data-testid="stFormSubmitButton"]')
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=LOAD_TIMEOUT_MS)
    wait_for_app(page)

    uploader = '[data-testid="stFileUploaderDropzone"] button'
    tab_to(page, uploader)
    assert_focus_visible(page)
    chooser = open_file_dialog(page, uploader)
    chooser.set_files({"name": "keyboard.csv", "mimeType": "text/csv", "buffer": workbook_csv("keyboard")})
    page.get_by_text("Pemeriksaan selesai").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    wait_for_app(page)

    tab_to(page, '[data-testid="stButton"]', "Terapkan sebagai versi baru")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.get_by_text("Versi 1 diterapkan").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    assert [v.number for v in editor_server.store.versions()] == [1]
    assert_no_exception(page)
