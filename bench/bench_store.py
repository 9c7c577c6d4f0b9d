"""Measure what the store saves: loading a stored version from its Arrow IPC cache vs re-importing it.

Run: ``python bench/bench_store.py [ROWS ...]`` (default: the sample, 20,000 and 100,000 rows).
Prints one line per size: median times of ``import_workbook`` (in process), ``import_isolated``
(the sandbox the app and CLI use), ``Store.load`` from the cache, and ``Store.active_state``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lebak_dash.config import SAMPLE_WORKBOOK  # noqa: E402
from lebak_dash.exports.tables import records_to_xlsx  # noqa: E402
from lebak_dash.ingest.importer import import_workbook  # noqa: E402
from lebak_dash.ingest.sandbox import import_isolated  # noqa: E402
from lebak_dash.store import Store  # noqa: E402


def median_ms(func, repeat: int) -> float:
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def workbook(rows: int) -> bytes:
    if rows <= 0:
        return SAMPLE_WORKBOOK.read_bytes()
    base = import_workbook(SAMPLE_WORKBOOK).records
    copies = -(-rows // len(base))
    frame = pd.concat([base] * copies, ignore_index=True).iloc[:rows].copy()
    frame["kode"] = [f"B-{i:06d}" for i in range(len(frame))]
    frame["nama"] = frame["nama"].astype(str) + " #" + frame.index.astype(str)
    return records_to_xlsx(frame)


def measure(rows: int) -> str:
    data = workbook(rows)
    store = Store.open(tempfile.mkdtemp())
    reference = store.reference()
    repeat = 3 if rows > 50_000 else 7
    imported = median_ms(lambda: import_workbook(data, reference=reference), repeat)
    isolated = median_ms(lambda: import_isolated(data, filename="b.xlsx", reference=reference), repeat)
    number = store.add_version(store.check(data, "bench.xlsx", isolated=False), by="bench").number
    count = len(store.load(number, with_issues=False).records)
    loaded = median_ms(lambda: store.load(number, with_issues=False), repeat * 3)
    with_issues = median_ms(lambda: store.load(number), repeat * 3)
    state = median_ms(store.active_state, 50)
    return (
        f"{count:>8} {imported:>8.1f}ms {isolated:>8.1f}ms {loaded:>6.1f}ms {with_issues:>7.1f}ms "
        f"{imported / loaded:>8.1f}x {isolated / loaded:>8.1f}x {state:>5.2f}ms"
    )


def main(sizes: list[int]) -> None:
    print(
        f"{'rows':>8} {'import':>10} {'isolated':>10} {'load':>8} {'load+iss':>9} "
        f"{'vs import':>9} {'vs isol.':>9} {'state':>7}"
    )
    for rows in sizes:
        print(measure(rows))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [0, 20_000, 100_000])
