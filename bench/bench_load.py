"""Load test of the dashboard: 20 sessions on Ringkasan while an editor activates a new version.

Each session is a websocket client changing the stage filter as fast as the server answers. A
third of the way in, an editor imports and activates a new version with the command line (the
same store, rules and audit as the app). Reported against a minimal three-chart app
(``bench/apps/three_charts.py``, 10k records) measured in the same run: throughput (reruns/s),
p50 and slowest page time, errors, and whether every session showed the new version afterwards.

Run: ``python bench/bench_load.py [--sessions 20] [--seconds 40] [--rows 10000]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import HEADER, format_row, run_load, url_steps, widget_steps
from serve import ROOT
from stores import copy_store, workbook

APPS = Path(__file__).resolve().parent / "apps"
STAGE_CHOICES = (["Delivery"], ["Display"], ["Diagnose", "Design"], ["Drum-up"], [])


def shows_version(number: int):
    """Return a check that a run showed data version `number` in its caption."""
    return lambda run: any(f"versi {number} ·" in text for text in run.texts)


def run(sessions: int, seconds: float, rows: int) -> list[str]:
    """Run both load tests and return the Markdown table rows."""
    baseline, baseline_peak = run_load(
        APPS / "three_charts.py",
        step=url_steps([f"tahun={y}" for y in range(2018, 2027)]),
        sessions=sessions,
        seconds=seconds,
    )
    rows_out = [format_row("three-chart app (10k)", baseline, baseline_peak)]
    with tempfile.TemporaryDirectory() as tmp:
        store = copy_store(rows, Path(tmp) / "store")
        new_version = workbook(rows, variant=1)

        def activate() -> None:
            subprocess.run(
                [sys.executable, "-m", "lebak_dash", "import", str(new_version), "--by", "bench", "--note",
                 "load test", "--data-dir", str(store)],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip

        result, peak = run_load(
            ROOT / "server.py",
            step=widget_steps("f_tahap", STAGE_CHOICES),
            sessions=sessions,
            seconds=seconds,
            env={"LEBAK_DATA_DIR": str(store)},
            action=activate,
            marker=shows_version(2),
        )
    rows_out.append(format_row(f"dashboard Ringkasan ({rows // 1000}k)", result, peak))
    ratio = result.throughput / baseline.throughput
    rows_out.append(f"\nthroughput ratio dashboard / three-chart app: {ratio:.2f}x")
    return rows_out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(HEADER)
    for line in run(args.sessions, args.seconds, args.rows):
        print(line)


if __name__ == "__main__":
    main()
