"""Browser test fixtures (Playwright driving Debian's Chromium against a real Streamlit server).

Reusable by every area's browser tests:

* ``streamlit_server``: one server per test module (the sample data, an empty temporary
  ``LEBAK_DATA_DIR``); use it unless a fresh server is the point of the test.
* ``start_server``: a factory for fresh servers (``start_server(env={...})``), stopped after the
  test; ``start_servers(n)`` starts several at once (in parallel: start-up is mostly waiting).
* ``app_page``: a Playwright page whose requests are recorded; ``external_requests(app_page)``
  lists every request that left 127.0.0.1.
* helpers: :func:`wait_for_app`, :func:`wait_for_charts`, :func:`assert_no_exception`,
  :func:`screenshot` (PNG files in ``test-artifacts/``, git-ignored), :func:`png_picture` (a
  downloaded PNG's size and how much of it is drawn on).

Chromium is Debian's (``/usr/bin/chromium``), never a downloaded browser. When it is missing the
tests FAIL, unless ``LEBAK_SKIP_BROWSER=1`` says to skip them.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from ..conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
#: Generous: a cold start loads plotly's 4.7 MB script and imports the app (6-8 s seen here).
LOAD_TIMEOUT_MS = 60_000
START_TIMEOUT_S = 60.0
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", ""})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser as ``browser`` (``-m "not browser"`` leaves them out)."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ------------------------------------------------------------------------------------- chromium
@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Return Debian's Chromium; fail when it is missing (skip only with LEBAK_SKIP_BROWSER=1)."""
    if os.environ.get("LEBAK_SKIP_BROWSER") == "1":
        pytest.skip("LEBAK_SKIP_BROWSER=1: browser tests skipped on request")
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail(
            "Chromium not found: install Debian's package (apt-get install -y chromium) "
            "or set LEBAK_SKIP_BROWSER=1 to skip the browser tests."
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """Launch Debian's Chromium with flags that keep it quiet and offline-friendly."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Desk-sized window, Indonesian locale (other tests may override per context)."""
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}, "locale": "id-ID"}


# -------------------------------------------------------------------------------------- servers
def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 now."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StreamlitServer:
    """A ``streamlit run server.py`` process (the production entry) on 127.0.0.1 with its own data directory.

    Parameters
    ----------
    data_dir : Path
        ``LEBAK_DATA_DIR`` of the server.
    env : dict, optional
        More environment variables.
    script : str
        App file, relative to the project root.
    """

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, script: str = "server.py") -> None:
        self.data_dir = Path(data_dir)
        self.port = free_port()
        self.script = script
        self.env = {**os.environ, "LEBAK_DATA_DIR": str(self.data_dir), **(env or {})}
        self.log_path = self.data_dir / f"streamlit-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Return the base URL (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, path: str = "", **params: str) -> str:
        """Return the URL of page `path` with query `params`."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return f"{self.url}/{path.strip('/')}{query}"

    def start(self) -> StreamlitServer:
        """Start the server and wait until ``/_stcore/health`` answers 200."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
        ]
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {START_TIMEOUT_S} s:\n{self.log()}")

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 10 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        """Return the server's output so far."""
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""


@pytest.fixture
def start_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: str
) -> Iterator[Callable[..., StreamlitServer]]:
    """Return a factory of fresh servers (each with its own empty data dir), all stopped afterwards."""
    del chromium_path  # a browser test without Chromium fails before starting servers
    started: list[StreamlitServer] = []

    def start(env: dict[str, str] | None = None, data_dir: Path | None = None) -> StreamlitServer:
        server = StreamlitServer(data_dir or tmp_path_factory.mktemp("lebak-data"), env=env)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


def start_servers(count: int, env: dict[str, str] | None = None) -> list[StreamlitServer]:
    """Start `count` fresh servers in parallel (each in its own temporary data dir)."""
    servers = [StreamlitServer(Path(tempfile.mkdtemp(prefix="lebak-data-")), env=env) for _ in range(count)]
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(StreamlitServer.start, servers))
    return servers


@pytest.fixture(scope="module")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[StreamlitServer]:
    """One server for the whole test module (sample data, empty temporary data dir)."""
    del chromium_path
    server = StreamlitServer(tmp_path_factory.mktemp("lebak-data")).start()
    yield server
    server.stop()


#: Lebak's real kecamatan boundaries (not shipped: read from ../shared; tests using them skip without).
BOUNDARIES = ROOT.parent / "shared" / "reference" / "kecamatan_batas_lebak.geojson"


@pytest.fixture(scope="module")
def boundaries_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[StreamlitServer]:
    """One server for the module with Lebak's real boundaries (``LEBAK_BOUNDARIES``) and the sample data."""
    del chromium_path
    if not BOUNDARIES.is_file():
        pytest.skip(f"{BOUNDARIES} absent")
    server = StreamlitServer(tmp_path_factory.mktemp("lebak-batas"), env={"LEBAK_BOUNDARIES": str(BOUNDARIES)}).start()
    yield server
    server.stop()


# ---------------------------------------------------------------------------------------- pages
@pytest.fixture
def app_page(page: Page) -> Page:
    """Return the Playwright page with every requested URL recorded in ``page.requested_urls``."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.requested_urls = requested  # type: ignore[attr-defined]
    page.set_default_timeout(LOAD_TIMEOUT_MS)
    return page


def external_requests(page: Page) -> list[str]:
    """Return the URLs the page requested from anywhere but 127.0.0.1 (data: and blob: are local)."""
    urls = getattr(page, "requested_urls", [])
    outside = []
    for url in urls:
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            outside.append(url)
    return outside


def wait_for_app(page: Page, timeout: int = LOAD_TIMEOUT_MS) -> None:
    """Wait until the app has rendered and its script run has finished."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    # The status widget ("Running...") is shown while the script runs.
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)


def wait_for_charts(page: Page, minimum: int = 1, timeout: int = LOAD_TIMEOUT_MS) -> None:
    """Wait until at least `minimum` plotly charts are drawn (their SVG exists).

    Charts are counted, not SVG layers: plotly draws two or more ``.main-svg`` per chart.
    """
    page.wait_for_function(
        """n => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .filter(chart => chart.querySelector('.main-svg')).length >= n""",
        arg=minimum,
        timeout=timeout,
    )


def assert_no_exception(page: Page) -> None:
    """Fail when Streamlit shows an exception box."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page to ``test-artifacts/<name>.png`` and return its path.

    Streamlit scrolls inside its main container, not the document, so a "full page" shot grows
    the window to the content's height for the picture (capped at 8000 px), then restores it.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    if full_page and size:
        height = page.evaluate(
            "() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]']"
            ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": size["width"], "height": min(8000, max(size["height"], int(height)))})
        page.wait_for_timeout(400)  # let plotly relayout to the new size before the picture
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if full_page and size:
            page.set_viewport_size(size)
    return path


#: Decodes a PNG in the page and returns its size and the share of pixels that are not near white.
_PIXELS = """
async (data) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + data;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
  return {width: img.width, height: img.height, ink: ink / (d.length / 4)};
}
"""


def png_picture(page: Page, data: bytes, name: str) -> tuple[int, int, float]:
    """Return a downloaded PNG's (width, height) read from its header, and the share of its pixels
    that are drawn on (not near white), decoded by the browser; keep it as ``test-artifacts/<name>.png``.

    The header and the decoded picture must agree on the size (a PNG the browser cannot decode
    fails here).
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    width, height = struct.unpack(">II", data[16:24])
    kept = ARTIFACTS / f"{name}.png"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(data)
    decoded = page.evaluate(_PIXELS, base64.b64encode(data).decode())
    assert (decoded["width"], decoded["height"]) == (width, height)
    return width, height, float(decoded["ink"])


def open_menu_section(page: Page, section: str = "Dasbor") -> None:
    """Open a section of the top navigation so its page links show."""
    page.locator('[data-testid="stTopNavSection"]', has_text=section).first.click()
    page.wait_for_selector('[data-testid="stTopNavDropdownLink"]')


def menu_links(page: Page, section: str = "Dasbor") -> list[str]:
    """Return the titles of the page links of a top navigation section (icons left out)."""
    open_menu_section(page, section)
    texts = page.locator('[data-testid="stTopNavDropdownLink"]').all_inner_texts()
    page.keyboard.press("Escape")
    return [text.split("\n")[-1].strip() for text in texts]


def go_by_menu(page: Page, title: str, section: str = "Dasbor") -> None:
    """Move to another page with the navigation menu, as a user does, and wait for it."""
    open_menu_section(page, section)
    page.locator('[data-testid="stTopNavDropdownLink"]', has_text=title).first.click()
    wait_for_app(page)


def choose_in_multiselect(page: Page, label: str, option: str) -> None:
    """Pick `option` in the multiselect labelled `label` (sidebar or main) and wait for the rerun."""
    box = page.locator('[data-testid="stMultiSelect"]', has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def metric_value(page: Page, label: str) -> str:
    """Return the value shown by the metric card labelled `label`."""
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_metric(page: Page, label: str, value: str, timeout: int = LOAD_TIMEOUT_MS) -> None:
    """Wait until the metric card labelled `label` shows `value`."""
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.innerText.includes(label)
                 && m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim() === value)""",
        arg=[label, value],
        timeout=timeout,
    )


def click_chart_point(page: Page, chart_index: int, selector: str = ".barlayer .point path") -> None:
    """Click the first `selector` element of the `chart_index`-th plotly chart until the address changes.

    ``locator.click()`` times out on plotly (its drag layer is on top); a mouse click at the
    element's bounding-box centre reaches plotly's own hit testing. Every chart click selects,
    and a selection is written to the address, so the click is repeated (up to three times)
    until the address changes: on a loaded machine a chart can still be moving (a late
    relayout, an element above it growing) when the box is read, and the click then lands
    beside the bar.
    """
    before = page.evaluate("() => location.search")
    for attempt in range(3):
        box = _settled_box(page, chart_index, selector)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("(before) => location.search !== before", arg=before, timeout=15_000)
            return
        except PlaywrightError:
            if attempt == 2:
                raise


def _settled_box(page: Page, chart_index: int, selector: str) -> dict[str, float]:
    """Return the element's bounding box once the run is over and two reads 300 ms apart agree."""
    previous: dict[str, float] | None = None
    for _ in range(20):
        # A chart being redrawn detaches its elements mid-read (seen on a loaded machine).
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=LOAD_TIMEOUT_MS)
        try:
            chart = page.locator('[data-testid="stPlotlyChart"]').nth(chart_index)
            chart.scroll_into_view_if_needed()
            box = chart.locator(selector).first.bounding_box()
        except PlaywrightError:
            box = None
        if box and box == previous:
            return box
        previous = box
        page.wait_for_timeout(300)
    assert previous, f"no {selector} in chart {chart_index}"
    return previous
