"""How a replica learns of a new version: the poll every rerun makes, against LISTEN/NOTIFY.

Every rerun asks the store what is active (:meth:`lebak_dash.store.Store.active_state`, one query)
and reloads when the key changed. On PostgreSQL the alternative is ``LISTEN``/``NOTIFY``: a
listening connection per replica learns of an activation without asking. Measured here, in one
run, on a throwaway PostgreSQL (``tests/pg.py``, Debian's binaries) and on the embedded store:
the poll's time per call (median and 95th percentile), and the time from ``NOTIFY`` to its
arrival at a listener. The baseline is the embedded store's poll.

Run: ``python bench/bench_poll.py [--calls 2000]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lebak_dash.config import SAMPLE_WORKBOOK  # noqa: E402
from lebak_dash.store import Store  # noqa: E402


def timings_us(func: Callable[[], object], calls: int) -> tuple[float, float]:
    """Return the median and 95th percentile of `calls` calls of `func`, in microseconds."""
    func()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def notify_latency_us(url: str, rounds: int) -> tuple[float, float]:
    """Return the median and 95th percentile from ``NOTIFY`` on one connection to its arrival on another."""
    import psycopg

    arrived: list[float] = []
    ready = threading.Event()

    def listen() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("LISTEN lebak_bench")
            ready.set()
            for _ in conn.notifies(stop_after=rounds):
                arrived.append(time.perf_counter())

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    ready.wait(10)
    sent: list[float] = []
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(rounds):
            sent.append(time.perf_counter())
            conn.execute("NOTIFY lebak_bench")
            while len(arrived) < len(sent):
                time.sleep(0.0001)
    listener.join(10)
    times = sorted((a - s) * 1e6 for s, a in zip(sent, arrived, strict=True))
    return statistics.median(times), times[int(len(times) * 0.95)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args(argv)
    from bench_replicas import postgres_server  # the test suite's throwaway PostgreSQL (tests/pg.py)

    with postgres_server(True) as server:
        url = server.create_database()
        with tempfile.TemporaryDirectory() as folder:
            embedded = Store.open(Path(folder) / "store", url="")
            shared = Store.open(Path(folder) / "cache", url=url)
            for store in (embedded, shared):
                candidate = store.check(SAMPLE_WORKBOOK.read_bytes(), "bench.xlsx", isolated=False)
                store.add_version(candidate, by="bench")
            rows = {
                "embedded store: `active_state()` (baseline)": timings_us(embedded.active_state, args.calls),
                "PostgreSQL: `active_state()`": timings_us(shared.active_state, args.calls),
                "PostgreSQL: `NOTIFY` to a listener": notify_latency_us(url, min(args.calls, 500)),
            }
            shared.close()
    base = rows["embedded store: `active_state()` (baseline)"][0]
    print("| what | median (µs) | p95 (µs) | median vs baseline |\n| --- | ---: | ---: | ---: |")
    for name, (median, p95) in rows.items():
        print(f"| {name} | {median:.0f} | {p95:.0f} | {median / base:.1f}x |")


if __name__ == "__main__":
    main()
