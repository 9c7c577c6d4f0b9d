"""Load test: N concurrent sessions rerunning a page, optionally while a new version is activated.

Each session is a websocket client (:mod:`st_client`) that reruns the page as fast as the server
answers, with a different filter in the URL each time (what a person changing filters causes).
Reported: reruns per second (throughput), p50 and slowest page time, errors, and, when an action
runs mid-test, whether every session saw its effect afterwards.

Run: ``python bench/load_test.py --app bench/apps/three_charts.py --sessions 20 --seconds 30``
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import streamlit_server
from st_client import RunResult, Session


@dataclass
class LoadResult:
    """Figures of one load test."""

    sessions: int
    seconds: float
    runs: list[tuple[int, float, RunResult]] = field(default_factory=list)  # (session, finished at, result)
    action_done_at: float | None = None
    saw_effect: dict[int, bool] = field(default_factory=dict)

    @property
    def ok_runs(self) -> list[RunResult]:
        """Return the runs that finished without error."""
        return [r for _, _, r in self.runs if r.ok]

    @property
    def errors(self) -> int:
        """Return how many runs failed (exception, timeout, page not found)."""
        return sum(1 for _, _, r in self.runs if not r.ok)

    @property
    def throughput(self) -> float:
        """Return successful reruns per second."""
        return len(self.ok_runs) / self.seconds

    @property
    def p50(self) -> float:
        """Return the median page time in seconds."""
        return statistics.median(r.seconds for r in self.ok_runs) if self.ok_runs else float("nan")

    @property
    def slowest(self) -> float:
        """Return the slowest page time in seconds."""
        return max((r.seconds for _, _, r in self.runs), default=float("nan"))


#: What one rerun sends: keyword arguments of :meth:`Session.rerun` (a URL, changed widgets).
Step = Callable[[random.Random], dict[str, object]]


def url_steps(queries: Sequence[str]) -> Step:
    """Return a step that opens a random URL of `queries` (an app that reads its URL every run)."""
    return lambda rng: {"query_string": rng.choice(queries)}


def widget_steps(key: str, values: Sequence[object]) -> Step:
    """Return a step that sets widget `key` to a random one of `values` (a person changing a filter)."""
    return lambda rng: {"widgets": {key: rng.choice(values)}}


async def _session(
    index: int,
    url: str,
    page: str,
    step: Step,
    stop_at: list[float],
    result: LoadResult,
    marker: Callable[[RunResult], bool] | None,
    headers: dict[str, str] | None = None,
) -> None:
    rng = random.Random(index)
    async with Session(url, headers) as session:
        first = await session.rerun(page_name=page)  # opening the page: learns the widgets
        result.runs.append((index, time.perf_counter(), first))
        # A session with a marker goes on until one of its runs started after the action finished.
        while time.perf_counter() < stop_at[0] or (
            marker is not None and result.action_done_at is not None and index not in result.saw_effect
        ):
            run = await session.rerun(page_name=page, **step(rng))
            now = time.perf_counter()
            result.runs.append((index, now, run))
            started = now - run.seconds
            if marker is not None and result.action_done_at is not None and started > result.action_done_at:
                # Runs that started after the action finished must show its effect.
                result.saw_effect[index] = result.saw_effect.get(index, True) and marker(run)


async def _drive(
    url: str,
    page: str,
    step: Step,
    sessions: int,
    seconds: float,
    action: Callable[[], None] | None,
    marker: Callable[[RunResult], bool] | None,
    headers: Callable[[int], dict[str, str]] | None = None,
) -> LoadResult:
    """Run `sessions` sessions for `seconds` (``headers(i)``: session i's handshake headers) and `action` mid-run."""
    result = LoadResult(sessions, seconds)
    start = time.perf_counter()
    stop_at = [start + seconds]  # shared with the sessions; moved on if the action runs long
    tasks = [
        asyncio.create_task(_session(i, url, page, step, stop_at, result, marker, headers(i) if headers else None))
        for i in range(sessions)
    ]
    if action is not None:
        await asyncio.sleep(seconds / 3)
        stop_at[0] = float("inf")  # the sessions go on while the action runs, however long it takes
        await asyncio.to_thread(action)
        result.action_done_at = time.perf_counter()
        # Every session must get runs that start after the action finished.
        stop_at[0] = max(start + seconds, result.action_done_at + seconds / 3)
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - start
    return result


def run_load(
    app: Path,
    *,
    page: str = "",
    step: Step = url_steps(("",)),
    sessions: int = 20,
    seconds: float = 30.0,
    env: dict[str, str] | None = None,
    action: Callable[[], None] | None = None,
    marker: Callable[[RunResult], bool] | None = None,
) -> tuple[LoadResult, float]:
    """Start `app`, load it, and return the result and the server's peak memory (MiB)."""
    with streamlit_server(app, env) as server:
        # One warm-up run, so caches are filled as they would be after the first visitor.
        asyncio.run(_warm(server.url, page))
        result = asyncio.run(_drive(server.url, page, step, sessions, seconds, action, marker))
        return result, server.peak_rss_mb()


async def _warm(url: str, page: str) -> None:
    async with Session(url) as session:
        await session.rerun(page_name=page)


def format_row(name: str, result: LoadResult, peak_mb: float) -> str:
    """Return one Markdown table row of a load result."""
    seen = "" if not result.saw_effect else f" {sum(result.saw_effect.values())}/{result.sessions}"
    return (
        f"| {name} | {result.sessions} | {len(result.runs)} | {result.throughput:.2f} | {result.p50:.2f} | "
        f"{result.slowest:.2f} | {result.errors} |{seen} | {peak_mb:.0f} |"
    )


HEADER = (
    "| app | sessions | reruns | reruns/s | p50 (s) | slowest (s) | errors | saw new version | server peak MiB |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", type=Path, default=Path(__file__).parent / "apps" / "three_charts.py")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    queries = [f"tahun={y}" for y in range(2018, 2027)]
    result, peak = run_load(args.app.resolve(), step=url_steps(queries), sessions=args.sessions, seconds=args.seconds)
    print(HEADER)
    print(format_row(args.app.name, result, peak))


if __name__ == "__main__":
    main()
