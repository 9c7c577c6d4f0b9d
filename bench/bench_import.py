"""Benchmark: the whole import against ``pandas.read_excel(engine="openpyxl")`` on the same files.

In-process, alternating the two (so both see the same machine noise), median of several runs,
then the ratio. Peak memory is measured in fresh child processes (one per reader and size), each
loading the same modules first, so the figures compare the readers and not the interpreters.

Run: ``python bench/bench_import.py [--sizes 1000 10000 100000]``
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

REPEATS = {1000: 7, 10000: 5, 100000: 3}


def _openpyxl_read(path: Path) -> int:
    import pandas as pd

    return len(pd.read_excel(path, engine="openpyxl", header=None))


def _our_import(path: Path) -> int:
    from lebak_dash.ingest.importer import import_workbook

    return len(import_workbook(path).records)


def _isolated_import(path: Path) -> int:
    from lebak_dash.ingest.sandbox import import_isolated

    return len(import_isolated(path).records)


READERS = {"openpyxl": _openpyxl_read, "import": _our_import, "isolated": _isolated_import}


def _timed(func, path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    func(path)
    return time.perf_counter() - start


def time_size(path: Path, repeats: int) -> dict[str, float]:
    """Return the median seconds of each reader on `path`, runs alternating."""
    from lebak_dash.ingest.sandbox import keep_warm

    keep_warm()  # as the server does: a started worker waits for the next import
    runs: dict[str, list[float]] = {name: [] for name in READERS}
    for func in READERS.values():  # warm-up: imports, caches
        func(path)
    for _ in range(repeats):
        for name, func in READERS.items():
            if name == "isolated":
                time.sleep(1.5)  # let the spare worker finish loading, outside the clock
            runs[name].append(_timed(func, path))
    return {name: statistics.median(values) for name, values in runs.items()}


def vm_hwm_kb() -> int:
    """Return this process's peak resident memory in KiB.

    ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` is not used because
    Linux carries the parent's peak across fork and exec.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


_CHILD = """
import sys
sys.path[:0] = sys.argv[1:3]
import pandas, openpyxl, lebak_dash.ingest.importer, bench_import
if sys.argv[3] != "-":
    bench_import.READERS[sys.argv[3]](__import__("pathlib").Path(sys.argv[4]))
print(bench_import.vm_hwm_kb())
"""


def peak_rss_mb(reader: str, path: Path) -> float:
    """Return the peak resident memory (MiB) of a fresh process that runs `reader` once on `path`.

    With `reader` ``-`` the process only loads the modules: the floor shared by all readers.
    """
    args = [sys.executable, "-c", _CHILD, *sys.path[:2], reader, str(path)]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def run(sizes: list[int]) -> list[dict[str, object]]:
    """Measure every size and return one row of figures per size."""
    from workbooks import workbook

    rows = []
    floor = peak_rss_mb("-", Path("-"))
    for size in sizes:
        path = workbook(size)
        times = time_size(path, REPEATS.get(size, 3))
        rows.append(
            {
                "rows": size,
                "openpyxl_s": times["openpyxl"],
                "import_s": times["import"],
                "isolated_s": times["isolated"],
                "ratio": times["openpyxl"] / times["import"],
                "ratio_isolated": times["openpyxl"] / times["isolated"],
                "peak_openpyxl_mb": peak_rss_mb("openpyxl", path),
                "peak_import_mb": peak_rss_mb("import", path),
                "floor_mb": floor,
            }
        )
    return rows


def format_table(rows: list[dict[str, object]]) -> str:
    """Return the figures as a Markdown table."""
    lines = [
        "| rows | openpyxl read (s) | our import (s) | ratio | isolated import (s) | ratio | peak MiB openpyxl | peak MiB import | module floor MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for r in rows:
        lines.append(
            f"| {r['rows']:,} | {r['openpyxl_s']:.3f} | {r['import_s']:.3f} | {r['ratio']:.1f}x | "
            f"{r['isolated_s']:.3f} | {r['ratio_isolated']:.1f}x | {r['peak_openpyxl_mb']:.0f} | "
            f"{r['peak_import_mb']:.0f} | {r['floor_mb']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    print(format_table(run(args.sizes)))


if __name__ == "__main__":
    main()
