"""Run every benchmark and print their tables (the figures of docs/performance.md).

Run: ``python bench/run_all.py`` (about 22 minutes on the 2-core build machine; nginx for the replicas).
Each benchmark measures its own baseline in the same run; see each module's docstring.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SUITE = [
    ("Import vs openpyxl (issue 2)", ["bench_import.py"]),
    ("check as a whole process vs openpyxl as a whole process (issue 11)", ["bench_check.py"]),
    ("Stored version vs import (issue 4/6)", ["bench_store.py"]),
    ("Rerun after a filter change (issue 6)", ["bench_rerun.py"]),
    ("First chart in Chromium (issue 6)", ["first_chart.py"]),
    ("100,000 points placed in their kecamatan (issue 12)", ["bench_boundaries.py"]),
    ("20 sessions while a version is activated, 10k records (issue 6)", ["bench_load.py", "--rows", "10000"]),
    ("20 sessions while a version is activated, 100k records (issue 6)", ["bench_load.py", "--rows", "100000"]),
    ("40 sessions on 1 replica and on 2 behind nginx, a version activated (issue 16)", ["bench_replicas.py"]),
    ("A new version seen by every replica: the poll against LISTEN/NOTIFY (issue 16)", ["bench_poll.py"]),
]


def main() -> None:
    print(f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}")  # fmt: skip
    for title, args in SUITE:
        print(f"\n## {title}\n\n`python bench/{' '.join(args)}`\n", flush=True)
        proc = subprocess.run([sys.executable, str(BENCH / args[0]), *args[1:]], capture_output=True, text=True)
        lines = [line for line in proc.stdout.splitlines() if not line.startswith("20")]
        print("\n".join(lines) if proc.returncode == 0 else f"FAILED ({proc.returncode}):\n{proc.stderr[-2000:]}")


if __name__ == "__main__":
    main()
