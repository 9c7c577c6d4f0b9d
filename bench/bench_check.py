"""Benchmark: ``python -m lebak_dash check`` as a whole process against openpyxl's read as a whole process.

What a person waits for: from starting the command to its exit, interpreter start-up, module
loading, the isolated worker and the report included. The baseline is
``python -c "import pandas; pandas.read_excel(FILE, engine='openpyxl')"`` on the same file, measured
in the same run. Issue 11's target: the check in at most 0.20 of openpyxl's time, with a peak
memory of all the command's processes together no higher than openpyxl's.

* time: median of ``--repeats`` runs of each command, alternating (same machine noise), with
  nothing else watching them;
* memory: one further run of each, its process tree (the command and every descendant: the check
  worker) sampled every 5 ms; "tree peak" is the largest sum of their resident sizes (RSS) at one
  moment, the figure the target speaks of; "sum of peaks" adds each process's own peak
  (``VmHWM``), an upper bound; "tree peak PSS" is the largest sum of their proportional set sizes
  (``Pss`` of ``smaps_rollup``: a page shared by two processes, such as the Python binary's, counts
  half in each), the memory the machine really gives the command.

``check`` runs against an empty data folder (``--data-dir``, the bundled lists; no store is made).

Run: ``python bench/bench_check.py [--rows 100000] [--repeats 3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

_SAMPLE_S = 0.005


def commands(path: Path, data_dir: Path, before: Path | None = None) -> dict[str, list[str]]:
    """Return the commands to compare on `path` (with `before`, also ``check`` of that checkout)."""
    openpyxl = f"import pandas; pandas.read_excel({str(path)!r}, engine='openpyxl')"
    check = ["-m", "lebak_dash", "check", str(path), "--json", "--data-dir", str(data_dir)]
    found = {"check": [sys.executable, *check], "openpyxl": [sys.executable, "-c", openpyxl]}
    if before is not None:  # the same command run from another checkout (its package first on the path)
        found["before"] = [sys.executable, "-c", _FROM_CHECKOUT, str(before), *check[2:]]
    return found


_FROM_CHECKOUT = (
    "import runpy, sys; root = sys.argv.pop(1); sys.path.insert(0, root); "
    "runpy.run_module('lebak_dash', run_name='__main__', alter_sys=True)"
)


def _pss_kb(pid: int) -> int:
    """Return the proportional set size of `pid` in KiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _status_kb(pid: int) -> tuple[int, int]:
    """Return (VmRSS, VmHWM) of `pid` in KiB, (0, 0) when it is gone."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def _children(pid: int) -> list[int]:
    """Return every descendant of `pid` (through ``/proc/<pid>/task/*/children``)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    kids = [int(k) for k in handle.read().split()]
            except OSError:
                continue
            found.extend(kids)
            todo.extend(kids)
    return found


def timed(cmd: list[str]) -> float:
    """Return the seconds `cmd` takes from start to exit (it must succeed or reject: exit 0 or 1)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def peak_memory(cmd: list[str]) -> tuple[float, float, float, int]:
    """Return (tree peak RSS MiB, sum of peaks MiB, tree peak PSS MiB, processes seen) of one run of `cmd`."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = pss_peak = 0
    own_peaks: dict[int, int] = {}
    while proc.poll() is None:
        total = pss = 0
        for pid in (proc.pid, *_children(proc.pid)):
            rss, hwm = _status_kb(pid)
            total += rss
            pss += _pss_kb(pid)
            own_peaks[pid] = max(own_peaks.get(pid, 0), hwm)
        tree_peak, pss_peak = max(tree_peak, total), max(pss_peak, pss)
        time.sleep(_SAMPLE_S)
    return tree_peak / 1024, sum(own_peaks.values()) / 1024, pss_peak / 1024, len(own_peaks)


def measure(name: str, path: Path, repeats: int, before: Path | None = None) -> dict[str, object]:
    """Measure the commands on `path`; return one row of figures."""
    with tempfile.TemporaryDirectory() as empty:
        cmds = commands(path, Path(empty) / "store", before)
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(repeats):
            for key, cmd in cmds.items():
                times[key].append(timed(cmd))
        memory = {key: peak_memory(cmd) for key, cmd in cmds.items()}
        assert not (Path(empty) / "store").exists(), "check made a store"
    check_s, openpyxl_s = statistics.median(times["check"]), statistics.median(times["openpyxl"])
    row: dict[str, object] = {}
    if before is not None:
        before_s = statistics.median(times["before"])
        row = {"before_s": before_s, "before_ratio": before_s / openpyxl_s, "before_tree_mb": memory["before"][0]}
    return row | {
        "workbook": name,
        "check_s": check_s,
        "openpyxl_s": openpyxl_s,
        "ratio": check_s / openpyxl_s,
        "check_tree_mb": memory["check"][0],
        "check_sum_mb": memory["check"][1],
        "check_pss_mb": memory["check"][2],
        "check_processes": memory["check"][3],
        "openpyxl_tree_mb": memory["openpyxl"][0],
        "openpyxl_sum_mb": memory["openpyxl"][1],
        "openpyxl_pss_mb": memory["openpyxl"][2],
    }


def format_table(rows: list[dict[str, object]]) -> str:
    """Return the figures as a Markdown table."""
    lines = [
        "| workbook | check (s) | openpyxl (s) | time ratio | check tree peak RSS MiB | openpyxl peak RSS MiB | memory ratio | check sum of peaks MiB | check / openpyxl tree peak PSS MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for r in rows:
        memory_ratio = float(r["check_tree_mb"]) / float(r["openpyxl_tree_mb"])  # type: ignore[arg-type]
        lines.append(
            f"| {r['workbook']} | {r['check_s']:.2f} | {r['openpyxl_s']:.2f} | {r['ratio']:.3f} | "
            f"{r['check_tree_mb']:.0f} ({r['check_processes']} processes) | {r['openpyxl_tree_mb']:.0f} | "
            f"{memory_ratio:.2f} | {r['check_sum_mb']:.0f} | {r['check_pss_mb']:.0f} / {r['openpyxl_pss_mb']:.0f} |"
        )
    if any("before_s" in r for r in rows):
        lines += [
            "",
            "| workbook | check before (s) | time ratio before | tree peak RSS MiB before |",
            "| --- | ---: | ---: | ---: |",
        ]
        for r in rows:
            lines.append(
                f"| {r['workbook']} | {r['before_s']:.2f} | {r['before_ratio']:.3f} | {r['before_tree_mb']:.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    from workbooks import iid_workbook, workbook

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout whose check to measure too (e.g. main)")
    args = parser.parse_args(argv)
    books = {
        f"template-shaped, {args.rows:,} rows (`bench/workbooks.py`)": workbook(args.rows),
        f"IID-shaped, {args.rows:,} rows (`bench/workbooks.py`)": iid_workbook(args.rows),
    }
    print(format_table([measure(name, path, args.repeats, args.before) for name, path in books.items()]))


if __name__ == "__main__":
    main()
