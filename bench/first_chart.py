"""Time from server start to the first chart drawn in Chromium, against a one-chart app.

For each app: start the server, open the page in Debian's Chromium (Playwright), and stop the clock
when the first Plotly SVG is in the page. Alternating runs, median; the ratio compares the
dashboard with ``bench/apps/one_chart.py`` measured in the same run. The dashboard is measured
both through ``server.py`` (the production entry, which warms the process up while the browser
loads) and through ``app.py`` directly.

Run: ``python bench/first_chart.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ROOT, streamlit_server

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def time_to_first_chart(app: Path, path: str = "", env: dict[str, str] | None = None) -> tuple[float, float]:
    """Return (seconds from server start to a drawn chart, seconds from server ready to it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            with streamlit_server(app, env) as server:
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                page.goto(server.url + "/" + path)
                page.wait_for_selector(CHART, timeout=120_000)
                drawn = time.perf_counter()
                return drawn - server.started, drawn - server.ready
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    baseline = Path(__file__).parent / "apps" / "one_chart.py"
    apps = {
        "one-chart app": baseline,
        "dashboard (server.py)": ROOT / "server.py",
        "dashboard (app.py)": ROOT / "app.py",
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in apps}
    with tempfile.TemporaryDirectory() as store:
        env = {"LEBAK_DATA_DIR": store}  # an empty store: the dashboard shows the bundled sample
        for _ in range(args.runs):
            for name, app in apps.items():
                times[name].append(time_to_first_chart(app, env=env))
    print("| app | start to chart (s) | ready to chart (s) | ratio to one-chart app |\n| --- | ---: | ---: | ---: |")
    med = {k: (statistics.median(a for a, _ in v), statistics.median(b for _, b in v)) for k, v in times.items()}
    for name, (total, after_ready) in med.items():
        print(f"| {name} | {total:.2f} | {after_ready:.2f} | {total / med['one-chart app'][0]:.2f}x |")


if __name__ == "__main__":
    main()
