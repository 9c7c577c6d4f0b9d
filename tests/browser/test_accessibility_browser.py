"""axe-core on every page in a real browser: no serious and no critical finding, in both languages,
the presentation's slides at 1920x1080 in both themes, the upload page as a viewer and after an editor's login,
and Ringkasan with every chart's "Lihat data" table open. Each page has one h1.

Moderate and minor findings do not fail the test: they are written to
test-artifacts/axe-findings.json and listed, with their reasons, in docs/accessibility.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from .. import progress_fixture
from ..store_helpers import run_cli
from .axe import BLOCKING, Finding, axe_script, run_axe
from .conftest import ARTIFACTS, LOAD_TIMEOUT_MS, StreamlitServer, assert_no_exception, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "siti", "kata-sandi-rahasia-1"
DATA = {"id": "Lihat data", "en": "Show data"}
LOGIN = {"id": ("Nama editor", "Kata sandi", "Masuk"), "en": ("Editor name", "Password", "Log in")}


@dataclass(frozen=True)
class Case:
    """One page as axe sees it: its address, the query, the charts to wait for, the window, a login."""

    path: str
    query: tuple[tuple[str, str], ...] = ()
    charts: int = 0
    size: tuple[int, int] = (1440, 900)
    editor: bool = False
    open_data: bool = False
    slide: int = 0


#: Every page of the app (the router's registry), with what to wait for before the check.
CASES = {
    "ringkasan": Case("", charts=3),
    "ringkasan-data": Case("", charts=3, open_data=True),
    "opd": Case("opd", charts=2),
    "tahapan": Case("tahapan", charts=2),
    "kecamatan": Case("kecamatan", charts=2),
    "daftar": Case("daftar"),
    "unggah-viewer": Case("unggah"),
    "unggah-editor": Case("unggah", editor=True),
    "riwayat": Case("riwayat"),
    "template": Case("template"),
    "referensi": Case("referensi"),
    "panduan": Case("panduan"),
    "perkembangan": Case("perkembangan", charts=5),
    "briefing": Case("briefing"),
}


#: The presentation's fixed slides and the first showcase: (name, plotly charts on it).
SLIDES = (("kpi", 0), ("tahapan", 1), ("opd", 1), ("peta", 1), ("kecamatan", 1), ("tren", 1), ("etalase", 0))
CASES.update(
    {
        f"presentasi-{number}-{name}-{theme}": Case(
            "presentasi",
            (("slide", str(number)), ("jeda", "1"), ("tema", theme)),
            charts=charts,
            size=(1920, 1080),
            slide=number,
        )
        for number, (name, charts) in enumerate(SLIDES, start=1)
        for theme in ("terang", "gelap")
    }
)


@pytest.fixture(scope="module")
def axe_server(tmp_path_factory, chromium_path):
    """A server whose store holds four versions (so Perkembangan draws its charts) and one editor
    (made with the command line)."""
    del chromium_path
    folder = tmp_path_factory.mktemp("lebak-axe")
    progress_fixture.make_store(folder)
    done = run_cli(folder, "add-editor", EDITOR, "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    server = StreamlitServer(folder).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """The pinned, hash-checked axe-core script."""
    return axe_script()


@pytest.fixture(scope="module")
def report():
    """Every non-blocking finding by case, written to test-artifacts/axe-findings.json at the end."""
    found: dict[str, list[str]] = {}
    yield found
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-findings.json").write_text(json.dumps(found, indent=2, ensure_ascii=False))


def log_in(page: Page, lang: str) -> None:
    """Log in as the editor on the page's login form and wait for the editor's page."""
    name, password, button = LOGIN[lang]
    page.get_by_label(name).fill(EDITOR)
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=LOAD_TIMEOUT_MS)
    wait_for_app(page)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_no_serious_or_critical_finding(axe_server, app_page, axe_source, report, name, lang):
    case = CASES[name]
    page = app_page
    page.set_viewport_size({"width": case.size[0], "height": case.size[1]})
    query = dict(case.query)
    if lang != "id":
        query["lang"] = lang
    page.goto(axe_server.page_url(case.path, **query))
    wait_for_app(page)
    if case.editor:
        log_in(page, lang)
    if case.slide:  # the slide asked for is on screen (not a clamped or default one)
        page.wait_for_function(
            "n => document.querySelector('.p-count')?.textContent.trim().startsWith(n + ' /')", arg=case.slide
        )
    if case.charts:
        wait_for_charts(page, case.charts)
    if case.open_data:  # every chart's "Lihat data" table, as a keyboard or screen reader user opens it
        for summary in page.locator("summary", has_text=DATA[lang]).all():
            summary.click()
        page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stTable\"] table').length >= 3")
    assert_no_exception(page)
    assert page.locator("h1").count() == 1  # one page title; axe checks that the levels follow it
    findings = run_axe(page, axe_source)
    report[f"{name}-{lang}"] = [str(f) for f in findings]
    blocking: list[Finding] = [f for f in findings if f.impact in BLOCKING]
    assert not blocking, "\n".join(str(f) for f in blocking)
