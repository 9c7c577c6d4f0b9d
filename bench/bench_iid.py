"""Benchmark: the import of an IID-shaped export against a Bappeda list of the same size (issue 11).

Both files have 100,000 rows by default (``workbooks.iid_workbook`` and ``workbooks.workbook``);
the IID one exercises the new rules (logins, ``-`` as empty, IID stages, coordinates in every form,
dd-mm-yyyy dates, grouped urusan, same name+OPD rows). In-process, alternating the two, median of
several runs; the ratio says what the IID export's rules cost over the list's.

Run: ``python bench/bench_iid.py [--rows 100000] [--repeats 3]``
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbooks import iid_workbook, workbook

from lebak_dash.ingest.importer import import_workbook


def _timed(path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    result = import_workbook(path)
    elapsed = time.perf_counter() - start
    assert result.ok, path
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    files = {"Bappeda list": workbook(args.rows), "IID export": iid_workbook(args.rows)}
    for path in files.values():  # warm-up: modules, caches
        import_workbook(path)
    runs: dict[str, list[float]] = {name: [] for name in files}
    for _ in range(args.repeats):
        for name, path in files.items():
            runs[name].append(_timed(path))
    medians = {name: statistics.median(values) for name, values in runs.items()}
    print(f"| shape | rows | import (s), median of {args.repeats} | ratio |")
    print("| --- | ---: | ---: | ---: |")
    base = medians["Bappeda list"]
    for name, seconds in medians.items():
        print(f"| {name} | {args.rows:,} | {seconds:.2f} | {seconds / base:.2f}x |")


if __name__ == "__main__":
    main()
