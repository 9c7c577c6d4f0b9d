"""Benchmark: one dashboard run after a filter change, at 1k and 100k records.

Two views of the same question, each with its baseline measured in the same run:

* **AppTest** (in process, no server): the Ringkasan page after a change of the stage filter;
  the 100k time against the 1k time.
* **Real server** (websocket client, as a browser): the same filter change on a running server;
  against the floor of an app that draws nothing (``bench/apps/empty.py``). The server's peak
  memory with 100k records is read at the end.

Run: ``python bench/bench_rerun.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ROOT, streamlit_server
from st_client import Session
from stores import store

#: The filter values alternated on every run (each run is a real change).
CHANGES = (["Delivery"], ["Display"], ["Diagnose", "Design"], [])
APPS = Path(__file__).resolve().parent / "apps"


def apptest_runs(rows: int, runs: int) -> list[float]:
    """Return the seconds of `runs` AppTest reruns of Ringkasan, each after a stage-filter change."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["LEBAK_DATA_DIR"] = str(store(rows))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    at.run()  # caches warm, as after the first visitor
    times = []
    for i in range(runs):
        at.multiselect(key="f_tahap").set_value(CHANGES[i % len(CHANGES)])
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


async def _server_runs(url: str, runs: int, change: bool) -> list[float]:
    async with Session(url) as session:
        await session.rerun()
        await session.rerun()
        times = []
        for i in range(runs):
            widgets = {"f_tahap": CHANGES[i % len(CHANGES)]} if change else None
            result = await session.rerun(widgets=widgets)
            assert result.ok, (result.status, result.exceptions)
            times.append(result.seconds)
        return times


def server_runs(
    app: Path, runs: int, env: dict[str, str] | None = None, change: bool = True
) -> tuple[list[float], float]:
    """Return the seconds of `runs` reruns on a real server, and the server's peak memory (MiB)."""
    with streamlit_server(app, env) as server:
        times = asyncio.run(_server_runs(server.url, runs, change))
        return times, server.peak_rss_mb()


def run(runs: int) -> dict[str, float]:
    """Measure everything and return the medians (seconds) and peak memory (MiB)."""
    figures: dict[str, float] = {}
    for rows in (1000, 100_000):
        figures[f"apptest_{rows}"] = statistics.median(apptest_runs(rows, runs))
    empty, _ = server_runs(APPS / "empty.py", runs, change=False)
    figures["server_empty"] = statistics.median(empty)
    for rows in (1000, 100_000):
        times, peak = server_runs(ROOT / "app.py", runs, {"LEBAK_DATA_DIR": str(store(rows))})
        figures[f"server_{rows}"] = statistics.median(times)
        figures[f"server_peak_mb_{rows}"] = peak
    return figures


def format_table(f: dict[str, float]) -> str:
    """Return the figures as a Markdown table with the ratios."""
    return "\n".join(
        [
            "| measure | 1k records | 100k records | baseline | ratio |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| AppTest rerun after a filter change (s) | {f['apptest_1000']:.3f} | {f['apptest_100000']:.3f} | "
            f"1k: {f['apptest_1000']:.3f} | {f['apptest_100000'] / f['apptest_1000']:.2f}x |",
            f"| server rerun after a filter change (s) | {f['server_1000']:.3f} | {f['server_100000']:.3f} | "
            f"empty app: {f['server_empty']:.3f} | {f['server_100000'] / f['server_empty']:.2f}x |",
            f"| server peak memory (MiB) | {f['server_peak_mb_1000']:.0f} | {f['server_peak_mb_100000']:.0f} | | |",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    print(format_table(run(args.runs)))


if __name__ == "__main__":
    main()
